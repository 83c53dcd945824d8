import { Progress, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TProgressRow } from '../../../shared/schemas/survey-results.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatCount, formatRate } from './format.ts';
import { Term } from './Term.tsx';
import type { RegionNamer } from './useRegionNames.ts';

const RATES = ['RR1', 'RR3', 'COOP1', 'REF1', 'CON1'] as const;
const GROUPS = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'] as const;

interface Row extends TProgressRow {
  county: boolean;
}

/** Completes against target as a bar and "n / target". */
function CompletesBar({ completes, target }: { completes: number; target: number }) {
  const percent = target > 0 ? Math.min(100, Math.round((completes / target) * 100)) : 0;
  return (
    <span style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 150 }}>
      <Progress percent={percent} size="small" showInfo={false} status={percent >= 100 ? 'success' : 'normal'} style={{ flex: 1, margin: 0 }} aria-label={`${percent}%`} />
      <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="completes">
        {formatCount(completes)} / {formatCount(target)}
      </Typography.Text>
    </span>
  );
}

/** A row's cases by AAPOR outcome group and by detailed code (expanded row). */
function Dispositions({ row }: { row: TProgressRow }) {
  const { t, locale } = useI18n();
  return (
    <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
      <div>
        <Typography.Text strong>{t('survey.progress.groups')}</Typography.Text>
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {GROUPS.map((g) => (
            <li key={g}>
              {t(`survey.group.${g}`)}：{formatCount(row.dispositions[g])}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <Typography.Text strong>{t('survey.progress.codes')}</Typography.Text>
        {row.codes.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {row.codes.map((c) => (
              <li key={c.code}>
                <code>{c.code}</code> {locale === 'en' ? c.en : c.zh}：{formatCount(c.count)}
              </li>
            ))}
          </ul>
        ) : (
          <div>—</div>
        )}
      </div>
      <div>
        <Typography.Text strong>{t('survey.progress.cases')}</Typography.Text>
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          <li>
            {t('survey.progress.sampled')}：{formatCount(row.cases.sampled)}
          </li>
          <li>
            {t('survey.progress.assigned')}：{formatCount(row.cases.assigned)}
          </li>
        </ul>
      </div>
    </div>
  );
}

/**
 * Fieldwork by township with the county first: completes against target, attempts, cases
 * released / finished / in progress / never tried, and the AAPOR rates (RR3 with the e shown
 * above the table). A row opens to its dispositions.
 */
export function ProgressTable({ county, townships, nameOf }: { county: TProgressRow; townships: TProgressRow[]; nameOf: RegionNamer }) {
  const { t } = useI18n();
  const rows: Row[] = [{ ...county, county: true }, ...townships.map((r) => ({ ...r, county: false }))];
  const columns: ColumnsType<Row> = [
    {
      key: 'region',
      title: t('survey.strata.township'),
      fixed: 'left',
      render: (_, r) => (r.county ? <Typography.Text strong>{t('survey.progress.countyRow', { name: nameOf(r.region) })}</Typography.Text> : nameOf(r.region)),
    },
    { key: 'completes', title: t('survey.progress.completesVsTarget'), render: (_, r) => <CompletesBar completes={r.completes} target={r.targetCompletes} /> },
    { key: 'attempts', title: t('survey.progress.attempts'), align: 'right', render: (_, r) => formatCount(r.attempts) },
    { key: 'released', title: t('survey.progress.released'), align: 'right', render: (_, r) => formatCount(r.cases.released) },
    { key: 'finalized', title: t('survey.progress.finalized'), align: 'right', render: (_, r) => formatCount(r.cases.finalized) },
    { key: 'inProgress', title: t('survey.progress.inProgress'), align: 'right', render: (_, r) => formatCount(r.cases.inProgress) },
    { key: 'notAttempted', title: t('survey.progress.notAttempted'), align: 'right', render: (_, r) => formatCount(r.cases.notAttempted) },
    ...RATES.map((rate) => ({
      key: rate,
      title: <Term code={rate} />,
      align: 'right' as const,
      render: (_: unknown, r: Row) => <span data-rate={rate}>{formatRate(r.rates[rate])}</span>,
    })),
  ];
  return (
    <Table<Row>
      rowKey={(r) => (r.county ? 'county' : r.region.code)}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="progress-table"
      onRow={(r) => ({ style: r.county ? { background: 'rgba(22,119,255,.05)' } : {} })}
      expandable={{ expandedRowRender: (r) => <Dispositions row={r} /> }}
    />
  );
}
