import { Alert, Card, Col, Empty, Row, Select, Skeleton, Space, Statistic, Tabs, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { surveyResultsApi } from '../../shared/api/survey-results.ts';
import type { TEstimate } from '../../shared/schemas/survey-results.ts';
import { call } from '../api.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EstimateCell } from '../components/survey/EstimateCell.tsx';
import { formatCount } from '../components/survey/format.ts';
import { RankingGroups } from '../components/survey/RankingGroups.tsx';
import { rankingLetters } from '../components/survey/ranking-letters.ts';
import type { ChartBar, ChartReference } from '../components/survey/ResultsChart.tsx';
import { areaRows, AwarenessTable, DomainTable, ResultsTable } from '../components/survey/ResultsTables.tsx';
import { WaveStatusTag } from '../components/survey/StatusTag.tsx';
import { useRegionNames } from '../components/survey/useRegionNames.ts';
import { withTerms } from '../components/survey/Term.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const ResultsChart = lazy(() => import('../components/survey/ResultsChart.tsx'));

const interval = (e: TEstimate) => (!e.suppressed && e.interval ? { lower: e.interval.lower, upper: e.interval.upper } : { lower: null, upper: null });

/** A headline figure of the county: value, interval and n (or "样本不足"). */
function Headline({ title, estimate, kind }: { title: string; estimate: TEstimate; kind: 'index' | 'rate' }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} valueRender={() => <EstimateCell estimate={estimate} kind={kind} headline />} />
    </Card>
  );
}

/**
 * 调查结果: per township and for the county, the satisfaction index ranked with its 95% interval
 * (chart and table), satisfaction and dissatisfaction rates, domain scores, policy awareness and
 * cadre visits, and which differences in the ranking the survey cannot tell apart. A township
 * administrator sees their own township and the county only, for closed waves.
 */
