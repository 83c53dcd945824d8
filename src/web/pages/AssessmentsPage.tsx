import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { assessmentApi } from '../../shared/api/assessment.ts';
import { surveyResultsApi } from '../../shared/api/survey-results.ts';
import type { TAssessmentDetail, TAssessmentSummary } from '../../shared/assessment/assessment-api-schemas.ts';
import type { TAssessmentComponentKey } from '../../shared/assessment/assessment-schemas.ts';
import { ASSESSMENT_MANAGE_ROLES, CITY_SPOT_CHECK_READ_ROLES, hasAnyRole } from '../../shared/roles.ts';
import { call, isApiError } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { SchemeCard } from '../components/assessment/SchemeCard.tsx';
import { WavePicker } from '../components/assessment/WavePicker.tsx';
import { rowsToScheme, schemeRows, SchemeComponentsTable, type SchemeRow } from '../components/assessment/SchemeEditor.tsx';
import { errorText } from '../components/errors.ts';
import { problemText } from '../components/survey/issues.ts';
import { useApi } from '../hooks/useApi.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const fmt = (x: number, digits = 1) => x.toFixed(digits);
/** Rates (0–1) as percentages, the index (0–100) as it is. */
const figureText = (key: TAssessmentComponentKey, estimate: number) => (key === 'survey_index' ? fmt(estimate) : `${fmt(estimate * 100)}%`);

