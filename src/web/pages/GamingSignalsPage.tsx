import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Radio, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { gamingSignalsApi } from '../../shared/api/gaming-signals.ts';
import type { TGamingEvidence, TGamingFlag } from '../../shared/assessment/gaming-schemas.ts';
import { GAMING_REVIEW_ROLES, hasAnyRole } from '../../shared/roles.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

type Measure = TGamingEvidence['measures'][number];
type Status = TGamingFlag['status'];

/** A measure's value in plain words: shares as percentages, ranks and spreads as numbers. */
const show = (key: string, v: number | null) => {
  if (v === null) return '—';
  if (key.startsWith('straight_lining') || key.includes('satisfaction') || key.includes('resolution') || key.includes('reopen') || key.includes('visited')) return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
};
const showP = (p: number | null) => (p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3));

/** 刷分迹象 (county only): a closed wave's flags with their evidence, and the county's review. */
export function GamingSignalsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  useTitle(t('gaming.title'));
  const [params, setParams] = useSearchParams();
  const waveId = params.get('wave') ?? undefined;
  const status = (params.get('status') as Status | null) ?? undefined;
  const list = useApi((signal) => call(gamingSignalsApi.listGamingFlags, { query: { ...(waveId ? { waveId } : {}), ...(status ? { status } : {}) } }, { signal }), [waveId, status]);
  const [reviewing, setReviewing] = useState<TGamingFlag | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ status: 'dismissed' | 'confirmed'; note: string }>();
  const canReview = hasAnyRole(me.roles, GAMING_REVIEW_ROLES);
  const text = (x: { 'zh-CN': string; en: string }) => (locale === 'en' ? x.en : x['zh-CN']);

  if (list.error) return <LoadError error={list.error} title={t('gaming.title')} onRetry={list.reload} />;
  const data = list.data;
  if (data && !data.wave) return <Empty description={t('gaming.noWave')} />;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const detect = async () => {
    if (!data?.wave) return;
    setBusy(true);
    try {
      const run = await call(gamingSignalsApi.detectGamingSignals, { body: { waveId: data.wave.id } });
      void message.success(t('gaming.detected', { summary: text(run.summary) }));
      list.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!reviewing) return;
    const values = await form.validateFields();
    try {
      await call(gamingSignalsApi.reviewGamingFlag, { params: { id: reviewing.id }, body: values });
      setReviewing(null);
      form.resetFields();
      list.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const measures = (f: TGamingFlag) => (
    <Table<Measure & { k: number }>
      size="small"
      rowKey="k"
      pagination={false}
      dataSource={f.evidence.measures.map((m, k) => ({ ...m, k }))}
      columns={[
        { title: t('gaming.measure'), key: 'label', render: (_, m) => text(m.label) },
        { title: t('gaming.township'), key: 'township', align: 'right', render: (_, m) => show(m.key, m.township) },
        { title: t('gaming.reference'), key: 'reference', align: 'right', render: (_, m) => `${show(m.key, m.reference)}（${text(m.referenceLabel)}）` },
        { title: t('gaming.n'), key: 'n', align: 'right', render: (_, m) => m.n ?? '—' },
        { title: t('gaming.p'), key: 'p', align: 'right', render: (_, m) => showP(m.p) },
      ]}
    />
  );

  const statusTag = (s: Status) => <Tag color={s === 'confirmed' ? 'red' : s === 'dismissed' ? 'green' : 'default'}>{t(`gaming.status.${s}`)}</Tag>;

  return (
    <div>
      <PageHeader
        title={t('gaming.title')}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 260 }}
              value={data?.wave?.id}
              onChange={(id: string) => set('wave', id)}
              options={(data?.waves ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.open}/${w.flags}）` }))}
              aria-label={t('gaming.wave')}
              data-testid="gaming-wave"
            />
            <Radio.Group value={status ?? 'all'} onChange={(e) => set('status', e.target.value === 'all' ? undefined : String(e.target.value))} optionType="button">
              {(['all', 'new', 'dismissed', 'confirmed'] as const).map((s) => (
                <Radio.Button key={s} value={s}>
                  {t(`gaming.status.${s}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
            {canReview && (
              <Button onClick={() => void detect()} loading={busy} data-testid="gaming-detect">
                {t('gaming.detect')}
              </Button>
            )}
          </Space>
        }
      />
      <Alert type="warning" showIcon message={t('gaming.note')} style={{ marginBottom: 16 }} />
      {!data ? (
        <Skeleton active />
      ) : (
        <List
          dataSource={data.items}
          locale={{ emptyText: t('gaming.none') }}
          data-testid="gaming-flags"
          renderItem={(f) => (
            <Card
              key={f.id}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Space wrap>
                  <Typography.Text strong>{locale === 'en' ? (f.township.nameEn ?? f.township.name) : f.township.name}</Typography.Text>
                  <Tag color={f.severity === 'review' ? 'red' : 'orange'}>{t(`gaming.severity.${f.severity}`)}</Tag>
                  <Tag>{t(`gaming.signal.${f.signal}`)}</Tag>
                  {statusTag(f.status)}
                </Space>
              }
              extra={
                canReview && (
                  <Button size="small" onClick={() => (setReviewing(f), form.setFieldsValue({ status: f.status === 'confirmed' ? 'confirmed' : 'dismissed', note: f.reviewNote ?? '' }))} data-testid="gaming-review">
                    {t('gaming.review')}
                  </Button>
                )
              }
            >
              <Typography.Paragraph>{text(f.evidence.summary)}</Typography.Paragraph>
              {f.reviewedBy && f.reviewedAt && (
                <Typography.Paragraph type="secondary">{t('gaming.reviewed', { who: f.reviewedBy.displayName, at: formatLocalDateTime(f.reviewedAt), note: f.reviewNote ?? '' })}</Typography.Paragraph>
              )}
              {measures(f)}
              <Typography.Text type="secondary">{t('gaming.detectedAt', { at: formatLocalDateTime(f.detectedAt) })}</Typography.Text>
            </Card>
          )}
        />
      )}
      <Modal open={reviewing !== null} title={t('gaming.review')} onOk={() => void submit()} onCancel={() => setReviewing(null)} destroyOnHidden>
        {reviewing && <Typography.Paragraph>{text(reviewing.evidence.summary)}</Typography.Paragraph>}
        <Form form={form} layout="vertical" initialValues={{ status: 'dismissed' }}>
          <Form.Item name="status" label={t('gaming.reviewStatus')} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="dismissed">{t('gaming.status.dismissed')}</Radio>
              <Radio value="confirmed">{t('gaming.status.confirmed')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('gaming.reviewNote')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="gaming-review-note" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
