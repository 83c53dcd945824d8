import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { policyPublicityApi } from '../../shared/api/policy-publicity.ts';
import { regionsApi } from '../../shared/api/regions.ts';
import { surveyResultsApi } from '../../shared/api/survey-results.ts';
import { policiesApi } from '../../shared/api/visit-campaigns.ts';
import { PUBLICITY_KINDS, type TAwarenessCell, type TPolicyAwareness, type TPublicityKind } from '../../shared/schemas/policy-publicity.ts';
import { PUBLICITY_WRITE_ROLES, hasAnyRole } from '../../shared/roles.ts';
import { localDate } from '../../shared/time.ts';
import { call, downloadCall } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
/** Red (low) to green (high) through amber, light enough to read black text on. */
const colourOf = (rate: number) => `hsl(${Math.round(rate * 120)}, 70%, 85%)`;

function Cell({ cell }: { cell: TAwarenessCell | undefined }) {
  const { t } = useI18n();
  if (!cell) return <Typography.Text type="secondary">—</Typography.Text>;
  const a = cell.awareness;
  if (a.suppressed) return <Typography.Text type="secondary">{t('publicity.suppressed', { n: a.n })}</Typography.Text>;
  const verdict = cell.change?.verdict;
  return (
    <div style={{ background: colourOf(a.estimate), padding: '2px 6px', borderRadius: 4 }} data-testid={`cell-${cell.policyCode}`}>
      <strong>{pct(a.estimate)}</strong>{' '}
      {verdict === 'improved' && (
        <Tooltip title={`${t('publicity.improved')} ${pct(cell.change!.interval.lower)} ~ ${pct(cell.change!.interval.upper)}`}>
          <ArrowUpOutlined style={{ color: '#237804' }} aria-label={t('publicity.improved')} />
        </Tooltip>
      )}
      {verdict === 'worse' && (
        <Tooltip title={`${t('publicity.worse')} ${pct(cell.change!.interval.lower)} ~ ${pct(cell.change!.interval.upper)}`}>
          <ArrowDownOutlined style={{ color: '#a8071a' }} aria-label={t('publicity.worse')} />
        </Tooltip>
      )}
      <div style={{ fontSize: 12 }}>
        n={a.n}
        {a.interval && ` · ${pct(a.interval.lower)}–${pct(a.interval.upper)}`}
      </div>
    </div>
  );
}

