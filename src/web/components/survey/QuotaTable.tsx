import { Progress, Table, Typography } from 'antd';
import type { TSurveyProgress } from '../../../shared/schemas/survey-results.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatCount, formatPercent } from './format.ts';
import type { RegionNamer } from './useRegionNames.ts';

type Quota = TSurveyProgress['quota'];
type QuotaRow = Quota['county'] & { county: boolean };
type Cell = QuotaRow['cells'][number];

function CellView({ cell }: { cell: Cell | undefined }) {
  if (!cell) return <>—</>;
  const percent = cell.targetCompletes ? Math.min(100, Math.round((cell.completes / cell.targetCompletes) * 100)) : null;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', minWidth: 120 }}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatCount(cell.completes)}
        {cell.targetCompletes !== null && ` / ${formatCount(cell.targetCompletes)}`}
        {cell.share !== null && <Typography.Text type="secondary">{`（${formatPercent(cell.share)}）`}</Typography.Text>}
      </span>
      {percent !== null && <Progress percent={percent} size="small" showInfo={false} style={{ margin: 0 }} aria-label={`${percent}%`} />}
    </span>
  );
}

/** How the phone quota (mobile : landline) fills, per township and for the county: completes against the quota's target and their share. */
export function QuotaTable({ quota, nameOf }: { quota: Quota; nameOf: RegionNamer }) {
  const { t } = useI18n();
  const rows: QuotaRow[] = [{ ...quota.county, county: true }, ...quota.townships.map((r) => ({ ...r, county: false }))];
  const cell = (r: QuotaRow, kind: 'mobile' | 'landline') => r.cells.find((c) => c.kind === kind);
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, padding: '8px 16px' }}>
        {quota.shares
          ? t('survey.quota.shares', { mobile: formatPercent(quota.shares.mobile), landline: formatPercent(quota.shares.landline) })
          : t('survey.quota.none')}
      </Typography.Paragraph>
      <Table<QuotaRow>
        rowKey={(r) => (r.county ? 'county' : r.region.code)}
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="quota-table"
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ style: r.county ? { background: 'rgba(22,119,255,.05)', fontWeight: 600 } : {} })}
        columns={[
          { key: 'region', title: t('survey.strata.township'), render: (_, r) => (r.county ? t('survey.progress.countyRow', { name: nameOf(r.region) }) : nameOf(r.region)) },
          { key: 'mobile', title: t('survey.phone.mobile'), render: (_, r) => <CellView cell={cell(r, 'mobile')} /> },
          { key: 'landline', title: t('survey.phone.landline'), render: (_, r) => <CellView cell={cell(r, 'landline')} /> },
        ]}
      />
    </>
  );
}
