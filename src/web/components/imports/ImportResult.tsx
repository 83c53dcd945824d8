import { Alert, Col, Row, Statistic } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { TImportJob } from '../../types.ts';

/** How a finished job went: a verdict in words, then the counts. */
export function ImportResult({ job }: { job: TImportJob }) {
  const { t } = useI18n();
  const verdict =
    job.status === 'awaiting_confirmation'
      ? { type: 'warning', title: t('import.result.awaiting') }
      : job.status === 'confirmed'
        ? { type: 'info', title: t('import.result.confirmed') }
        : job.status === 'expired'
          ? { type: 'warning', title: t('import.result.expired') }
          : job.status === 'succeeded'
      ? { type: job.rejectedRows > 0 ? 'warning' : 'success', title: t(job.rejectedRows > 0 ? 'import.result.partial' : 'import.result.succeeded') }
      : job.status === 'rejected'
        ? { type: 'error', title: job.problem?.message ?? t('import.result.rejected') }
        : { type: 'error', title: job.problem?.message ?? t('import.result.failed') };
  const counts = [
    { key: 'inserted', label: t('import.inserted'), value: job.inserted },
    { key: 'updated', label: t('import.updated'), value: job.updated },
    { key: 'unchanged', label: t('import.unchanged'), value: job.unchanged },
    { key: 'rejectedRows', label: t('import.rejectedRows'), value: job.rejectedRows, danger: job.rejectedRows > 0 },
    { key: 'issueCount', label: t('import.issueCount'), value: job.issueCount, danger: job.issueCount > 0 },
  ];
  return (
    <>
      <Alert type={verdict.type as 'success' | 'info' | 'warning' | 'error'} showIcon title={verdict.title} style={{ marginBottom: 16 }} data-testid="import-verdict" />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {counts.map((c) => (
          <Col key={c.key} xs={8} md={4}>
            <Statistic title={c.label} value={c.value} styles={c.danger ? { content: { color: '#cf1322' } } : {}} data-testid={`count-${c.key}`} />
          </Col>
        ))}
      </Row>
    </>
  );
}