function AwarenessSection() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const waves = useApi((signal) => call(surveyResultsApi.listResultsWaves, {}, { signal }), []);
  const closed = (waves.data?.items ?? []).filter((w) => w.status === 'closed');
  const [waveId, setWaveId] = useState<string>();
  useEffect(() => {
    if (!waveId && closed.length) setWaveId(closed[closed.length - 1]!.id);
  }, [closed, waveId]);
  const awareness = useApi((signal) => (waveId ? call(policyPublicityApi.getPolicyAwareness, { query: { waveId } }, { signal }) : Promise.resolve(undefined)), [waveId]);
  if (waves.error) return <LoadError error={waves.error} title={t('publicity.tab.awareness')} onRetry={waves.reload} />;
  if (waves.data && !closed.length) return <Empty description={t('publicity.noWaves')} />;
  const r: TPolicyAwareness | undefined = awareness.data;
  const policyName = (code: string) => {
    const p = r?.policies.find((x) => x.code === code);
    return p ? (locale === 'en' ? p.nameEn : p.name) : code;
  };
  const areaName = (region: { name: string; nameEn: string | null }) => (locale === 'en' ? (region.nameEn ?? region.name) : region.name);
  const rows = r ? [{ key: r.county.region.code, ...r.county, isCounty: true }, ...r.townships.map((x) => ({ key: x.region.code, ...x, isCounty: false }))] : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('publicity.wave')}</span>
        <Select style={{ minWidth: 260 }} value={waveId} onChange={setWaveId} options={closed.map((w) => ({ value: w.id, label: `${w.name}（${w.startsOn} ~ ${w.endsOn}）` }))} data-testid="publicity-wave" />
        {waveId && r && (
          <Button icon={<DownloadOutlined />} onClick={() => void downloadCall(policyPublicityApi.exportPolicyAwareness, { query: { waveId } }, `政策知晓率-${r.wave.name}.xlsx`).catch((e: unknown) => message.error(errorText(t, e)))} data-testid="awareness-export">
            {t('publicity.export')}
          </Button>
        )}
      </Space>
      {awareness.error && <LoadError error={awareness.error} title={t('publicity.tab.awareness')} onRetry={awareness.reload} />}
      {r && (
        <>
          <Typography.Text type="secondary">{r.previousWave ? t('publicity.previous', { name: r.previousWave.name }) : t('publicity.noPrevious')}</Typography.Text>
          {r.unlinked.length > 0 && <Alert type="warning" showIcon message={t('publicity.unlinked', { items: r.unlinked.map((u) => `${u.questionCode}（${u.policyText[locale]}）`).join('、') })} />}
          <Table
            size="small"
            pagination={false}
            scroll={{ x: true }}
            data-testid="awareness-table"
            dataSource={rows}
            columns={[
              { title: t('publicity.area'), key: 'area', fixed: 'left', render: (_, row) => (row.isCounty ? <strong>{areaName(row.region)}</strong> : areaName(row.region)) },
              ...r.policies.map((p) => ({ title: policyName(p.code), key: p.code, render: (_: unknown, row: (typeof rows)[number]) => <Cell cell={row.cells.find((c) => c.policyCode === p.code)} /> })),
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('publicity.legend')}
          </Typography.Text>
          <Card size="small" title={t('publicity.lowest')}>
            <Typography.Paragraph type="secondary">{t('publicity.lowestHint', { alpha: r.lowest.alpha, tested: r.lowest.tested, from: r.effortPeriod.from, to: r.effortPeriod.to })}</Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey={(i) => `${i.townshipCode}:${i.policyCode}`}
              data-testid="lowest-table"
              dataSource={r.lowest.items}
              columns={[
                { title: t('publicity.township'), key: 't', render: (_, i) => areaName(r.townships.find((x) => x.region.code === i.townshipCode)?.region ?? { name: i.townshipCode, nameEn: null }) },
                { title: t('publicity.policy'), key: 'p', render: (_, i) => policyName(i.policyCode) },
                { title: t('publicity.rate'), key: 'r', render: (_, i) => `${pct(i.estimate)}（n=${i.n}）` },
                { title: t('publicity.interval'), key: 'ci', render: (_, i) => (i.interval ? `${pct(i.interval.lower)}–${pct(i.interval.upper)}` : '—') },
                { title: t('publicity.countyRate'), key: 'c', render: (_, i) => (i.countyEstimate === null ? '—' : pct(i.countyEstimate)) },
                { title: '', key: 's', render: (_, i) => (i.significantlyBelow ? <Tag color="red">{t('publicity.significant')}</Tag> : <Tag>{t('publicity.notSignificant')}</Tag>) },
                { title: t('publicity.effort'), key: 'e', render: (_, i) => t('publicity.effortText', i.effort) },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

function ActivitiesSection() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const canWrite = hasAnyRole(me.roles, PUBLICITY_WRITE_ROLES);
  const policies = useApi((signal) => call(policiesApi.listPolicies, {}, { signal }), []);
  const children = useApi((signal) => call(regionsApi.listChildren, { params: { code: me.region.code } }, { signal }), [me.region.code]);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'month'), dayjs()]);
  const [filters, setFilters] = useState<{ townshipCode?: string; policyCode?: string; kind?: TPublicityKind; includeVoided: boolean }>({ includeVoided: false });
  const query = {
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
    ...(filters.townshipCode ? { townshipCode: filters.townshipCode } : {}),
    ...(filters.policyCode ? { policyCode: filters.policyCode } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.includeVoided ? { includeVoided: 'true' as const } : {}),
  };
  const list = useApi((signal) => call(policyPublicityApi.listPublicityActivities, { query }, { signal }), [JSON.stringify(query)]);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const policyOptions = (policies.data?.items ?? []).filter((p) => p.active).map((p) => ({ value: p.code, label: locale === 'en' ? p.nameEn : p.name }));
  const policyLabel = (code: string) => policyOptions.find((o) => o.value === code)?.label ?? code;
  const kindOptions = PUBLICITY_KINDS.map((k) => ({ value: k, label: t(`publicity.kind.${k}`) }));
  const nameOf = (r: { name: string; nameEn: string | null }) => (locale === 'en' ? (r.nameEn ?? r.name) : r.name);
  // A township admin logs in its township or its villages; a county admin in any township.
  const regionOptions = useMemo(() => {
    const items = (children.data?.items ?? []).map((c) => ({ value: c.code, label: nameOf(c) }));
    return me.region.level === 'township' ? [{ value: me.region.code, label: nameOf(me.region) }, ...items] : items;
  }, [children.data, me.region, locale]);
  const townshipOptions = me.region.level === 'township' ? [] : regionOptions;

  const save = async (v: { regionCode: string; kind: TPublicityKind; heldOn: Dayjs; title: string; audience?: number | null; note?: string; policyCodes: string[] }) => {
    setSaving(true);
    try {
      await call(policyPublicityApi.logPublicityActivity, { body: { regionCode: v.regionCode, kind: v.kind, heldOn: v.heldOn.format('YYYY-MM-DD'), title: v.title, audience: v.audience ?? null, note: v.note ?? '', policyCodes: v.policyCodes } });
      void message.success(t('publicity.saved'));
      form.resetFields(['title', 'audience', 'note']);
      list.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  const voidOne = (id: string) => {
    let reason = '';
    Modal.confirm({
      title: t('publicity.void'),
      content: <Input.TextArea aria-label={t('publicity.voidReason')} placeholder={t('publicity.voidReason')} onChange={(e) => (reason = e.target.value)} data-testid="void-reason" />,
      onOk: async () => {
        try {
          await call(policyPublicityApi.voidPublicityActivity, { params: { id }, body: { reason } });
          list.reload();
        } catch (e) {
          void message.error(errorText(t, e));
          throw e;
        }
      },
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <Card size="small" title={t('publicity.log')}>
          <Form form={form} layout="inline" onFinish={save} initialValues={{ kind: 'meeting', heldOn: dayjs(localDate()) }} data-testid="publicity-form" style={{ rowGap: 8 }}>
            <Form.Item name="regionCode" label={t('publicity.region')} rules={[{ required: true }]}>
              <Select style={{ minWidth: 160 }} options={regionOptions} showSearch optionFilterProp="label" data-testid="publicity-region" />
            </Form.Item>
            <Form.Item name="kind" label={t('publicity.kind')} rules={[{ required: true }]}>
              <Select style={{ minWidth: 120 }} options={kindOptions} />
            </Form.Item>
            <Form.Item name="heldOn" label={t('publicity.heldOn')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="title" label={t('publicity.activityTitle')} rules={[{ required: true, max: 200 }]}>
              <Input style={{ minWidth: 220 }} data-testid="publicity-title" />
            </Form.Item>
            <Form.Item name="audience" label={t('publicity.audience')}>
              <InputNumber min={0} max={1_000_000} />
            </Form.Item>
            <Form.Item name="policyCodes" label={t('publicity.policies')} rules={[{ required: true }]}>
              <Select mode="multiple" style={{ minWidth: 240 }} options={policyOptions} data-testid="publicity-policies" />
            </Form.Item>
            <Form.Item name="note" label={t('publicity.note')}>
              <Input style={{ minWidth: 200 }} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="publicity-save">
              {t('publicity.save')}
            </Button>
          </Form>
        </Card>
      )}
      <Space wrap>
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} aria-label={t('publicity.period')} />
        {townshipOptions.length > 0 && <Select allowClear placeholder={t('publicity.township')} style={{ minWidth: 140 }} options={townshipOptions} value={filters.townshipCode} onChange={(v) => setFilters({ ...filters, townshipCode: v })} />}
        <Select allowClear placeholder={t('publicity.policy')} style={{ minWidth: 160 }} options={policyOptions} value={filters.policyCode} onChange={(v) => setFilters({ ...filters, policyCode: v })} />
        <Select allowClear placeholder={t('publicity.kind')} style={{ minWidth: 120 }} options={kindOptions} value={filters.kind} onChange={(v) => setFilters({ ...filters, kind: v })} />
        <Checkbox checked={filters.includeVoided} onChange={(e) => setFilters({ ...filters, includeVoided: e.target.checked })}>
          {t('publicity.includeVoided')}
        </Checkbox>
      </Space>
      {list.error && <LoadError error={list.error} title={t('publicity.activities')} onRetry={list.reload} />}
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="activities-table"
        columns={[
          { title: t('publicity.heldOn'), dataIndex: 'heldOn' },
          { title: t('publicity.township'), key: 'tw', render: (_, a) => nameOf(a.township) },
          { title: t('publicity.region'), key: 'rg', render: (_, a) => nameOf(a.region) },
          { title: t('publicity.kind'), key: 'k', render: (_, a) => t(`publicity.kind.${a.kind}`) },
          { title: t('publicity.activityTitle'), key: 'ti', render: (_, a) => (a.voided ? <Typography.Text delete>{a.title}</Typography.Text> : a.title) },
          { title: t('publicity.audience'), dataIndex: 'audience', render: (v: number | null) => v ?? '—' },
          { title: t('publicity.policies'), key: 'p', render: (_, a) => a.policyCodes.map((c) => <Tag key={c}>{policyLabel(c)}</Tag>) },
          { title: t('publicity.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
          {
            title: '',
            key: 'v',
            render: (_, a) => (a.voided ? <Tag>{t('publicity.voided', { reason: a.voided.reason })}</Tag> : canWrite ? <Button size="small" danger onClick={() => voidOne(a.id)}>{t('publicity.void')}</Button> : null),
          },
        ]}
      />
    </Space>
  );
}

function LinksSection() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  // Only an administrator bound to the county edits its links (the server says 403 to others).
  const canEdit = me.roles.includes('county_admin') && me.region.level === 'county';
  const policies = useApi((signal) => call(policiesApi.listPolicies, {}, { signal }), []);
  const links = useApi((signal) => call(policyPublicityApi.listPolicyLinks, {}, { signal }), []);
  const nameOf = (code: string | null) => {
    const p = policies.data?.items.find((x) => x.code === code);
    return p ? (locale === 'en' ? p.nameEn : p.name) : (code ?? '—');
  };
  const setLink = async (questionCode: string, policyCode: string | null) => {
    try {
      await call(policyPublicityApi.setPolicyLink, { params: { questionCode }, body: { policyCode } });
      void message.success(t('publicity.linkSaved'));
      links.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('publicity.links')}>
        <Typography.Paragraph type="secondary">{t('publicity.linksHint')}</Typography.Paragraph>
        {links.error && <LoadError error={links.error} title={t('publicity.links')} onRetry={links.reload} />}
        <Table
          size="small"
          pagination={false}
          rowKey="questionCode"
          data-testid="links-table"
          dataSource={links.data?.items ?? []}
          columns={[
            { title: t('publicity.question'), dataIndex: 'questionCode' },
            { title: t('publicity.questionText'), key: 'tx', render: (_, i) => i.policyText[locale] },
            { title: t('publicity.questionCode'), key: 'qc', render: (_, i) => (i.questionPolicyCode ? nameOf(i.questionPolicyCode) : '—') },
            {
              title: t('publicity.countyLink'),
              key: 'cl',
              render: (_, i) => (
                <Space direction="vertical" size={0}>
                  <Select
                    allowClear
                    disabled={!canEdit}
                    style={{ minWidth: 200 }}
                    value={i.countyLinkPolicyCode ?? undefined}
                    options={(policies.data?.items ?? []).filter((p) => p.active || p.code === i.countyLinkPolicyCode).map((p) => ({ value: p.code, label: locale === 'en' ? p.nameEn : p.name }))}
                    onChange={(v: string | undefined) => void setLink(i.questionCode, v ?? null)}
                    aria-label={`${t('publicity.countyLink')} ${i.questionCode}`}
                  />
                  {i.versionsWithoutCode > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('publicity.versionsWithoutCode', { n: i.versionsWithoutCode })}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('publicity.resolved'), key: 'r', render: (_, i) => (i.resolved ? <Tag color="blue">{`${nameOf(i.resolved.policyCode)}（${t(`publicity.source.${i.resolved.source}`)}）`}</Tag> : <Tag color="orange">{t('publicity.unlinkedTag')}</Tag>) },
          ]}
        />
      </Card>
      <Card size="small" title={t('publicity.catalogue')}>
        <Table
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={policies.data?.items ?? []}
          columns={[
            { title: 'Code', dataIndex: 'code' },
            { title: t('publicity.policy'), key: 'n', render: (_, p) => (locale === 'en' ? p.nameEn : p.name) },
            { title: '', key: 'a', render: (_, p) => (p.active ? <Tag color="green">{t('publicity.active')}</Tag> : <Tag>{t('publicity.inactive')}</Tag>) },
          ]}
        />
      </Card>
    </Space>
  );
}

/** 政策宣传: awareness per township × policy, the activities log, the catalogue and the awareness items' links. */
export function PolicyPublicityPage() {
  const { t } = useI18n();
  useTitle(t('publicity.title'));
  return (
    <>
      <PageHeader title={t('publicity.title')} />
      <Tabs
        items={[
          { key: 'awareness', label: t('publicity.tab.awareness'), children: <AwarenessSection /> },
          { key: 'activities', label: t('publicity.tab.activities'), children: <ActivitiesSection /> },
          { key: 'links', label: t('publicity.tab.links'), children: <LinksSection /> },
        ]}
      />
    </>
  );
}
