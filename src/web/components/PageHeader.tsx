import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's title with, on the right (below it on phones), a note or its main actions. */
export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
        {title}
      </Typography.Title>
      {extra}
    </div>
  );
}
