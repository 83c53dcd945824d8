import { Alert, Button, Card, Empty, Form, Input, List, Modal, Radio, Select, Skeleton, Space, Table, Tag, Typography, App } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { visitReportsApi } from '../../shared/api/visit-reports.ts';
import { hasAnyRole } from '../../shared/roles.ts';
import { VISIT_FLAG_REVIEW_ROLES } from '../access.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import type { TFlagVisit, TVisitFlag, TVisitFlags } from '../../shared/visits/visit-report-schemas.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n, type Translate } from '../i18n/index.tsx';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function describe(t: Translate, f: TVisitFlag): string {
  switch (f.kind) {
    case 'burst':
      return t('visits.flags.burst', { cadre: f.cadre.displayName, count: f.count, from: formatLocalDateTime(f.windowStart), to: formatLocalDateTime(f.windowEnd) });
    case 'night':
      return t('visits.flags.night', { cadre: f.cadre.displayName, count: f.visits.length, night: f.night });
    case 'same_photo':
      return t('visits.flags.samePhoto', { households: f.households });
    case 'similar_photo':
      return t('visits.flags.similarPhoto', { distance: f.distance });
    case 'survey_gap':
      return t('visits.flags.surveyGap', { township: f.township.name, log: pct(f.logCoverage), rate: pct(f.surveyRate), lower: pct(f.interval.lower), upper: pct(f.interval.upper), n: f.surveyN });
  }
}

/** 疑似"虚假走访"线索: each flag with its evidence, and the county's review. */
export function VisitFlagsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  useTitle(t('visits.flags.title'));
  const [params, setParams] = useSearchParams();
  const campaigns = useApi((signal) => call(visitReportsApi.listReportCampaigns, {}, { signal }), []);
  const campaignId = params.get('campaign') ?? campaigns.data?.items[0]?.id ?? null;
  const flags = useApi((signal) => (campaignId ? call(visitReportsApi.listVisitFlags, { params: { id: campaignId }, query: {} }, { signal }) : Promise.resolve(null)), [campaignId]);
  const [reviewing, setReviewing] = useState<TVisitFlag | null>(null);
  const [form] = Form.useForm<{ conclusion: 'explained' | 'confirmed'; note: string }>();
  const canReview = hasAnyRole(me.roles, VISIT_FLAG_REVIEW_ROLES);

  const error = campaigns.error ?? flags.error;
  if (error) return <LoadError error={error} title={t('visits.flags.title')} onRetry={() => (campaigns.reload(), flags.reload())} />;
  if (campaigns.data && campaigns.data.items.length === 0) return <Empty description={t('visits.coverage.noCampaign')} />;
  const data: TVisitFlags | null | undefined = flags.data;

  const submit = async () => {
    if (!reviewing || !campaignId) return;
    const values = await form.validateFields();
    try {
      await call(visitReportsApi.reviewVisitFlag, { params: { id: campaignId }, body: { flagKey: reviewing.key, ...values } });
      setReviewing(null);
      form.resetFields();
      flags.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const evidence = (visits: TFlagVisit[]) => (
    <Table<TFlagVisit>
      size="small"
      rowKey="visitId"
      pagination={false}
      dataSource={visits}
      columns={[
        { title: t('visits.coverage.head'), key: 'head', render: (_, v) => v.headName ?? '—' },
        { title: t('visits.coverage.village'), key: 'village', render: (_, v) => v.village.name },
        { title: t('visits.coverage.cadre'), key: 'cadre', render: (_, v) => v.cadre.displayName },
        { title: t('visits.flags.visitedAt'), key: 'at', render: (_, v) => formatLocalDateTime(v.visitedAt) },
        { title: t('visits.flags.recordedAt'), key: 'rec', render: (_, v) => formatLocalDateTime(v.recordedAt) },
      ]}
    />
  );

  return (
    <div>
      <PageHeader
        title={t('visits.flags.title')}
        extra={
          <Select
            style={{ minWidth: 260 }}
            value={campaignId ?? undefined}
            onChange={(id: string) => setParams({ campaign: id })}
            options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="campaign-picker"
          />
        }
      />
      <Alert type="info" showIcon message={t('visits.flags.note')} style={{ marginBottom: 16 }} />
      {!data ? (
        <Skeleton active />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text>{t('visits.flags.counts', data.counts)}</Typography.Text>
          <List
            dataSource={data.items}
            locale={{ emptyText: t('visits.flags.none') }}
            data-testid="flag-list"
            renderItem={(f) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={
                  <Space>
                    <Tag color="orange">{t(`visits.flags.kind.${f.kind}`)}</Tag>
                    {f.review ? <Tag color={f.review.conclusion === 'confirmed' ? 'red' : 'green'}>{t(f.review.conclusion === 'confirmed' ? 'visits.flags.confirmed' : 'visits.flags.explained')}</Tag> : <Tag>{t('visits.flags.unreviewed')}</Tag>}
                  </Space>
                }
                extra={
                  canReview && (
                    <Button size="small" onClick={() => setReviewing(f)} data-testid="flag-review">
                      {t('visits.flags.review')}
                    </Button>
                  )
                }
              >
                <Typography.Paragraph>{describe(t, f)}</Typography.Paragraph>
                {f.review && (
                  <Typography.Paragraph type="secondary">
                    {f.review.reviewedBy.displayName} · {formatLocalDateTime(f.review.reviewedAt)}：{f.review.note}
                  </Typography.Paragraph>
                )}
                {f.kind !== 'survey_gap' && evidence(f.visits)}
              </Card>
            )}
          />
          <Card size="small" title={t('visits.flags.surveyTable')}>
            <Typography.Paragraph type="secondary">{data.wave ? t('visits.flags.wave', { wave: data.wave.name }) : t('visits.flags.noWave')}</Typography.Paragraph>
            <Table
              size="small"
              rowKey={(r) => r.township.code}
              pagination={false}
              dataSource={data.surveyComparison}
              columns={[
                { title: t('visits.coverage.township'), key: 'tw', render: (_, r) => r.township.name },
                { title: t('visits.coverage.coverage'), key: 'log', align: 'right', render: (_, r) => pct(r.logCoverage) },
                {
                  title: 'Q11',
                  key: 'survey',
                  align: 'right',
                  render: (_, r) => (r.survey.suppressed ? t('visits.flags.suppressed') : `${pct(r.survey.rate)} (${pct(r.survey.interval.lower)}–${pct(r.survey.interval.upper)}, n=${r.survey.n})`),
                },
                { title: '', key: 'flag', render: (_, r) => (r.flagged ? <Tag color="red">!</Tag> : null) },
              ]}
            />
          </Card>
        </Space>
      )}
      <Modal open={reviewing !== null} title={t('visits.flags.review')} onOk={() => void submit()} onCancel={() => setReviewing(null)} destroyOnHidden>
        {reviewing && <Typography.Paragraph>{describe(t, reviewing)}</Typography.Paragraph>}
        <Form form={form} layout="vertical" initialValues={{ conclusion: 'explained' }}>
          <Form.Item name="conclusion" label={t('visits.flags.conclusion')} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="explained">{t('visits.flags.explained')}</Radio>
              <Radio value="confirmed">{t('visits.flags.confirmed')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('visits.flags.reviewNote')} rules={[{ required: true, whitespace: true, max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="flag-review-note" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
