import { AlertOutlined, FullscreenExitOutlined, FullscreenOutlined, LayoutOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, ConfigProvider, Drawer, Empty, InputNumber, List, Modal, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography, theme as antTheme } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { dashboardApi } from '../../shared/api/dashboard.ts';
import { RECTIFICATION_STATUSES } from '../../shared/assessment/rectification-schemas.ts';
import { TILE_METRICS, type TDashboard, type TTileMetric } from '../../shared/dashboard/dashboard-schemas.ts';
import { validateTileLayout } from '../../shared/dashboard/tile-layout.ts';
import type { TEstimate } from '../../shared/schemas/survey-results.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { BarsChart, IndexChart, idx, pct, RankingChart, RatesChart, type RankBar } from '../components/dashboard/DashboardCharts.tsx';
import { formatMetric } from '../components/dashboard/tile-colors.ts';
import { TileMap } from '../components/dashboard/TileMap.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { localName } from '../format.ts';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

type MetricRow = { metric: TTileMetric; value: TDashboard['tiles']['items'][number]['metrics'][TTileMetric] };
type EditRow = { code: string; name: string; row: number; col: number; k: number };

const est = (e: TEstimate | null | undefined) => (e && !e.suppressed ? e : null);
const STATUS_COLORS: Record<(typeof RECTIFICATION_STATUSES)[number], string> = { proposed: '#bfbfbf', dropped: '#8c8c8c', open: '#1677ff', submitted: '#faad14', accepted: '#52c41a' };

function Block({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId} style={{ height: '100%' }} styles={{ body: { minWidth: 0 } }}>
      {children}
    </Card>
  );
}

