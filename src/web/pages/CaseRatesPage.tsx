import { Alert, App, Button, Card, Collapse, DatePicker, Form, InputNumber, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { caseRatesApi } from '../../shared/api/case-rates.ts';
import { CASE_RATE_LEVELS, type TCaseRateLevel, type TCaseRateRow, type TCaseSettingsInput, type TRate } from '../../shared/cases/index.ts';
import { CASE_CONFIG_ROLES, hasAnyRole } from '../../shared/roles.ts';
import { localDate } from '../../shared/time.ts';
import { call, downloadCall } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const CaseRatesChart = lazy(() => import('../components/cases/CaseRatesChart.tsx'));

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The county's settings: weights of the composite and the handling rules; a county admin edits them. */
function CaseSettingsSection({ onSaved }: { onSaved(): void }) {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const canEdit = hasAnyRole(me.roles, CASE_CONFIG_ROLES);
  const settings = useApi((signal) => call(caseRatesApi.getCaseSettings, {}, { signal }), []);
  const [form] = Form.useForm<TCaseSettingsInput>();
  const [saving, setSaving] = useState(false);
  const weights = Form.useWatch('weights', form);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.error) return <LoadError error={settings.error} title={t('caseSettings.title')} onRetry={settings.reload} />;
  const sum = weights ? Math.round(((weights.response ?? 0) + (weights.resolution ?? 0) + (weights.satisfaction ?? 0)) * 1000) / 1000 : 1;
  const save = async (values: TCaseSettingsInput) => {
    setSaving(true);
    try {
      await call(caseRatesApi.updateCaseSettings, { body: values });
      void message.success(t('caseSettings.saved'));
      settings.reload();
      onSaved();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="inline" disabled={!canEdit} onFinish={save} data-testid="case-settings-form" style={{ rowGap: 8 }}>
      {settings.data && !settings.data.saved && <Alert type="info" showIcon message={t('caseSettings.defaults')} style={{ width: '100%', marginBottom: 8 }} />}
      {!canEdit && <Alert type="warning" showIcon message={t('caseSettings.readOnly')} style={{ width: '100%', marginBottom: 8 }} />}
      <Typography.Text strong style={{ width: '100%' }}>
        {t('caseSettings.weights')} <Typography.Text type={sum === 1 ? 'secondary' : 'danger'}>{t('caseSettings.sum', { sum })}</Typography.Text>
      </Typography.Text>
      {(['response', 'resolution', 'satisfaction'] as const).map((k) => (
        <Form.Item key={k} name={['weights', k]} label={t(`caseSettings.weight.${k}`)} rules={[{ required: true }]}>
          <InputNumber min={0} max={1} step={0.05} precision={3} data-testid={`weight-${k}`} />
        </Form.Item>
      ))}
      <Form.Item name="basicallySatisfiedCounts" label={t('caseSettings.basicallySatisfied')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="dueSoonHours" label={t('caseSettings.dueSoonHours')} rules={[{ required: true }]}>
        <InputNumber min={1} max={240} precision={0} />
      </Form.Item>
      <Form.Item name="callbackAttemptsToClose" label={t('caseSettings.callbackAttempts')} rules={[{ required: true }]}>
        <InputNumber min={1} max={10} precision={0} />
      </Form.Item>
      <Form.Item name="autoEscalate" label={t('caseSettings.autoEscalate')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {canEdit && (
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} disabled={sum !== 1} data-testid="case-settings-save">
            {t('caseSettings.save')}
          </Button>
        </Form.Item>
      )}
    </Form>
  );
}

function RateCell({ rate }: { rate: TRate }) {
  const { t } = useI18n();
  if (rate.estimate === null) return <Typography.Text type="secondary">—（n=0）</Typography.Text>;
  return (
    <Tooltip title={t('caseRates.interval', { lower: pct(rate.lower), upper: pct(rate.upper) })}>
      <div>{pct(rate.estimate)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('caseRates.counts', { successes: rate.successes, n: rate.n })} · {pct(rate.lower)}–{pct(rate.upper)}
      </Typography.Text>
    </Tooltip>
  );
}

/** 三率排名: the month's response, resolution, satisfaction and on-time rates per unit, ranked by composite, with the settings behind them. */
export function CaseRatesPage() {
  const { t } = useI18n();
  const me = useMe();
  useTitle(t('caseRates.title'));
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? localDate().slice(0, 7);
  const isDepartment = !hasAnyRole(me.roles, ['county_admin', 'county_leader', 'township_admin']);
  const levels: readonly TCaseRateLevel[] = isDepartment ? ['department'] : hasAnyRole(me.roles, ['county_admin', 'county_leader']) ? CASE_RATE_LEVELS : ['township', 'village'];
  const level = (levels.find((l) => l === params.get('level')) ?? levels[0]) as TCaseRateLevel;
  const rates = useApi((signal) => call(caseRatesApi.getCaseRates, { query: { month, level } }, { signal }), [month, level]);
  const set = (next: Record<string, string>) => setParams(new URLSearchParams({ month, level, ...next }));
  const data = rates.data;
  const names = new Map((data?.rows ?? []).map((r) => [r.unit.key, r.unit.name]));
  const columns = [
    { title: t('caseRates.rank'), key: 'rank', width: 64, render: (_: unknown, r: TCaseRateRow) => (r.rank === null ? '—' : `${r.rank}/${r.rankedAmong}`) },
    { title: t('caseRates.possibleRanks'), key: 'range', width: 90, render: (_: unknown, r: TCaseRateRow) => (r.bestRank === null ? '—' : `${r.bestRank}–${r.worstRank}`) },
    { title: t('caseRates.unit'), key: 'unit', render: (_: unknown, r: TCaseRateRow) => r.unit.name },
    ...(level === 'village' ? [{ title: t('caseRates.parent'), key: 'parent', render: (_: unknown, r: TCaseRateRow) => r.unit.parentName ?? '' }] : []),
    { title: t('caseRates.composite'), key: 'composite', render: (_: unknown, r: TCaseRateRow) => <Typography.Text strong>{pct(r.composite)}</Typography.Text> },
    { title: t('caseRates.response'), key: 'response', render: (_: unknown, r: TCaseRateRow) => <RateCell rate={r.response} /> },
    { title: t('caseRates.resolution'), key: 'resolution', render: (_: unknown, r: TCaseRateRow) => <RateCell rate={r.resolution} /> },
    { title: t('caseRates.satisfaction'), key: 'satisfaction', render: (_: unknown, r: TCaseRateRow) => <RateCell rate={r.satisfaction} /> },
    { title: t('caseRates.onTime'), key: 'onTime', render: (_: unknown, r: TCaseRateRow) => <RateCell rate={r.onTime} /> },
    {
      title: t('caseRates.group'),
      key: 'group',
      render: (_: unknown, r: TCaseRateRow) => (
        <Space size={[0, 4]} wrap>
          {r.notSignificantlyDifferent.map((k) => (
            <Tag key={k}>{names.get(k) ?? k}</Tag>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="case-rates-page">
      <PageHeader
        title={t('caseRates.title')}
        extra={
          <Space>
            <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && set({ month: d.format('YYYY-MM') })} data-testid="case-rates-month" />
            <Button onClick={() => void downloadCall(caseRatesApi.exportCaseRates, { query: { month, level } }, `三率排名-${month}.xlsx`)} data-testid="case-rates-export">
              {t('caseRates.export')}
            </Button>
          </Space>
        }
      />
      <Tabs activeKey={level} onChange={(k) => set({ level: k })} items={levels.map((l) => ({ key: l, label: t(`caseRates.level.${l}`) }))} />
      {rates.error ? (
        <LoadError error={rates.error} title={t('caseRates.title')} onRetry={rates.reload} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {data && data.scope !== 'county' && <Alert type="info" showIcon message={t(data.scope === 'township' ? 'caseRates.scope.township' : 'caseRates.scope.department')} />}
          {data && data.rankedOf > 1 && (
            <Card size="small" title={t('caseRates.chart')}>
              <Suspense fallback={null}>
                <CaseRatesChart rows={data.rows} label={t('caseRates.composite')} />
              </Suspense>
            </Card>
          )}
          <Table rowKey={(r) => r.unit.key} columns={columns} dataSource={data?.rows ?? []} loading={rates.loading} size="small" pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: true }} data-testid="case-rates-table" />
          {data && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('caseRates.formula', { ...data.weights, basically: t(data.basicallySatisfiedCounts ? 'caseRates.basically.yes' : 'caseRates.basically.no') })}
              <br />
              {t('caseRates.method', { alpha: data.alpha, ranked: data.rankedOf })}
              {data.groups.length > 0 && (
                <>
                  <br />
                  {t('caseRates.groups')} {data.groups.map((g) => `〔${g.map((k) => names.get(k) ?? k).join('、')}〕`).join(' ')}
                </>
              )}
              <br />
              {t('caseRates.source', { source: data.source })}
            </Typography.Paragraph>
          )}
          <Collapse items={[{ key: 'settings', label: t('caseSettings.title'), children: <CaseSettingsSection onSaved={rates.reload} /> }]} />
        </Space>
      )}
    </div>
  );
}
