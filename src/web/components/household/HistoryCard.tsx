import { Card, Timeline, Typography } from 'antd';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { auditActionLabel } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { HouseholdHistoryEntry } from '../../types.ts';
import { historySummary } from './historySummary.ts';

/** The household's change history from the audit log, newest first, in Beijing time. */
export function HistoryCard({ history, nameOf }: { history: HouseholdHistoryEntry[]; nameOf(code: string): string }) {
  const { t } = useI18n();
  return (
    <Card title={t('history.title')} extra={<Typography.Text type="secondary">{t('history.timeZone')}</Typography.Text>} data-testid="history-card">
      {history.length === 0 ? (
        <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>
      ) : (
        <Timeline
          items={history.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: e.action.endsWith('_ended') ? 'gray' : 'blue',
            content: (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatLocalDateTime(e.at)} · {e.actorName ?? t('history.system')}
                </Typography.Text>
                <div style={{ fontWeight: 500 }}>{auditActionLabel(t, e.action)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {historySummary(t, nameOf, e)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
