import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Image, Input, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { rectificationApi } from '../../shared/api/rectification.ts';
import type { TRectificationEvidence, TRectificationFileView, TRectificationTaskDetail } from '../../shared/assessment/index.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call, uploadCall, urlOf } from '../api.ts';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EffectTag, RectStatusTag, RectStepModal, figureName, formatFigure, type RectStepDialog } from '../components/rectification/rectification-ui.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

type Fig = NonNullable<TRectificationEvidence['township']>;

function Photos({ taskId, files }: { taskId: string; files: TRectificationFileView[] }) {
  if (!files.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {files.map((f) => (
          <Image key={f.sha256} width={96} height={72} style={{ objectFit: 'cover' }} src={urlOf(rectificationApi.downloadRectificationFile, { id: taskId, sha256: f.sha256 })} data-testid="rect-photo" />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

function Evidence({ task }: { task: TRectificationTaskDetail }) {
  const { t } = useI18n();
  const e = task.evidence;
  const key = e.figureKey ?? null;
  if (e.cases) {
    return (
      <Typography.Paragraph data-testid="rect-evidence">
        {task.caseCategory?.name}：{t('rect.evidence.cases', { days: 30, count: e.cases.count, previous: e.cases.previousCount, from: e.cases.from, to: e.cases.to, p: (e.p ?? 1).toFixed(4) })}
      </Typography.Paragraph>
    );
  }
  if (!e.township) return null;
  const row = (label: string, f: Fig | undefined) =>
    f ? { key: label, label, estimate: formatFigure(key, f.estimate), interval: f.lower !== null && f.upper !== null ? `${formatFigure(key, f.lower)} – ${formatFigure(key, f.upper)}` : '—', n: f.n } : null;
  const rows = [row(t('rect.evidence.township'), e.township), row(t('rect.evidence.county'), e.county), row(t('rect.evidence.rest'), e.rest)].filter((x) => x !== null);
  return (
    <div data-testid="rect-evidence">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: figureName(t, task), dataIndex: 'label' },
          { title: t('rect.evidence.estimate'), dataIndex: 'estimate' },
          { title: t('rect.evidence.interval'), dataIndex: 'interval' },
          { title: t('rect.evidence.n'), dataIndex: 'n' },
        ]}
      />
      <Space wrap style={{ marginTop: 8 }}>
        {e.threshold !== undefined && <Tag>{`${t('rect.evidence.threshold')}：${formatFigure(key, e.threshold)}`}</Tag>}
        {e.p !== undefined && <Tag>{`${t('rect.evidence.p')}：${e.p < 0.0001 ? '< 0.0001' : e.p.toFixed(4)}`}</Tag>}
        {e.reason && <Tag color="orange">{t(`rect.reason.${e.reason}`)}</Tag>}
      </Space>
    </div>
  );
}

function Effect({ task }: { task: TRectificationTaskDetail }) {
  const { t } = useI18n();
  const e = task.effect;
  if (e.state !== 'compared') return <EffectTag effect={e} />;
  const key = task.figureKey;
  return (
    <Space orientation="vertical" data-testid="rect-effect-panel">
      <EffectTag effect={e} />
      <Typography.Text>
        {t('rect.effect.compare', { before: formatFigure(key, e.before.estimate), beforeWave: task.wave?.name ?? '', after: formatFigure(key, e.after.estimate), afterWave: e.laterWave.name })}
        {`（n = ${e.before.n} / ${e.after.n}）`}
      </Typography.Text>
      <Typography.Text>{t('rect.effect.difference', { difference: formatFigure(key, e.difference, true), lower: formatFigure(key, e.interval.lower, true), upper: formatFigure(key, e.interval.upper, true), p: e.p < 0.0001 ? '< 0.0001' : e.p.toFixed(4) })}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('rect.effect.note')}
      </Typography.Text>
    </Space>
  );
}

function ProgressForm({ task, onDone }: { task: TRectificationTaskDetail; onDone: (next: TRectificationTaskDetail) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<TRectificationFileView[]>(task.pendingFiles);
  const input = useRef<HTMLInputElement>(null);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const stored = await uploadCall(rectificationApi.uploadRectificationFile, { params: { id: task.id } }, file, file.type || 'image/jpeg');
      setPending((p) => [...p.filter((x) => x.sha256 !== stored.sha256), stored]);
      void message.success(t('rect.uploaded'));
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const next = await call(rectificationApi.reportRectificationProgress, { params: { id: task.id }, body: { note: v.note, files: pending.map((f) => f.sha256) } });
      form.resetFields();
      setPending([]);
      void message.success(t('rect.step.done', { step: t('rect.step.progress') }));
      onDone(next);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('rect.section.progress')} size="small" style={{ marginTop: 16 }} data-testid="rect-progress-form">
      <Form form={form} layout="vertical" name="rect-progress">
        <Form.Item name="note" label={t('rect.field.note')} rules={[{ required: true, whitespace: true, message: t('rect.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="rect-progress-note" />
        </Form.Item>
        <Form.Item label={t('rect.field.photos')}>
          <Space orientation="vertical">
            <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" style={{ display: 'none' }} onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} data-testid="rect-photo-input" />
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} loading={busy}>
              {t('rect.upload')}
            </Button>
            {pending.length > 0 && (
              <>
                <Typography.Text type="secondary">{t('rect.pending')}</Typography.Text>
                <Photos taskId={task.id} files={pending} />
              </>
            )}
          </Space>
        </Form.Item>
        <Button type="primary" onClick={() => void send()} loading={busy} data-testid="rect-progress-send">
          {t('rect.step.progress')}
        </Button>
      </Form>
    </Card>
  );
}

const PRIMARY: readonly RectStepDialog[] = ['confirm', 'submit', 'accept'];

/**
 * 整改任务详情: the problem and its evidence (figures with n and intervals), the plan (owner,
 * due date, measures), the timeline of updates with photos, the owner's progress form with photo
 * upload, the steps this account may take, and whether it worked.
 */
export function RectificationTaskPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const loaded = useApi((signal) => call(rectificationApi.getRectificationTask, { params: { id } }, { signal }), [id]);
  const [updated, setUpdated] = useState<TRectificationTaskDetail | null>(null);
  const task = updated?.id === id ? updated : loaded.data;
  const [step, setStep] = useState<RectStepDialog | null>(null);
  useTitle(task ? `${task.taskNo} ${task.title}` : t('rect.title'));
  if (loaded.error && !loaded.loading) return <LoadError error={loaded.error} title={t('rect.title')} onRetry={loaded.reload} />;
  if (!task) return <Card loading />;
  const dialogSteps = task.allowedSteps.filter((s): s is RectStepDialog => s !== 'progress');
  return (
    <div data-testid="rectification-task-page">
      <Typography.Link>
        <Link to="/rectification">← {t('rect.back')}</Link>
      </Typography.Link>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="rect-task-no">{task.taskNo}</span>
            <span data-testid="rect-task-title">{task.title}</span>
            <RectStatusTag status={task.status} />
            {task.overdue && <Tag color="red">{t('rect.overdue')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap data-testid="rect-steps">
            {dialogSteps.map((s) => (
              <Button key={s} type={PRIMARY.includes(s) ? 'primary' : 'default'} danger={s === 'drop'} onClick={() => setStep(s)} data-testid={`rect-step-${s}`}>
                {t(`rect.step.${s}`)}
              </Button>
            ))}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('rect.section.problem')} size="small">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="rect-problem">
              {task.problem}
            </Typography.Paragraph>
            <Evidence task={task} />
          </Card>
          <Card title={t('rect.section.measures')} size="small" style={{ marginTop: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('rect.col.township')}>{task.township ? (locale === 'en' && task.township.nameEn ? task.township.nameEn : task.township.name) : t('rect.county')}</Descriptions.Item>
              <Descriptions.Item label={t('rect.field.owner')}>
                <span data-testid="rect-owner">{task.owner ? task.owner.name : '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('rect.field.dueOn')}>
                <span data-testid="rect-due">{task.dueOn ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('rect.col.source')}>{t(`rect.source.${task.source}`)}</Descriptions.Item>
              <Descriptions.Item label={t('rect.field.measures')} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="rect-measures-text">
                  {task.measures || '—'}
                </Typography.Paragraph>
              </Descriptions.Item>
              {task.dropReason && (
                <Descriptions.Item label={t('rect.field.reason')} span={2}>
                  {task.dropReason}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card title={t('rect.section.effect')} size="small" style={{ marginTop: 16 }}>
            <Effect task={task} />
          </Card>
          {task.allowedSteps.includes('progress') && <ProgressForm key={task.updatedAt} task={task} onDone={setUpdated} />}
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('rect.section.timeline')} size="small">
            <Timeline
              data-testid="rect-timeline"
              items={task.updates.map((u) => ({
                color: u.kind === 'accept' ? 'green' : u.kind === 'return' || u.kind === 'drop' ? 'red' : 'blue',
                content: (
                  <div data-testid={`rect-update-${u.kind}`}>
                    <Typography.Text strong>{t(`rect.update.${u.kind}`)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {formatLocalDateTime(u.at).slice(0, 16)} {u.actor ?? ''}
                    </Typography.Text>
                    {u.note && <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{u.note}</Typography.Paragraph>}
                    <Photos taskId={task.id} files={u.files} />
                  </div>
                ),
              }))}
            />
            {task.updates.length === 0 && <Alert type="info" title="—" />}
          </Card>
        </Col>
      </Row>
      {step && <RectStepModal step={step} task={task} onClose={() => setStep(null)} onDone={setUpdated} />}
    </div>
  );
}