export function SurveyResultsPage() {
  const { t, locale } = useI18n();
  const nameOf = useRegionNames();
  useTitle(t('survey.results.title'));
  const [params, setParams] = useSearchParams();
  const waves = useApi((signal) => call(surveyResultsApi.listResultsWaves, undefined, { signal }), []);
  // Newest first: open on the latest wave with completed interviews, not on one just opened with none.
  const latest = waves.data?.items.find((w) => w.completes > 0) ?? waves.data?.items[0];
  const waveId = params.get('wave') ?? latest?.id ?? null;
  const results = useApi((signal) => (waveId ? call(surveyResultsApi.getWaveResults, { params: { id: waveId } }, { signal }) : Promise.resolve(undefined)), [waveId]);
  const data = results.data?.wave.id === waveId ? results.data : undefined;

  const letters = useMemo(() => (data && data.scope === 'county' ? rankingLetters(data.ranking.items.map((r) => r.code), data.ranking.groups) : new Map<string, string>()), [data]);
  const chart = useMemo(() => {
    if (!data) return null;
    const byCode = new Map(data.townships.map((a) => [a.region.code, a]));
    const bars: ChartBar[] = data.ranking.items.flatMap((r) => {
      const area = byCode.get(r.code);
      if (!area || area.index.suppressed) return [];
      return [{ code: r.code, name: nameOf(area.region), estimate: area.index.estimate, ...interval(area.index), n: area.index.n, letters: letters.get(r.code) ?? '', rank: r.rank, bestRank: r.bestRank, worstRank: r.worstRank }];
    });
    const county: ChartReference | null = data.county.index.suppressed ? null : { name: nameOf(data.county.region), estimate: data.county.index.estimate, ...interval(data.county.index) };
    const scaleMax = Math.max(100, ...bars.map((b) => b.upper ?? b.estimate));
    return { bars, county, scaleMax };
  }, [data, letters, nameOf]);

  const header = (
    <PageHeader
      title={t('survey.results.title')}
      extra={
        (waves.data?.items.length ?? 0) > 0 && (
          <Select
            value={waveId ?? undefined}
            onChange={(id: string) => setParams({ wave: id })}
            style={{ minWidth: 260, maxWidth: '100%' }}
            aria-label={t('survey.results.pickWave')}
            data-testid="results-wave"
            options={(waves.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${t(`survey.waveStatus.${w.status}`)}）` }))}
          />
        )
      }
    />
  );

  if (waves.error && !waves.loading) return <LoadError error={waves.error} title={t('survey.results.title')} onRetry={waves.reload} />;
  if (!waves.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (!waveId)
    return (
      <div data-testid="survey-results-page">
        {header}
        <Card>
          <Empty description={t('survey.results.noWaves')} />
        </Card>
      </div>
    );
  if (results.error && !results.loading) return <LoadError error={results.error} title={t('survey.results.title')} onRetry={results.reload} />;
  if (!data || !chart) return (
    <div data-testid="survey-results-page">
      {header}
      <Skeleton active paragraph={{ rows: 12 }} />
    </div>
  );

  const waveLine = (
    <Space size={8} wrap style={{ marginBottom: 12 }}>
      <Typography.Text strong>{data.wave.name}</Typography.Text>
      <WaveStatusTag status={data.wave.status} />
      <Typography.Text type="secondary">
        {data.wave.startsOn} ~ {data.wave.endsOn}
      </Typography.Text>
    </Space>
  );
  // A wave just opened (chosen from the list) has nothing to show yet: say so rather than a page of "样本不足".
  if (data.county.completes === 0)
    return (
      <div data-testid="survey-results-page" data-scope={data.scope} data-wave-id={data.wave.id}>
        {header}
        {waveLine}
        <Card data-testid="no-results-yet">
          <Empty description={t('words.results.noResultsYet')} />
        </Card>
      </div>
    );

  const rows = areaRows(data);
  const county = data.county;
  const excluded = data.countyExcludes.map((code) => data.townships.find((a) => a.region.code === code)).flatMap((a) => (a ? [nameOf(a.region)] : []));

  return (
    <div data-testid="survey-results-page" data-scope={data.scope} data-wave-id={data.wave.id}>
      {header}
      {waveLine}
      {data.wave.status !== 'closed' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('survey.results.interim')} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="county-headline">
        <Col xs={12} md={8} lg={4}>
          <Headline title={t('survey.results.countyIndex', { name: nameOf(county.region) })} estimate={county.index} kind="index" />
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Headline title={t('survey.results.satisfaction')} estimate={county.satisfaction} kind="rate" />
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Headline title={t('survey.results.dissatisfaction')} estimate={county.dissatisfaction} kind="rate" />
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Headline title={t('survey.results.awareness')} estimate={county.awareness.overall} kind="rate" />
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Headline title={t('survey.results.visited')} estimate={county.visited} kind="rate" />
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={t('survey.results.completes')} value={formatCount(county.completes)} />
          </Card>
        </Col>
      </Row>
      <Card title={t('survey.results.chartTitle')} style={{ marginBottom: 16 }}>
        {chart.bars.length ? (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <ResultsChart bars={chart.bars} county={chart.county} scaleMax={chart.scaleMax} />
          </Suspense>
        ) : (
          <Empty description={t('survey.results.nothingToChart')} />
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {t(data.scope === 'county' ? 'survey.results.chartHint' : 'survey.results.chartHintTownship')}
        </Typography.Paragraph>
      </Card>
      <Card title={t('survey.results.rankingTitle')} style={{ marginBottom: 16 }}>
        <RankingGroups results={data} nameOf={nameOf} />
      </Card>
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '0 0 8px' } }}>
        <Tabs
          tabBarStyle={{ padding: '0 16px', marginBottom: 0 }}
          items={[
            { key: 'main', label: t('survey.results.tabMain'), children: <ResultsTable rows={rows} nameOf={nameOf} letters={letters} /> },
            { key: 'domains', label: t('survey.results.tabDomains'), children: <DomainTable rows={rows} nameOf={nameOf} /> },
            { key: 'awareness', label: t('survey.results.tabAwareness'), children: <AwarenessTable rows={rows} nameOf={nameOf} /> },
          ]}
        />
      </Card>
      <Card size="small" title={t('survey.results.methodTitle')}>
        <ul style={{ margin: 0, paddingInlineStart: 18, fontSize: 12 }} lang={locale}>
          <li>{t('survey.results.methodIndex')}</li>
          <li>{withTerms(t('words.results.methodRates'))}</li>
          <li>{t('survey.results.methodCounty')}</li>
          <li>{t('survey.results.methodSuppressed', { n: data.minReportableN })}</li>
          {excluded.length > 0 && <li>{t('survey.results.countyExcludes', { names: excluded.join('、') })}</li>}
          {data.unassigned > 0 && <li>{t('survey.results.unassigned', { n: data.unassigned })}</li>}
          {data.scope === 'township' && <li>{t('survey.results.townshipScope')}</li>}
        </ul>
      </Card>
    </div>
  );
}
