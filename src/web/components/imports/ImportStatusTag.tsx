import { Tag } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { TImportJob } from '../../types.ts';

const COLORS: Record<TImportJob['status'], string> = { running: 'processing', succeeded: 'success', rejected: 'error', failed: 'error', awaiting_confirmation: 'warning', confirmed: 'default', expired: 'default' };

export function ImportStatusTag({ job }: { job: Pick<TImportJob, 'status' | 'rejectedRows'> }) {
  const { t } = useI18n();
  const partial = job.status === 'succeeded' && job.rejectedRows > 0;
  return (
    <Tag color={partial ? 'warning' : COLORS[job.status]} data-testid="import-status" data-status={job.status}>
      {t(`import.status.${job.status}`)}
    </Tag>
  );
}
