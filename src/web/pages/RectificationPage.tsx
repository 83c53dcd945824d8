import { PlusOutlined, SettingOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ContractInput } from '../../shared/api/index.ts';
import { rectificationApi } from '../../shared/api/rectification.ts';
import { surveyResultsApi } from '../../shared/api/survey-results.ts';
import { RECTIFICATION_SOURCES, RECTIFICATION_STATUSES, type TRectificationTaskSummary } from '../../shared/assessment/index.ts';
import { RECTIFICATION_MANAGE_ROLES, hasAnyRole } from '../../shared/roles.ts';
import { SURVEY_DOMAINS } from '../../shared/schemas/survey.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EffectTag, OwnerFields, RectStatusTag, RectStepModal, figureName, useTownshipOptions, type RectStepDialog } from '../components/rectification/rectification-ui.tsx';
import { useApi } from '../hooks/useApi.ts';
import { usePagedList } from '../hooks/usePagedList.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

/** The list API's filter names, as the address carries them (the workbench links here with them). */
const QUERY_KEYS = ['status', 'townshipCode', 'source', 'overdue', 'waveId'] as const;

/**
 * 整改任务: the tasks in the caller's sight with filters (status, township, source, overdue), each
 * with its owner, due date and whether it worked; for the county admin the proposals to confirm or
 * drop, "propose from a wave" and "create by hand".
 */
