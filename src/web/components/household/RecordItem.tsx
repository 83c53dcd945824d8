import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** One dated record in a card (a hardship label, a pairing): what, when, details, and its actions on the right. */
export function RecordItem({ title, when, details, actions, testId }: { title: ReactNode; when: string; details?: (string | false | null | undefined)[]; actions?: ReactNode; testId?: string }) {
  const lines = (details ?? []).filter((d): d is string => Boolean(d));
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,.06)' }} data-testid={testId}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div>{title}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {when}
        </Typography.Text>
        {lines.map((line) => (
          <div key={line} style={{ fontSize: 12, color: 'rgba(0,0,0,.65)', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {line}
          </div>
        ))}
      </div>
      {actions && <div style={{ display: 'flex', gap: 4, flexShrink: 0 }}>{actions}</div>}
    </div>
  );
}
