import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TImportJob } from '../../types.ts';
import { ImportStatusTag } from './ImportStatusTag.tsx';

/** Recent imports of the user's area; a click opens one. */
export function ImportJobsTable({ jobs, loading, selected, onOpen }: { jobs: TImportJob[]; loading: boolean; selected: string | null; onOpen(job: TImportJob): void }) {
  const { t } = useI18n();
  const columns: ColumnsType<TImportJob> = [
    {
      key: 'file',
      title: t('import.fileName'),
      render: (_, j) => (
        <div>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {j.fileName}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatLocalDateTime(j.createdAt)} · {j.user?.displayName ?? '—'}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { key: 'mode', title: t('import.mode'), responsive: ['md'], render: (_, j) => t(`import.mode.${j.mode}`) },
    { key: 'status', title: t('user.status'), render: (_, j) => <ImportStatusTag job={j} /> },
    { key: 'rows', title: t('import.processedRows'), dataIndex: 'processedRows', align: 'right', responsive: ['sm'] },
    { key: 'inserted', title: t('import.inserted'), dataIndex: 'inserted', align: 'right', responsive: ['md'] },
    { key: 'updated', title: t('import.updated'), dataIndex: 'updated', align: 'right', responsive: ['xxl'] },
    { key: 'issues', title: t('import.issueCount'), dataIndex: 'issueCount', align: 'right', responsive: ['sm'] },
  ];
  return (
    <Table<TImportJob>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={jobs}
      loading={loading}
      pagination={false}
      data-testid="import-jobs"
      locale={{ emptyText: t('import.emptyList') }}
      rowClassName={(j) => (j.id === selected ? 'lx-row-selected' : '')}
      onRow={(j) => ({ onClick: () => onOpen(j), style: { cursor: 'pointer' } })}
    />
  );
}