/** 考核: the county's assessments, and (county admin) a new one with its scheme: components, weights, scalings, waves. */
export function AssessmentsPage() {
  const { t, locale } = useI18n();
  useTitle(t('assessment.title'));
  const me = useMe();
  const [items, setItems] = useState<TAssessmentSummary[]>([]);
  const [form] = Form.useForm<{ name: string; period: [{ format: (f: string) => string }, { format: (f: string) => string }] }>();
  const load = useCallback(async () => setItems((await call(assessmentApi.listAssessments)).items), []);
  useEffect(() => void load().catch(() => undefined), [load]);
  const [rows, setRows] = useState<SchemeRow[]>(() => schemeRows(null));
  const [waveIds, setWaveIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const manager = hasAnyRole(me.roles, ASSESSMENT_MANAGE_ROLES);
  const waves = useApi((signal) => (manager ? call(surveyResultsApi.listResultsWaves, undefined, { signal }) : Promise.resolve({ items: [] })), [manager]);
  const submit = async () => {
    const v = await form.validateFields();
    const checked = rowsToScheme(t, locale, rows, waveIds);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    try {
      await call(assessmentApi.createAssessment, { body: { name: v.name, periodStart: v.period[0].format('YYYY-MM-DD'), periodEnd: v.period[1].format('YYYY-MM-DD'), scheme: checked.scheme } });
      form.resetFields();
      setRows(schemeRows(null));
      setWaveIds([]);
      await load();
    } catch (error) {
      setProblems([problemText(t, locale, error), ...(isApiError(error) ? error.issues.map((i) => i.message) : [])]);
    }
  };
  return (
    <>
      <PageHeader
        title={t('assessment.title')}
        extra={
          hasAnyRole(me.roles, CITY_SPOT_CHECK_READ_ROLES) && (
            <Link to="/assessments/city-spot-checks" data-testid="assessment-spot-checks">
              <Button>{t('spotCheck.link')}</Button>
            </Link>
          )
        }
      />
      <Table<TAssessmentSummary>
        rowKey="id"
        dataSource={items}
        pagination={false}
        columns={[
          { title: t('assessment.name'), render: (_, a) => <Link to={`/assessments/${a.id}`}>{a.name}</Link> },
          { title: t('assessment.period'), render: (_, a) => `${a.periodStart} – ${a.periodEnd}` },
          { title: t('assessment.status'), render: (_, a) => <Tag color={a.status === 'published' ? 'green' : 'default'}>{t(`assessment.status.${a.status}`)}</Tag> },
          { title: t('assessment.version'), dataIndex: 'currentVersion' },
        ]}
      />
      {manager && (
      <Card title={t('assessment.create')} style={{ marginTop: 16 }}>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('assessment.name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="period" label={t('assessment.period')} rules={[{ required: true }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item label={t('scheme.waves')}>
            <WavePicker waves={waves.data?.items ?? []} loading={waves.loading} value={waveIds} onChange={setWaveIds} testId="assessment-waves" />
          </Form.Item>
          <SchemeComponentsTable rows={rows} onChange={setRows} />
          {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problems[0]} description={problems.length > 1 ? problems.slice(1).join('；') : undefined} data-testid="assessment-create-problem" />}
          <Button type="primary" onClick={() => void submit()}>
            {t('assessment.create')}
          </Button>
        </Form>
      </Card>
      )}
    </>
  );
}

/** One assessment: compute, the result table with ranks, ranges and sources, items, city comparison, publish. */
export function AssessmentPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const [a, setA] = useState<TAssessmentDetail | null>(null);
  const [item, setItem] = useState<{ townshipCode?: string; points?: number | null; reason?: string }>({});
  useTitle(a?.name ?? t('assessment.title'));
  const load = useCallback(async () => setA(await call(assessmentApi.getAssessment, { params: { id } })), [id]);
  useEffect(() => void load().catch((error: unknown) => message.error(errorText(t, error))), [load, message, t]);
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      await load();
    } catch (error) {
      message.error(errorText(t, error));
    }
  };
  if (!a) return null;
  const draft = a.status === 'draft';
  const result = a.result?.result;
  return (
    <>
      <PageHeader title={a.name} />
      <Space style={{ marginBottom: 16 }}>
        <Tag color={draft ? 'default' : 'green'}>{t(`assessment.status.${a.status}`)}</Tag>
        <span>
          {a.periodStart} – {a.periodEnd} · {t('assessment.version')} {a.currentVersion}
        </span>
        {draft && <Button onClick={() => void act(() => call(assessmentApi.computeAssessment, { params: { id } }))}>{t('assessment.compute')}</Button>}
        {draft && (
          <Popconfirm title={t('assessment.publishConfirm')} onConfirm={() => void act(() => call(assessmentApi.publishAssessment, { params: { id } }))}>
            <Button type="primary">{t('assessment.publish')}</Button>
          </Popconfirm>
        )}
        {a.result && (
          <Link to={`/assessments/${id}/bulletin`} data-testid="assessment-bulletin">
            <Button>{t('assessment.bulletin')}</Button>
          </Link>
        )}
      </Space>
      {a.result?.stale && <Alert type="warning" message={t('assessment.stale')} style={{ marginBottom: 16 }} />}
      {!result ? (
        <Alert type="info" message={t('assessment.noResult')} />
      ) : (
        <Table
          rowKey="id"
          dataSource={result.townships}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('assessment.rank'), dataIndex: 'rank' },
            { title: t('assessment.rankRange'), render: (_, r) => (r.bestRank === r.worstRank ? r.rank : `${r.bestRank}–${r.worstRank}`) },
            { title: t('assessment.township'), render: (_, r) => (locale === 'en' && r.nameEn ? r.nameEn : r.name) },
            { title: t('assessment.composite'), render: (_, r) => `${fmt(r.composite, 2)} ± ${fmt(1.96 * r.compositeStandardError, 2)}` },
            ...result.components.map((c) => ({
              title: `${c.label[locale]} (${c.weight})`,
              render: (_: unknown, r: (typeof result.townships)[number]) => {
                const x = r.components.find((y) => y.key === c.key);
                if (!x?.figure) return '—';
                return (
                  <Link to={x.source.page} title={`n = ${x.figure.n ?? '—'}${x.figure.interval ? ` · ${figureText(c.key, x.figure.interval.lower)}–${figureText(c.key, x.figure.interval.upper)}` : ''}`}>
                    {figureText(c.key, x.figure.estimate)} · {fmt(x.points)}
                  </Link>
                );
              },
            })),
            { title: t('assessment.adjustment'), render: (_, r) => (r.adjustmentTotal ? fmt(r.adjustmentTotal, 2) : '') },
            { title: t('assessment.previous'), render: (_, r) => (r.previous ? `${r.previous.rank} · ${fmt(r.previous.composite, 2)}` : '') },
          ]}
        />
      )}
      {result && result.city.length > 0 && (
        <Card title={t('assessment.city')} style={{ marginTop: 16 }}>
          {result.city.map((c) => (
            <p key={c.figure}>
              {c.figure}: {c.county ? fmt(c.county.estimate, 2) : '—'} / {c.city ? `${fmt(c.city.estimate, 2)} (${c.city.source})` : '—'} {c.verdict ? `· ${t(`assessment.verdict.${c.verdict}`)}` : ''}
            </p>
          ))}
        </Card>
      )}
      <SchemeCard assessment={a} canEdit={hasAnyRole(me.roles, ASSESSMENT_MANAGE_ROLES)} showVersions={hasAnyRole(me.roles, CITY_SPOT_CHECK_READ_ROLES)} onSaved={() => void load()} />
      <Card title={t('assessment.adjustments')} style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={a.adjustments}
          columns={[
            { title: t('assessment.township'), render: (_, x) => x.township.name },
            { title: t('assessment.points'), dataIndex: 'points' },
            { title: t('assessment.reason'), dataIndex: 'reason' },
            {
              title: '',
              render: (_, x) =>
                x.removedAt ? (
                  <Tag>{t('assessment.removed')}</Tag>
                ) : draft ? (
                  <Button size="small" onClick={() => void act(() => call(assessmentApi.removeAdjustment, { params: { id, adjustmentId: x.id }, body: { reason: t('assessment.remove') } }))}>
                    {t('assessment.remove')}
                  </Button>
                ) : null,
            },
          ]}
        />
        {draft && (
          <Space style={{ marginTop: 8 }} wrap>
            <Select style={{ width: 160 }} placeholder={t('assessment.township')} options={a.townships.map((x) => ({ value: x.code, label: x.name }))} onChange={(v: string) => setItem({ ...item, townshipCode: v })} />
            <InputNumber placeholder={t('assessment.points')} min={-100} max={100} onChange={(v) => setItem({ ...item, points: v })} />
            <Input placeholder={t('assessment.reason')} onChange={(e) => setItem({ ...item, reason: e.target.value })} />
            <Button onClick={() => void act(() => call(assessmentApi.addAdjustment, { params: { id }, body: { townshipCode: item.townshipCode ?? '', points: item.points ?? 0, reason: item.reason ?? '' } }))}>{t('assessment.add')}</Button>
          </Space>
        )}
      </Card>
    </>
  );
}
