import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../i18n/index.tsx';
import type { CadreLoad } from '../../types.ts';

/** Each cadre of the area with the households they are responsible for and those they help. */
export function CadreLoadTable({ cadres, regionName }: { cadres: CadreLoad[]; regionName(code: string): string }) {
  const { t } = useI18n();
  const columns: ColumnsType<CadreLoad> = [
    {
      key: 'cadre',
      title: t('report.cadre'),
      render: (_, c) => (
        <span>
          {c.cadre.displayName} <Typography.Text type="secondary">（{c.cadre.username}）</Typography.Text>
        </span>
      ),
    },
    { key: 'region', title: t('report.cadreRegion'), responsive: ['md'], render: (_, c) => regionName(c.cadre.regionCode) },
    { key: 'responsible', title: t('report.responsibleFor'), dataIndex: 'responsibleFor', align: 'right' },
    { key: 'helping', title: t('report.helping'), dataIndex: 'helping', align: 'right' },
  ];
  return (
    <Table<CadreLoad>
      rowKey={(c) => c.cadre.id}
      size="middle"
      columns={columns}
      dataSource={cadres}
      pagination={cadres.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      data-testid="cadre-load-table"
      locale={{ emptyText: t('report.noCadres') }}
    />
  );
}
