import { Breadcrumb, Button, Card, Empty, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { visitReportsApi } from '../../shared/api/visit-reports.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import type { TCoverageRow, TMissingVisit, TTownshipBudgetRow } from '../../shared/visits/visit-report-schemas.ts';
import { call, downloadCall } from '../api.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const ProgressChart = lazy(() => import('../components/visits/ProgressChart.tsx'));

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const yuan = (fen: number | null) => (fen === null ? '—' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** 走访进度: a campaign's coverage from county to cadre with click drill-down, the daily curve, the households missing visits and the files. */
export function VisitCoveragePage() {
  const { t } = useI18n();
  useTitle(t('visits.coverage.title'));
  const [params, setParams] = useSearchParams();
  const campaigns = useApi((signal) => call(visitReportsApi.listReportCampaigns, {}, { signal }), []);
  const campaignId = params.get('campaign') ?? campaigns.data?.items[0]?.id ?? null;
  const regionCode = params.get('region') ?? undefined;
  const [missingStatus, setMissingStatus] = useState<'overdue' | 'due'>('overdue');
  const [page, setPage] = useState(1);
  const query = regionCode ? { regionCode } : {};
  const coverage = useApi((signal) => (campaignId ? call(visitReportsApi.getCampaignCoverage, { params: { id: campaignId }, query }, { signal }) : Promise.resolve(null)), [campaignId, regionCode]);
  const progress = useApi((signal) => (campaignId ? call(visitReportsApi.getCampaignProgress, { params: { id: campaignId }, query }, { signal }) : Promise.resolve(null)), [campaignId, regionCode]);
  const missing = useApi(
    (signal) => (campaignId ? call(visitReportsApi.listMissingVisits, { params: { id: campaignId }, query: { ...query, status: missingStatus, limit: 20, offset: String((page - 1) * 20) } }, { signal }) : Promise.resolve(null)),
    [campaignId, regionCode, missingStatus, page],
  );
  const go = (next: { campaign?: string; region?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.campaign) {
      p.set('campaign', next.campaign);
      p.delete('region');
    }
    if (next.region === null) p.delete('region');
    else if (next.region) p.set('region', next.region);
    setPage(1);
    setParams(p);
  };

  const error = campaigns.error ?? coverage.error;
  if (error) return <LoadError error={error} title={t('visits.coverage.title')} onRetry={() => (campaigns.reload(), coverage.reload())} />;
  if (campaigns.data && campaigns.data.items.length === 0) return <Empty description={t('visits.coverage.noCampaign')} />;
  const report = coverage.data;

  const rowKey = (r: TCoverageRow) => r.region?.code ?? r.cadre?.id ?? 'unassigned';
  const columns = [
    {
      title: report?.rowsAre === 'cadres' ? t('visits.coverage.cadre') : t('visits.coverage.region'),
      key: 'name',
      render: (_: unknown, r: TCoverageRow) =>
        r.region ? (
          r.drillable ? (
            <Typography.Link onClick={() => go({ region: r.region!.code })} data-testid="coverage-drill">
              {r.region.name}
            </Typography.Link>
          ) : (
            r.region.name
          )
        ) : (
          (r.cadre?.displayName ?? t('visits.coverage.unassigned'))
        ),
    },
    { title: t('visits.coverage.targets'), dataIndex: 'targets', align: 'right' as const },
    { title: t('visits.coverage.visited'), key: 'visited', align: 'right' as const, render: (_: unknown, r: TCoverageRow) => `${r.visited}${r.visitedLate ? `（${t('visits.coverage.late')} ${r.visitedLate}）` : ''}` },
    { title: t('visits.coverage.coverage'), key: 'coverage', align: 'right' as const, render: (_: unknown, r: TCoverageRow) => pct(r.coverage) },
    { title: t('visits.coverage.hardship'), key: 'hardship', align: 'right' as const, render: (_: unknown, r: TCoverageRow) => `${r.hardshipVisited} / ${r.hardshipTargets}` },
    { title: t('visits.coverage.due'), dataIndex: 'due', align: 'right' as const },
    { title: t('visits.coverage.overdue'), key: 'overdue', align: 'right' as const, render: (_: unknown, r: TCoverageRow) => (r.overdue ? <Typography.Text type="danger">{r.overdue}</Typography.Text> : 0) },
    { title: t('visits.coverage.planned'), key: 'planned', align: 'right' as const, render: (_: unknown, r: TCoverageRow) => yuan(r.plannedFen) },
    { title: t('visits.coverage.delivered'), key: 'delivered', align: 'right' as const, render: (_: unknown, r: TCoverageRow) => yuan(r.deliveredFen) },
  ];

  return (
    <div>
      <PageHeader
        title={t('visits.coverage.title')}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 260 }}
              placeholder={t('visits.coverage.pickCampaign')}
              value={campaignId ?? undefined}
              onChange={(id: string) => go({ campaign: id })}
              options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.region.name}）` }))}
              data-testid="campaign-picker"
            />
            {campaignId && report?.campaign.kind === 'hardship' && (
              <Button onClick={() => void downloadCall(visitReportsApi.exportRoster, { params: { id: campaignId }, query }, '走访慰问花名册.xlsx')} data-testid="download-roster">
                {t('visits.coverage.roster')}
              </Button>
            )}
            {campaignId && (
              <Button onClick={() => void downloadCall(visitReportsApi.exportSummary, { params: { id: campaignId } }, '走访活动总结.docx')} data-testid="download-summary">
                {t('visits.coverage.summary')}
              </Button>
            )}
          </Space>
        }
      />
      {!report ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('visits.coverage.period', { from: report.campaign.startsOn, to: report.campaign.endsOn, deadline: report.campaign.deadline, grace: report.campaign.graceDays })} · {t('visits.coverage.asOf', { time: formatLocalDateTime(report.asOf) })}
          </Typography.Text>
          <Breadcrumb
            items={report.breadcrumb.map((b, i) => ({
              key: b.code,
              title: i < report.breadcrumb.length - 1 ? <Typography.Link onClick={() => go({ region: b.code })}>{b.name}</Typography.Link> : b.name,
            }))}
            data-testid="coverage-breadcrumb"
          />
          <Table<TCoverageRow>
            size="small"
            rowKey={rowKey}
            dataSource={report.rows}
            columns={columns}
            pagination={false}
            data-testid="coverage-table"
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>{t('visits.coverage.total')}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {report.total.targets}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {report.total.visited}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {pct(report.total.coverage)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{`${report.total.hardshipVisited} / ${report.total.hardshipTargets}`}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {report.total.due}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {report.total.overdue}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  {yuan(report.total.plannedFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  {yuan(report.total.deliveredFen)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Card title={t('visits.coverage.progress')} size="small">
            {progress.data ? (
              <Suspense fallback={<Skeleton active />}>
                <ProgressChart progress={progress.data} label={t('visits.coverage.visited')} />
              </Suspense>
            ) : (
              <Skeleton active />
            )}
          </Card>
          {report.budgets.length > 0 && (
            <Card title={t('visits.coverage.budgets')} size="small">
              <Table<TTownshipBudgetRow>
                size="small"
                rowKey={(b) => b.township.code}
                dataSource={report.budgets}
                pagination={false}
                columns={[
                  { title: t('visits.coverage.township'), key: 'township', render: (_, b) => b.township.name },
                  { title: t('visits.coverage.budget'), key: 'budget', align: 'right', render: (_, b) => yuan(b.budgetFen) },
                  { title: t('visits.coverage.delivered'), key: 'delivered', align: 'right', render: (_, b) => yuan(b.deliveredFen) },
                  { title: t('visits.coverage.voided'), key: 'voided', align: 'right', render: (_, b) => yuan(b.voidedFen) },
                  { title: t('visits.coverage.remaining'), key: 'remaining', align: 'right', render: (_, b) => (b.overBudget ? <Tag color="red">{t('visits.coverage.overBudget')} {yuan(b.remainingFen)}</Tag> : yuan(b.remainingFen)) },
                ]}
              />
            </Card>
          )}
          <Card
            title={t('visits.coverage.missing')}
            size="small"
            extra={
              <Segmented
                value={missingStatus}
                onChange={(v) => {
                  setMissingStatus(v as 'overdue' | 'due');
                  setPage(1);
                }}
                options={[
                  { value: 'overdue', label: t('visits.coverage.missing.overdue') },
                  { value: 'due', label: t('visits.coverage.missing.due') },
                ]}
              />
            }
          >
            <Table<TMissingVisit>
              size="small"
              rowKey="householdId"
              loading={missing.loading}
              dataSource={missing.data?.items ?? []}
              data-testid="missing-table"
              pagination={{ current: page, pageSize: 20, total: missing.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
              columns={[
                { title: t('visits.coverage.head'), key: 'head', render: (_, m) => m.headName ?? '—' },
                { title: t('visits.coverage.householdNo'), dataIndex: 'householdNo' },
                { title: t('visits.coverage.village'), key: 'village', render: (_, m) => m.village.name },
                { title: t('visits.coverage.phone'), key: 'phone', render: (_, m) => m.phoneMasked ?? '—' },
                { title: t('visits.coverage.cadre'), key: 'cadre', render: (_, m) => m.cadre?.displayName ?? t('visits.coverage.unassigned') },
                { title: t('visits.coverage.counted'), key: 'counted', align: 'right', render: (_, m) => `${m.onTime + m.late} / ${m.required}` },
              ]}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}