export function RectificationPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const manager = hasAnyRole(me.roles, RECTIFICATION_MANAGE_ROLES);
  const query: Record<string, string> = {};
  for (const key of QUERY_KEYS) {
    const v = params.get(key);
    if (v) query[key] = v;
  }
  const tab = query.status === 'proposed' ? 'proposals' : 'tasks';
  const [total, setTotal] = useState<number | null>(null);
  // Keyset pages of 50, newest first, as the cases list; the total counts every match of the filters.
  const list = usePagedList<TRectificationTaskSummary>(async (cursor, signal) => {
    const page = await call(rectificationApi.listRectificationTasks, { query: { ...(query as ContractInput<typeof rectificationApi.listRectificationTasks>['query']), ...(cursor ? { cursor } : {}) } }, { signal });
    setTotal(page.total);
    return page;
  }, params.toString());
  const townships = useTownshipOptions();
  const [step, setStep] = useState<{ step: RectStepDialog; task: TRectificationTaskSummary } | null>(null);
  const [proposing, setProposing] = useState(false);
  const [creating, setCreating] = useState(false);
  useTitle(t('rect.title'));
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };

  const columns = [
    { title: t('rect.col.taskNo'), dataIndex: 'taskNo', render: (no: string, r: TRectificationTaskSummary) => <Link to={`/rectification/${r.id}`}>{no}</Link> },
    {
      title: t('rect.col.title'),
      render: (_: unknown, r: TRectificationTaskSummary) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/rectification/${r.id}`} data-testid="rect-title">
            {r.title}
          </Link>
          {r.reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.figureKey ? `${figureName(t, r)} · ` : ''}
              {t(`rect.reason.${r.reason as 'manual'}`)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('rect.col.township'), render: (_: unknown, r: TRectificationTaskSummary) => (r.township ? (locale === 'en' && r.township.nameEn ? r.township.nameEn : r.township.name) : t('rect.county')) },
    { title: t('rect.col.owner'), render: (_: unknown, r: TRectificationTaskSummary) => (r.owner ? (r.owner.kind === 'township' && locale === 'en' && r.owner.nameEn ? r.owner.nameEn : r.owner.name) : '—') },
    { title: t('rect.col.status'), render: (_: unknown, r: TRectificationTaskSummary) => <RectStatusTag status={r.status} /> },
    {
      title: t('rect.col.dueOn'),
      render: (_: unknown, r: TRectificationTaskSummary) => (
        <Space size={4}>
          {r.dueOn ?? '—'}
          {r.overdue && <Tag color="red" data-testid="rect-overdue">{t('rect.overdue')}</Tag>}
          {r.onTime === true && <Tag color="green">{t('rect.onTime')}</Tag>}
          {r.onTime === false && <Tag color="orange">{t('rect.late')}</Tag>}
        </Space>
      ),
    },
    { title: t('rect.col.source'), render: (_: unknown, r: TRectificationTaskSummary) => t(`rect.source.${r.source}`) },
    { title: t('rect.col.effect'), render: (_: unknown, r: TRectificationTaskSummary) => <EffectTag effect={r.effect} /> },
    ...(manager && tab === 'proposals'
      ? [
          {
            title: t('rect.col.actions'),
            render: (_: unknown, r: TRectificationTaskSummary) =>
              r.status === 'proposed' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setStep({ step: 'confirm', task: r })} data-testid={`rect-confirm-${r.taskNo}`}>
                    {t('rect.step.confirm')}
                  </Button>
                  <Button size="small" danger onClick={() => setStep({ step: 'drop', task: r })} data-testid={`rect-drop-${r.taskNo}`}>
                    {t('rect.step.drop')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="rectification-page">
      <PageHeader
        title={t('rect.title')}
        extra={
          manager && (
            <Space wrap>
              <Button icon={<SettingOutlined />} onClick={() => navigate('/rectification/settings')} data-testid="rect-settings">
                {t('rectSettings.link')}
              </Button>
              <Button icon={<ThunderboltOutlined />} onClick={() => setProposing(true)} data-testid="rect-propose">
                {t('rect.propose')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="rect-create">
                {t('rect.create')}
              </Button>
            </Space>
          )
        }
      />
      {manager && (
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ status: k === 'proposals' ? 'proposed' : undefined })}
          items={[
            { key: 'tasks', label: t('rect.tasks') },
            { key: 'proposals', label: <span data-testid="rect-tab-proposals">{t('rect.proposals')}</span> },
          ]}
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          {tab === 'tasks' && (
            <Select
              allowClear
              mode="multiple"
              style={{ minWidth: 200 }}
              placeholder={t('rect.filter.status')}
              value={query.status ? query.status.split(',') : []}
              onChange={(v: string[]) => set({ status: v.length ? v.join(',') : undefined })}
              options={RECTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`rect.status.${s}`) }))}
              data-testid="rect-filter-status"
            />
          )}
          <Select allowClear style={{ minWidth: 160 }} placeholder={t('rect.filter.township')} value={query.townshipCode} onChange={(v?: string) => set({ townshipCode: v })} options={townships} showSearch optionFilterProp="label" />
          <Select allowClear style={{ minWidth: 140 }} placeholder={t('rect.filter.source')} value={query.source} onChange={(v?: string) => set({ source: v })} options={RECTIFICATION_SOURCES.map((s) => ({ value: s, label: t(`rect.source.${s}`) }))} />
          <Checkbox checked={query.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })} data-testid="rect-filter-overdue">
            {t('rect.filter.overdue')}
          </Checkbox>
          <Button onClick={() => setParams(new URLSearchParams(tab === 'proposals' ? { status: 'proposed' } : {}))}>{t('rect.filter.reset')}</Button>
        </Space>
      </Card>
      {list.error && !list.loading && list.items.length === 0 ? (
        <LoadError error={list.error} title={t('rect.title')} onRetry={list.reload} />
      ) : (
        <>
          {total !== null && (
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid="rect-total">
              {t('rect.total', { total })}
            </Typography.Text>
          )}
          <Table rowKey="id" size="small" loading={list.loading && list.items.length === 0} columns={columns} dataSource={list.items} pagination={false} locale={{ emptyText: t('rect.empty') }} scroll={{ x: 900 }} data-testid="rect-table" />
          <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.items.length ? list.error : undefined} onLoadMore={list.loadMore} />
        </>
      )}
      {step && <RectStepModal step={step.step} task={step.task} onClose={() => setStep(null)} onDone={() => list.reload()} />}
      {proposing && (
        <ProposeModal
          onClose={() => setProposing(false)}
          onDone={(text) => {
            void message.success(text, 8);
            set({ status: 'proposed' });
            list.reload();
          }}
        />
      )}
      {creating && <CreateModal townships={townships} onClose={() => setCreating(false)} onDone={(id) => navigate(`/rectification/${id}`)} />}
    </div>
  );
}

function ProposeModal({ onClose, onDone }: { onClose: () => void; onDone: (text: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const waves = useApi((signal) => call(surveyResultsApi.listResultsWaves, undefined, { signal }), []);
  const closed = (waves.data?.items ?? []).filter((w) => w.status === 'closed');
  const [waveId, setWaveId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    if (!waveId) return;
    setBusy(true);
    try {
      const r = await call(rectificationApi.proposeRectificationTasks, { body: { waveId } });
      onDone(t('rect.propose.done', { created: r.created, fromSurvey: r.fromSurvey, fromCases: r.fromCases, alreadyProposed: r.alreadyProposed }));
      onClose();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('rect.propose')} onOk={() => void go()} okText={t('rect.propose.go')} okButtonProps={{ disabled: !waveId, 'data-testid': 'rect-propose-ok' } as never} confirmLoading={busy} onCancel={onClose}>
      <Form layout="vertical" name="rect-propose" onValuesChange={(_, all: { waveId?: string }) => setWaveId(all.waveId)}>
        <Form.Item name="waveId" label={t('rect.propose.wave')}>
          <Select loading={waves.loading} options={closed.map((w) => ({ value: w.id, label: `${w.name}（${w.startsOn} – ${w.endsOn}）` }))} data-testid="rect-propose-wave" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CreateModal({ townships, onClose, onDone }: { townships: { value: string; label: string }[]; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await call(rectificationApi.createRectificationTask, {
        body: {
          ...(v.townshipCode ? { townshipCode: v.townshipCode } : {}),
          ...(v.domain ? { domain: v.domain } : {}),
          ...(v.ownerKind === 'department' ? { ownerDepartmentId: v.ownerDepartmentId } : { ownerRegionCode: v.ownerRegionCode }),
          title: v.title,
          problem: v.problem,
          measures: v.measures ?? '',
          dueOn: v.dueOn.format('YYYY-MM-DD'),
        },
      });
      void message.success(t('rect.created'));
      onDone(r.id);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('rect.create')} onOk={() => void go()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" name="rect-create" initialValues={{ ownerKind: 'township' }}>
        <Form.Item name="townshipCode" label={t('rect.create.township')}>
          <Select allowClear options={townships} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="domain" label={t('rect.field.domain')}>
          <Select allowClear options={SURVEY_DOMAINS.map((d) => ({ value: d, label: t(`survey.domain.${d}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('rect.field.title')} rules={[{ required: true, whitespace: true, message: t('rect.required') }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="problem" label={t('rect.field.problem')} rules={[{ required: true, whitespace: true, message: t('rect.required') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <OwnerFields townships={townships} />
        <Form.Item name="measures" label={t('rect.field.measures')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

