import { AuditOutlined, ExperimentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { TDialResponse } from '../../../shared/schemas/survey-fieldwork.ts';
import { RECHECK_RESULTS, type TRecheckItem, type ZDrawRecheckResult, type ZFlagInterviewsResult, type ZRecheckList } from '../../../shared/schemas/survey-results.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { api } from '../../api.ts';
import { usePagedList } from '../../hooks/usePagedList.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';
import { openTelLink } from '../fieldwork/telLink.ts';
import { LoadMore } from '../LoadMore.tsx';
import { FormModal } from '../FormModal.tsx';
import type { RegionNamer } from './useRegionNames.ts';

type FlagResult = z.infer<typeof ZFlagInterviewsResult>;
type DrawResult = z.infer<typeof ZDrawRecheckResult>;
type RecheckList = z.infer<typeof ZRecheckList>;
type State = 'all' | 'pending' | 'done';

const minutes = (seconds: number | null) => (seconds === null ? '—' : `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`);
const RESULT_COLOURS = { confirmed: 'success', not_confirmed: 'error', unreachable: 'default' } as const;

/**
 * Quality control of a wave's complete interviews: flag the too-short and the straight-lined,
 * draw the re-check sample (a seeded share plus every flagged one), and record each re-check
 * call's result. No phone and no answer shows here: the re-check call goes through the dial
 * action (audited), whose number only the dialler sees.
 */
export function QualityCard({ waveId, nameOf }: { waveId: string; nameOf: RegionNamer }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [flagging, setFlagging] = useState(false);
  const [flags, setFlags] = useState<FlagResult>();
  const [drawing, setDrawing] = useState(false);
  const [drawn, setDrawn] = useState<DrawResult>();
  const [error, setError] = useState<string>();
  const [state, setState] = useState<State>('all');
  const [recording, setRecording] = useState<TRecheckItem | null>(null);
  const [dialing, setDialing] = useState<string | null>(null);
  const [summary, setSummary] = useState<RecheckList['summary']>();
  const [flagForm] = Form.useForm<{ shortFraction: number; minStraightLineAnswers: number }>();
  const [drawForm] = Form.useForm<{ percent: number; seed?: string }>();

  const list = usePagedList(async (cursor, signal) => {
    const page = await api.get<RecheckList>(`/api/survey/waves/${waveId}/quality/rechecks`, { limit: 50, cursor, state: state === 'all' ? undefined : state }, { signal });
    setSummary(page.summary);
    return page;
  }, `${waveId}:${state}`);

  const runFlags = async () => {
    setFlagging(true);
    setError(undefined);
    try {
      const v = flagForm.getFieldsValue();
      setFlags(await api.post<FlagResult>(`/api/survey/waves/${waveId}/quality/flags`, v));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setFlagging(false);
    }
  };

  const draw = async () => {
    setDrawing(true);
    setError(undefined);
    try {
      const v = drawForm.getFieldsValue();
      const result = await api.post<DrawResult>(`/api/survey/waves/${waveId}/quality/recheck-sample`, { percent: v.percent, ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}) });
      setDrawn(result);
      list.reload();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setDrawing(false);
    }
  };

  const dial = async (r: TRecheckItem) => {
    setDialing(r.interviewId);
    setError(undefined);
    try {
      const answer = await api.post<TDialResponse>(`/api/survey/interviews/${r.interviewId}/recheck/dial`);
      if (answer.kind === 'tel') openTelLink(answer.uri);
      void message.success(t('fieldwork.recheck.dialed'));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setDialing(null);
    }
  };

  return (
    <Card title={t('survey.qc.title')} style={{ marginBottom: 16 }} data-testid="quality">
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('survey.qc.flagsTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('survey.qc.flagsHint')}
          </Typography.Paragraph>
          <Form form={flagForm} layout="inline" initialValues={{ shortFraction: 0.4, minStraightLineAnswers: 6 }} style={{ rowGap: 8 }}>
            <Form.Item name="shortFraction" label={t('survey.qc.shortFraction')}>
              <InputNumber min={0.05} max={1} step={0.05} style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="minStraightLineAnswers" label={t('survey.qc.minStraight')}>
              <InputNumber min={2} max={50} precision={0} style={{ width: 70 }} />
            </Form.Item>
            <Button icon={<AuditOutlined />} loading={flagging} onClick={() => void runFlags()} data-testid="run-flags">
              {t('survey.qc.runFlags')}
            </Button>
          </Form>
          {flags && (
            <Descriptions
              size="small"
              column={2}
              style={{ marginTop: 12 }}
              data-testid="flag-result"
              items={[
                { key: 'checked', label: t('survey.qc.checked'), children: flags.checked },
                { key: 'median', label: t('survey.qc.median'), children: minutes(flags.medianSeconds) },
                { key: 'threshold', label: t('survey.qc.threshold'), children: minutes(flags.thresholdSeconds) },
                { key: 'short', label: t('survey.qc.flag.too_short'), children: flags.tooShort },
                { key: 'straight', label: t('survey.qc.flag.straight_lining'), children: flags.straightLining },
                { key: 'flagged', label: t('survey.qc.flagged'), children: flags.flagged },
              ]}
            />
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('survey.qc.drawTitle')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('survey.qc.drawHint')}
          </Typography.Paragraph>
          <Form form={drawForm} layout="inline" initialValues={{ percent: 5 }} style={{ rowGap: 8 }}>
            <Form.Item name="percent" label={t('survey.qc.percent')}>
              <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="seed" label={t('survey.sample.seed')}>
              <Input maxLength={64} style={{ width: 140 }} placeholder={t('survey.qc.seedDefault')} />
            </Form.Item>
            <Button icon={<ExperimentOutlined />} loading={drawing} onClick={() => void draw()} data-testid="draw-recheck">
              {t('survey.qc.draw')}
            </Button>
          </Form>
          {drawn && (
            <Typography.Paragraph style={{ marginTop: 12 }} data-testid="recheck-drawn">
              {t('survey.qc.drawn', drawn)}
            </Typography.Paragraph>
          )}
        </Col>
      </Row>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8, margin: '16px 0 8px' }}>
        <Space wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('survey.qc.sample')}
          </Typography.Title>
          {summary && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="recheck-summary">
              {t('survey.qc.summary', summary)}
            </Typography.Text>
          )}
        </Space>
        <Segmented<State>
          size="small"
          value={state}
          onChange={setState}
          options={(['all', 'pending', 'done'] as const).map((s) => ({ value: s, label: t(`survey.qc.state.${s}`) }))}
        />
      </div>
      <Table<TRecheckItem>
        rowKey="interviewId"
        size="small"
        pagination={false}
        dataSource={list.items}
        loading={list.loading && list.items.length === 0}
        scroll={{ x: 'max-content' }}
        data-testid="recheck-table"
        locale={{ emptyText: t('survey.qc.empty') }}
        columns={[
          { key: 'interviewer', title: t('survey.progress.interviewer'), render: (_, r) => r.interviewer.displayName },
          { key: 'township', title: t('survey.strata.township'), render: (_, r) => (r.township ? nameOf(r.township) : '—') },
          { key: 'duration', title: t('survey.qc.duration'), align: 'right', render: (_, r) => minutes(r.durationSeconds) },
          { key: 'completed', title: t('survey.qc.completedAt'), render: (_, r) => (r.completedAt ? formatLocalDateTime(r.completedAt).slice(0, 16) : '—') },
          {
            key: 'flags',
            title: t('survey.qc.flags'),
            render: (_, r) =>
              r.flags.length ? r.flags.map((f) => <Tag key={f} color="orange">{f === 'too_short' || f === 'straight_lining' ? t(`survey.qc.flag.${f}`) : f}</Tag>) : <Typography.Text type="secondary">{t('survey.qc.random')}</Typography.Text>,
          },
          {
            key: 'result',
            title: t('survey.qc.result'),
            render: (_, r) =>
              r.result ? (
                <span>
                  <Tag color={RESULT_COLOURS[r.result]}>{t(`survey.qc.result.${r.result}`)}</Tag>
                  {r.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.note}</Typography.Text>}
                </span>
              ) : (
                <Typography.Text type="secondary">{t('survey.qc.pending')}</Typography.Text>
              ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, r) => (
              <Space size={4} wrap>
                <Button size="small" icon={<PhoneOutlined />} loading={dialing === r.interviewId} onClick={() => void dial(r)} data-testid="recheck-dial">
                  {t('fieldwork.recheck.dial')}
                </Button>
                <Button size="small" onClick={() => setRecording(r)} data-testid="record-recheck">
                  {r.result ? t('common.edit') : t('survey.qc.record')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
      {recording && (
        <FormModal<{ result: TRecheckItem['result']; note?: string }>
          nestedIssues
          title={t('survey.qc.recordTitle', { interviewer: recording.interviewer.displayName })}
          fields={['result', 'note']}
          initialValues={{ result: recording.result ?? 'confirmed', note: recording.note }}
          onClose={() => setRecording(null)}
          onSubmit={async (v) => {
            await api.put<TRecheckItem>(`/api/survey/interviews/${recording.interviewId}/recheck`, { result: v.result, note: v.note ?? '' });
            void message.success(t('survey.qc.recorded'));
            list.reload();
          }}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('survey.qc.recordHint')}
          </Typography.Paragraph>
          <Form.Item name="result" label={t('survey.qc.result')} rules={[{ required: true, message: t('common.select') }]}>
            <Radio.Group options={RECHECK_RESULTS.map((r) => ({ value: r, label: t(`survey.qc.result.${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('survey.appt.note')}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