/**
 * 领导驾驶舱: the county's figures on one screen for its leaders (GET /api/dashboard): the index
 * across waves with its interval band, the township ranking with whiskers and the groups the
 * figures cannot separate, the three case rates, visit coverage, rectification, awareness, the
 * alerts and the tile map coloured by a chosen metric (a tile opens the township's detail, kept
 * in the address as ?township=). A big-screen mode shows it full-screen in dark colours; on a
 * phone the blocks stack.
 */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  useTitle(t('dashboard.title'));
  const [params, setParams] = useSearchParams();
  const [bigScreen, setBigScreen] = useState(false);
  const [editing, setEditing] = useState(false);
  const metric = (TILE_METRICS.find((m) => m === params.get('metric')) ?? 'index') as TTileMetric;
  const township = params.get('township');
  const { data, error, loading, reload } = useApi((signal) => call(dashboardApi.getDashboard, undefined, { signal }), []);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: key === 'metric' },
    );

  const toggleBigScreen = () => {
    const next = !bigScreen;
    setBigScreen(next);
    // The browser's full screen when it allows it; the dark overlay alone otherwise.
    try {
      if (next && document.fullscreenEnabled && !document.fullscreenElement) void document.documentElement.requestFullscreen().catch(() => undefined);
      if (!next && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    } catch {
      /* not allowed here: the overlay is enough */
    }
  };

  const body = error ? (
    <LoadError error={error} title={t('dashboard.title')} onRetry={reload} />
  ) : loading && !data ? (
    <Skeleton active paragraph={{ rows: 12 }} />
  ) : data ? (
    <DashboardBody data={data} dark={bigScreen} metric={metric} onMetric={(m) => setParam('metric', m)} onOpen={(code) => setParam('township', code)} />
  ) : null;

  const header = (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginBottom: 12 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {data ? `${localName(data.county, locale)} · ` : ''}
          {t('dashboard.title')}
        </Typography.Title>
        {data && (
          <Typography.Text type="secondary" data-testid="dashboard-as-of">
            {t('dashboard.asOf', { time: formatLocalDateTime(data.generatedAt) })}
          </Typography.Text>
        )}
      </div>
      <Space wrap>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          {t('dashboard.reload')}
        </Button>
        {me.roles.includes('county_admin') && data && (
          <Button icon={<LayoutOutlined />} onClick={() => setEditing(true)} data-testid="dashboard-edit-layout">
            {t('dashboard.layout.edit')}
          </Button>
        )}
        <Button type={bigScreen ? 'default' : 'primary'} icon={bigScreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleBigScreen} data-testid="dashboard-big-screen">
          {bigScreen ? t('dashboard.exitBigScreen') : t('dashboard.bigScreen')}
        </Button>
      </Space>
    </div>
  );

  const content = (
    <div data-testid="dashboard-page" data-big-screen={bigScreen ? 'true' : 'false'} style={{ minWidth: 0 }}>
      {header}
      {body}
      {data && township && <TownshipDrawer data={data} code={township} onClose={() => setParam('township', null)} />}
      {data && editing && (
        <LayoutEditor
          data={data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
    </div>
  );

  if (!bigScreen) return content;
  return (
    <ConfigProvider theme={{ algorithm: antTheme.darkAlgorithm }}>
      <div style={{ position: 'fixed', inset: 0, zIndex: 1000, overflow: 'auto', background: '#0b1730', padding: 16 }}>{content}</div>
    </ConfigProvider>
  );
}

function DashboardBody({ data, dark, metric, onMetric, onOpen }: { data: TDashboard; dark: boolean; metric: TTileMetric; onMetric: (m: TTileMetric) => void; onOpen: (code: string) => void }) {
  const { t, locale, text } = useI18n();
  const latest = data.waves.at(-1);
  const latestIndex = est(latest?.index);
  const latestDissatisfaction = est(latest?.dissatisfaction);
  const overdueCases = data.alerts.find((a) => a.kind === 'cases_overdue')?.count ?? 0;

  const points = useMemo(
    () =>
      data.waves.map((w) => {
        const i = est(w.index);
        return { name: w.wave.name, index: i?.estimate ?? null, lower: i?.interval?.lower ?? null, upper: i?.interval?.upper ?? null, n: w.index.n, dissatisfaction: est(w.dissatisfaction)?.estimate ?? null };
      }),
    [data],
  );
  const bars: RankBar[] = useMemo(() => {
    const groupOf = new Map<string, number>();
    data.ranking.groups.forEach((g, k) => g.forEach((code) => (groupOf.has(code) ? undefined : groupOf.set(code, k))));
    return data.ranking.items.map((i) => ({ code: i.township.code, name: localName(i.township, locale), rank: i.rank, bestRank: i.bestRank, worstRank: i.worstRank, value: i.value, lower: i.lower, upper: i.upper, n: i.n, group: groupOf.get(i.township.code) ?? -1 }));
  }, [data, locale]);
  const nameOf = useMemo(() => new Map(data.tiles.items.map((x) => [x.township.code, localName(x.township, locale)])), [data, locale]);
  const rateGroups = useMemo(
    () =>
      data.caseRates.map((m) => ({
        name: t(m.complete ? 'dashboard.month.complete' : 'dashboard.month.current', { month: m.month }),
        rates: (['response', 'resolution', 'satisfaction'] as const).map((k) => ({ label: t(`dashboard.rate.${k}`), estimate: m[k].estimate, lower: m[k].lower, upper: m[k].upper, n: m[k].n })),
      })),
    [data, t],
  );
  const labels = useMemo(() => ({ index: t('dashboard.kpi.index'), interval: '95%', dissatisfaction: t('dashboard.kpi.dissatisfaction') }), [t]);
  const statusItems = useMemo(() => RECTIFICATION_STATUSES.filter((s) => s !== 'dropped').map((s) => ({ label: t(`dashboard.status.${s}`), value: data.rectification.byStatus[s], color: STATUS_COLORS[s] })), [data, t]);
  const awarenessItems = useMemo(() => data.awareness.policies.map((p) => ({ label: text(p.policy), value: est(p.awareness)?.estimate ?? null, n: p.awareness.n })), [data, text]);

  const kpi = (testId: string, title: string, value: string, sub?: ReactNode) => (
    <Col xs={12} md={8} xl={4}>
      <Card size="small" data-testid={testId} style={{ height: '100%' }}>
        <Statistic title={title} value={value} />
        {sub && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{sub}</Typography.Text>}
      </Card>
    </Col>
  );

  return (
    <Row gutter={[12, 12]}>
      {kpi(
        'dashboard-kpi-index',
        t('dashboard.kpi.index'),
        latestIndex ? idx(latestIndex.estimate) : '—',
        latestIndex?.interval ? `${t('dashboard.interval', { lower: idx(latestIndex.interval.lower), upper: idx(latestIndex.interval.upper) })} · n=${latestIndex.n}` : latest ? t('dashboard.suppressed') : t('dashboard.noData'),
      )}
      {kpi('dashboard-kpi-dissatisfaction', t('dashboard.kpi.dissatisfaction'), latestDissatisfaction ? pct(latestDissatisfaction.estimate) : '—', latestDissatisfaction ? `n=${latestDissatisfaction.n}` : undefined)}
      {kpi('dashboard-kpi-coverage', t('dashboard.kpi.coverage'), pct(data.coverage.coverage), data.coverage.campaign ? `${data.coverage.visited}/${data.coverage.targets}` : t('dashboard.block.coverageNone'))}
      {kpi('dashboard-kpi-overdue-tasks', t('dashboard.kpi.overdueTasks'), String(data.rectification.overdue))}
      {kpi('dashboard-kpi-overdue-cases', t('dashboard.kpi.overdueCases'), String(overdueCases))}
      {kpi('dashboard-kpi-response', t('dashboard.rate.response'), pct(data.caseRates[0]?.response.estimate), data.caseRates[0] ? `${data.caseRates[0].month} · n=${data.caseRates[0].response.n}` : undefined)}

      <Col xs={24} xl={14}>
        <Block testId="dashboard-map" title={t('dashboard.block.map')} extra={<Select size="small" value={metric} onChange={onMetric} data-testid="dashboard-metric" style={{ width: 170 }} aria-label={t('dashboard.metric.label')} options={TILE_METRICS.map((m) => ({ value: m, label: t(`dashboard.metric.${m}`) }))} />}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('dashboard.block.mapHint')}
          </Typography.Paragraph>
          <TileMap tiles={data.tiles} metric={metric} dark={dark} onOpen={onOpen} />
        </Block>
      </Col>
      <Col xs={24} xl={10}>
        <Block testId="dashboard-alerts" title={<><AlertOutlined /> {t('dashboard.block.alerts')}</>}>
          {data.alerts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.block.alertsNone')} />
          ) : (
            <List size="small" dataSource={data.alerts} renderItem={(a, k) => <AlertItem alert={a} key={k} />} />
          )}
        </Block>
      </Col>

      <Col xs={24} xl={12}>
        <Block testId="dashboard-index" title={t('dashboard.block.index')}>
          {points.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} /> : <IndexChart points={points} dark={dark} labels={labels} />}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dashboard.block.indexHint')}
          </Typography.Text>
        </Block>
      </Col>
      <Col xs={24} xl={12}>
        <Block testId="dashboard-ranking" title={t('dashboard.block.ranking')}>
          {data.ranking.source === null ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />
          ) : (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dashboard-ranking-source" data-source={data.ranking.source}>
                {data.ranking.source === 'assessment' ? t('dashboard.block.rankingAssessment', { name: data.ranking.assessment?.name ?? '' }) : t('dashboard.block.rankingSurvey', { name: data.ranking.wave?.name ?? '' })}
              </Typography.Text>
              <RankingChart bars={bars} dark={dark} label={t('dashboard.block.ranking')} />
              {data.ranking.groups.length > 0 && (
                <Typography.Paragraph style={{ fontSize: 12, marginBottom: 0 }} data-testid="dashboard-ranking-groups">
                  {t('dashboard.block.rankingGroups', { groups: data.ranking.groups.map((g) => g.map((c) => nameOf.get(c) ?? c).join('、')).join('；') })}
                </Typography.Paragraph>
              )}
            </>
          )}
        </Block>
      </Col>

      <Col xs={24} md={12} xl={8}>
        <Block testId="dashboard-case-rates" title={t('dashboard.block.caseRates')}>
          <RatesChart groups={rateGroups} dark={dark} label={t('dashboard.block.caseRates')} />
        </Block>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Block testId="dashboard-rectification" title={t('dashboard.block.rectification')} extra={data.rectification.overdue > 0 ? <Tag color="red">{t('dashboard.status.overdue', { count: data.rectification.overdue })}</Tag> : undefined}>
          <BarsChart items={statusItems} dark={dark} share={false} label={t('dashboard.block.rectification')} testId="dashboard-rectification-chart" />
        </Block>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Block testId="dashboard-awareness" title={t('dashboard.block.awareness')}>
          {data.awareness.wave === null ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />
          ) : (
            <>
              <Typography.Text data-testid="dashboard-awareness-county">{t('dashboard.block.awarenessCounty', { value: pct(est(data.awareness.county)?.estimate) })}</Typography.Text>
              <BarsChart items={awarenessItems} dark={dark} share label={t('dashboard.block.awareness')} testId="dashboard-awareness-chart" />
            </>
          )}
        </Block>
      </Col>
      <Col xs={24} md={12} xl={8}>
        <Block testId="dashboard-coverage" title={t('dashboard.block.coverage')}>
          {data.coverage.campaign === null ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.block.coverageNone')} />
          ) : (
            <>
              <Typography.Paragraph>
                <Link to={`/visits/coverage?campaign=${data.coverage.campaign.id}`}>{data.coverage.campaign.name}</Link>
              </Typography.Paragraph>
              <Statistic value={pct(data.coverage.coverage)} />
              <Typography.Text type="secondary">{t('dashboard.block.coverageLine', { visited: data.coverage.visited, targets: data.coverage.targets, due: data.coverage.due, overdue: data.coverage.overdue })}</Typography.Text>
            </>
          )}
        </Block>
      </Col>
    </Row>
  );
}

