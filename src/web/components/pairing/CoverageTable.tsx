import { TeamOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { PairingReportRow } from '../../types.ts';
import { CoverageBar } from './CoverageBar.tsx';

interface Props {
  rows: PairingReportRow[];
  /** A region's name in the interface language (the report gives the Chinese one). */
  nameOf(row: PairingReportRow): string;
  canBulkAssign: boolean;
  onBulkAssign(row: PairingReportRow): void;
}

const unpairedLink = (code: string) => `/registry?${new URLSearchParams({ regionCode: code, paired: 'false' })}`;

/**
 * Coverage by child region. A click drills down (county → township → village); on a village it
 * opens the registry at that village's hardship households without a responsible cadre.
 */
export function CoverageTable({ rows, nameOf, canBulkAssign, onBulkAssign }: Props) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const open = (r: PairingReportRow) => navigate(r.region.level === 'village' ? unpairedLink(r.region.code) : `/pairing?region=${r.region.code}`);

  const columns: ColumnsType<PairingReportRow> = [
    {
      key: 'region',
      title: t('report.region'),
      render: (_, r) => (
        <div style={{ minWidth: mobile ? 120 : undefined }}>
          <Link to={r.region.level === 'village' ? unpairedLink(r.region.code) : `/pairing?region=${r.region.code}`} onClick={(e) => e.stopPropagation()}>
            {nameOf(r)}
          </Link>
          {mobile && r.hardshipHouseholds > 0 && <CoverageBar row={r} />}
        </div>
      ),
    },
    ...(mobile
      ? [
          {
            key: 'counts',
            title: `${t('report.withoutResponsible')} / ${t('report.hardshipHouseholds')}`,
            align: 'right' as const,
            render: (_: unknown, r: PairingReportRow) => `${r.withoutResponsible} / ${r.hardshipHouseholds}`,
          },
        ]
      : [
          { key: 'hardship', title: t('report.hardshipHouseholds'), dataIndex: 'hardshipHouseholds', align: 'right' as const },
          { key: 'with', title: t('report.withResponsible'), dataIndex: 'withResponsible', align: 'right' as const },
          { key: 'without', title: t('report.withoutResponsible'), dataIndex: 'withoutResponsible', align: 'right' as const },
        ]),
    { key: 'coverage', title: t('report.coverage'), width: '24%', responsive: ['md'], render: (_, r) => <CoverageBar row={r} /> },
  ];
  if (rows.some((r) => r.region.level === 'village')) {
    columns.push({
      key: 'actions',
      title: <span className="sr-only">{t('common.actions')}</span>,
      render: (_, r) => (
        <Space size={4} onClick={(e) => e.stopPropagation()}>
          <Tooltip title={t('report.viewUnpaired')}>
            <Button size="small" type="text" icon={<UnorderedListOutlined />} aria-label={`${t('report.viewUnpaired')} ${nameOf(r)}`} onClick={() => open(r)} />
          </Tooltip>
          {canBulkAssign && r.withoutResponsible > 0 && (
            <Button size="small" icon={<TeamOutlined />} onClick={() => onBulkAssign(r)} aria-label={`${t('report.bulkAssign')} ${nameOf(r)}`} data-testid="bulk-assign">
              {!mobile && t('report.bulkAssign')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <Table<PairingReportRow>
      rowKey={(r) => r.region.code}
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid="coverage-table"
      locale={{ emptyText: t('report.empty') }}
      onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
    />
  );
}
