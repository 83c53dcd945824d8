import { Segmented, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { TAreaResults, TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import { useI18n } from '../../i18n/index.tsx';
import { EstimateCell } from './EstimateCell.tsx';
import { formatCount, formatInterval, formatValue, scoreColour } from './format.ts';
import type { RegionNamer } from './useRegionNames.ts';

type Rank = TSurveyResults['ranking']['items'][number];

export interface AreaRow {
  key: string;
  area: TAreaResults;
  county: boolean;
  rank: Rank | undefined;
}

type NameOf = RegionNamer;

/** The county first, then the townships in rank order (those without a reportable index last, in code order). */
export function areaRows(results: TSurveyResults): AreaRow[] {
  const rankOf = new Map(results.ranking.items.map((r) => [r.code, r]));
  const townships = [...results.townships].sort((a, b) => (rankOf.get(a.region.code)?.rank ?? Infinity) - (rankOf.get(b.region.code)?.rank ?? Infinity) || a.region.code.localeCompare(b.region.code));
  return [
    { key: 'county', area: results.county, county: true, rank: undefined },
    ...townships.map((area) => ({ key: area.region.code, area, county: false, rank: rankOf.get(area.region.code) })),
  ];
}

function RegionCell({ row, nameOf }: { row: AreaRow; nameOf: NameOf }) {
  const { t } = useI18n();
  if (row.county) return <Typography.Text strong>{t('survey.results.countyName', { name: nameOf(row.area.region) })}</Typography.Text>;
  return <span data-testid="results-township">{nameOf(row.area.region)}</span>;
}

function RankCell({ rank }: { rank: Rank | undefined }) {
  const { t } = useI18n();
  if (!rank) return <>—</>;
  if (rank.bestRank === rank.worstRank) return <span data-testid="rank">{rank.rank}</span>;
  return (
    <Tooltip title={t('survey.results.rankRange', { best: rank.bestRank, worst: rank.worstRank })}>
      <span data-testid="rank" style={{ whiteSpace: 'nowrap' }}>
        {rank.rank}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
          ({rank.bestRank}–{rank.worstRank})
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

const rowStyle = (r: AreaRow) => ({ style: r.county ? { background: 'rgba(207,19,34,.04)' } : {} });

/**
 * The main results table: rank (with the range of places the township could plausibly hold),
 * the ranking letters (same letter: not significantly different), completes, the satisfaction index, satisfaction and dissatisfaction rates, policy awareness
 * and "visited by a cadre", each with its interval and n.
 */
export function ResultsTable({ rows, nameOf, letters }: { rows: AreaRow[]; nameOf: NameOf; letters: Map<string, string> }) {
  const { t } = useI18n();
  // Letters only where the whole ranking is shown (county staff); a township viewer gets its own place only.
  const letterColumn: ColumnsType<AreaRow> = letters.size
    ? [
        {
          key: 'letters',
          title: (
            <Tooltip title={t('survey.results.groupsExplain')}>
              <span style={{ borderBottom: '1px dotted' }}>{t('survey.results.letters')}</span>
            </Tooltip>
          ),
          render: (_, r) => <span data-testid="letters">{r.county ? '' : letters.get(r.area.region.code) || '—'}</span>,
        },
      ]
    : [];
  const columns: ColumnsType<AreaRow> = [
    { key: 'rank', title: t('survey.results.rank'), width: 72, render: (_, r) => <RankCell rank={r.rank} /> },
    { key: 'region', title: t('survey.strata.township'), fixed: 'left', render: (_, r) => <RegionCell row={r} nameOf={nameOf} /> },
    ...letterColumn,
    { key: 'completes', title: t('survey.results.completes'), align: 'right', render: (_, r) => formatCount(r.area.completes) },
    { key: 'index', title: t('survey.results.indexCol'), align: 'right', render: (_, r) => <EstimateCell estimate={r.area.index} kind="index" /> },
    { key: 'satisfaction', title: t('survey.results.satisfaction'), align: 'right', render: (_, r) => <EstimateCell estimate={r.area.satisfaction} kind="rate" /> },
    { key: 'dissatisfaction', title: t('survey.results.dissatisfaction'), align: 'right', render: (_, r) => <EstimateCell estimate={r.area.dissatisfaction} kind="rate" /> },
    { key: 'awareness', title: t('survey.results.awareness'), align: 'right', render: (_, r) => <EstimateCell estimate={r.area.awareness.overall} kind="rate" /> },
    { key: 'visited', title: t('survey.results.visited'), align: 'right', render: (_, r) => <EstimateCell estimate={r.area.visited} kind="rate" /> },
  ];
  return <Table<AreaRow> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} onRow={rowStyle} data-testid="results-table" />;
}

/** A heat-map cell: the figure on a background from red (low) to green (high), details on hover. */
function HeatCell({ estimate, kind }: { estimate: TEstimate; kind: 'index' | 'rate' }) {
  const { t } = useI18n();
  if (estimate.suppressed) return <EstimateCell estimate={estimate} kind={kind} />;
  const score = kind === 'rate' ? estimate.estimate * 100 : estimate.estimate;
  const interval = formatInterval(estimate, kind);
  return (
    <Tooltip title={`${t('survey.results.interval')} ${interval ?? '—'} · n=${estimate.n}`}>
      <div style={{ background: scoreColour(score), padding: '4px 8px', borderRadius: 4, textAlign: 'right', fontVariantNumeric: 'tabular-nums', minWidth: 56 }}>{formatValue(estimate, kind)}</div>
    </Tooltip>
  );
}

/** Each domain's score (or satisfaction rate) per township, coloured as a heat map. */
export function DomainTable({ rows, nameOf }: { rows: AreaRow[]; nameOf: NameOf }) {
  const { t, locale } = useI18n();
  const [measure, setMeasure] = useState<'score' | 'satisfaction'>('score');
  const domains = rows[0]?.area.domains ?? [];
  const label = (d: (typeof domains)[number]) => (d.domain ? t(`survey.domain.${d.domain}`) : d.text[locale]);
  const columns: ColumnsType<AreaRow> = [
    { key: 'region', title: t('survey.strata.township'), fixed: 'left', render: (_, r) => <RegionCell row={r} nameOf={nameOf} /> },
    ...domains.map((d) => ({
      key: d.questionCode,
      title: (
        <Tooltip title={d.text[locale]}>
          <span>{label(d)}</span>
        </Tooltip>
      ),
      align: 'right' as const,
      render: (_: unknown, r: AreaRow) => {
        const cell = r.area.domains.find((x) => x.questionCode === d.questionCode);
        if (!cell) return '—';
        return measure === 'score' ? <HeatCell estimate={cell.score} kind="index" /> : <HeatCell estimate={cell.satisfaction} kind="rate" />;
      },
    })),
  ];
  return (
    <div>
      <div style={{ padding: '8px 16px', display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <Segmented<'score' | 'satisfaction'>
          size="small"
          value={measure}
          onChange={setMeasure}
          options={[
            { value: 'score', label: t('survey.results.domainScore') },
            { value: 'satisfaction', label: t('survey.results.domainSatisfaction') },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('survey.results.domainHint')}
        </Typography.Text>
      </div>
      <Table<AreaRow> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} onRow={rowStyle} data-testid="domain-table" />
    </div>
  );
}

/** Awareness of each named policy, overall awareness and "visited by a cadre", per township. */
export function AwarenessTable({ rows, nameOf }: { rows: AreaRow[]; nameOf: NameOf }) {
  const { t, locale } = useI18n();
  const policies = rows[0]?.area.awareness.policies ?? [];
  const columns: ColumnsType<AreaRow> = [
    { key: 'region', title: t('survey.strata.township'), fixed: 'left', render: (_, r) => <RegionCell row={r} nameOf={nameOf} /> },
    ...policies.map((p) => ({
      key: p.questionCode,
      title: p.policy[locale],
      align: 'right' as const,
      render: (_: unknown, r: AreaRow) => {
        const cell = r.area.awareness.policies.find((x) => x.questionCode === p.questionCode);
        return cell ? <EstimateCell estimate={cell.awareness} kind="rate" /> : '—';
      },
    })),
    { key: 'overall', title: t('survey.results.awarenessOverall'), align: 'right', render: (_, r) => <EstimateCell estimate={r.area.awareness.overall} kind="rate" /> },
    { key: 'visited', title: t('survey.results.visited'), align: 'right', render: (_, r) => <EstimateCell estimate={r.area.visited} kind="rate" /> },
  ];
  return <Table<AreaRow> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} onRow={rowStyle} data-testid="awareness-table" />;
}