function AlertItem({ alert }: { alert: TDashboard['alerts'][number] }) {
  const { t, locale } = useI18n();
  const name = alert.township ? localName(alert.township, locale) : '';
  const c = alert.change;
  const fmt = (v: number) => (c?.figure === 'index' ? v.toFixed(1) : `${(v * 100).toFixed(1)}%`);
  const words =
    alert.kind === 'township_worse' && c
      ? t('dashboard.alert.township_worse', { township: name, figure: t(`dashboard.alert.figure.${c.figure}`), before: c.before, after: c.after, difference: fmt(c.difference), lower: fmt(c.lower), upper: fmt(c.upper) })
      : t(`dashboard.alert.${alert.kind}`, { count: alert.count, township: name });
  return (
    <List.Item data-testid={`dashboard-alert-${alert.kind}`} extra={<Link to={alert.href}>{t('dashboard.alert.go')} <RightOutlined style={{ fontSize: 10 }} /></Link>}>
      <Typography.Text type={alert.kind === 'gaming_flags' ? 'warning' : 'danger'}>{words}</Typography.Text>
    </List.Item>
  );
}

function TownshipDrawer({ data, code, onClose }: { data: TDashboard; code: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const tile = data.tiles.items.find((x) => x.township.code === code);
  const waveId = data.tiles.sources.waveId;
  const links: { key: string; label: string; href: string | null }[] = [
    { key: 'survey', label: t('dashboard.detail.surveyResults'), href: waveId ? `/survey-results?wave=${waveId}&township=${code}` : null },
    { key: 'case-rates', label: t('dashboard.detail.caseRates'), href: `/case-rates?month=${data.tiles.sources.month}&level=township&township=${code}` },
    { key: 'coverage', label: t('dashboard.detail.coverage'), href: data.tiles.sources.campaignId ? `/visits/coverage?campaign=${data.tiles.sources.campaignId}&region=${code}` : null },
    { key: 'rectification', label: t('dashboard.detail.rectification'), href: `/rectification?township=${code}` },
    { key: 'publicity', label: t('dashboard.detail.publicity'), href: `/publicity?township=${code}` },
    { key: 'assessment', label: t('dashboard.detail.assessment'), href: data.ranking.assessment ? `/assessments/${data.ranking.assessment.id}?township=${code}` : '/assessments' },
  ];
  return (
    <Drawer open onClose={onClose} title={tile ? t('dashboard.detail.title', { name: localName(tile.township, locale) }) : code} width={Math.min(420, typeof window === 'undefined' ? 420 : window.innerWidth)} data-testid="dashboard-township-detail">
      {!tile ? (
        <Empty />
      ) : (
        <div data-testid={`dashboard-detail-${code}`}>
          <Table<MetricRow>
            size="small"
            pagination={false}
            rowKey="metric"
            dataSource={TILE_METRICS.map((m) => ({ metric: m, value: tile.metrics[m] }))}
            columns={[
              { title: t('dashboard.metric.label'), key: 'metric', render: (_, r) => t(`dashboard.metric.${r.metric}`) },
              { title: '', key: 'v', render: (_, r) => <span data-testid={`dashboard-detail-${r.metric}`}>{r.value.suppressed ? t('dashboard.suppressed') : formatMetric(r.metric, r.value.value)}</span> },
              { title: 'n', key: 'n', render: (_, r) => r.value.n ?? '' },
            ]}
          />
          <List
            size="small"
            style={{ marginTop: 12 }}
            dataSource={links}
            renderItem={(l) => (
              <List.Item key={l.key} data-testid={`dashboard-detail-link-${l.key}`}>
                {l.href ? <Link to={l.href}>{l.label}</Link> : <Typography.Text type="secondary">{l.label}</Typography.Text>}
              </List.Item>
            )}
          />
        </div>
      )}
    </Drawer>
  );
}

function LayoutEditor({ data, onClose, onSaved }: { data: TDashboard; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [tiles, setTiles] = useState(() => data.tiles.items.map((x) => ({ code: x.township.code, name: localName(x.township, locale), row: x.row, col: x.col })));
  const [saving, setSaving] = useState(false);
  const codes = tiles.map((x) => x.code);
  const problem = validateTileLayout(tiles, codes);
  const save = async (list: { code: string; row: number; col: number }[]) => {
    setSaving(true);
    try {
      await call(dashboardApi.setTileLayout, { body: { tiles: list.map(({ code, row, col }) => ({ code, row, col })) } });
      void message.success(t('dashboard.layout.saved'));
      onSaved();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  const takenBy = (k: number) => tiles.find((x, j) => j < k && x.row === tiles[k]!.row && x.col === tiles[k]!.col);
  return (
    <Modal
      open
      title={t('dashboard.layout.title')}
      onCancel={onClose}
      onOk={() => void save(tiles)}
      okButtonProps={{ disabled: problem !== null, loading: saving }}
      footer={(_, { OkBtn, CancelBtn }) => (
        <Space wrap>
          <Button onClick={() => void save([])} disabled={saving}>
            {t('dashboard.layout.reset')}
          </Button>
          <CancelBtn />
          <OkBtn />
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{t('dashboard.layout.hint')}</Typography.Paragraph>
      <Table<EditRow>
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={tiles.map((x, k) => ({ ...x, k }))}
        columns={[
          { title: '', dataIndex: 'name' },
          ...(['row', 'col'] as const).map((field) => ({
            title: t(`dashboard.layout.${field}`),
            key: field,
            render: (_: unknown, r: EditRow) => (
              <InputNumber size="small" min={0} max={11} precision={0} value={r[field]} onChange={(v) => setTiles((all) => all.map((x, j) => (j === r.k ? { ...x, [field]: v ?? 0 } : x)))} />
            ),
          })),
          { title: '', key: 'taken', render: (_: unknown, r: EditRow) => (takenBy(r.k) ? <Typography.Text type="danger">{t('dashboard.layout.taken', { name: takenBy(r.k)!.name })}</Typography.Text> : null) },
        ]}
      />
    </Modal>
  );
}
