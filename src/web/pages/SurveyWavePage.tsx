import { ArrowLeftOutlined, BarChartOutlined, DashboardOutlined, EditOutlined, PlayCircleOutlined, PlusCircleOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Skeleton, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { hasAnyRole } from '../../shared/roles.ts';
import type { TWave } from '../../shared/schemas/survey.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { SURVEY_MANAGE_ROLES } from '../access.ts';
import { surveyApi } from '../../shared/api/survey.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { FrameCard } from '../components/survey/FrameCard.tsx';
import { SampleCard } from '../components/survey/SampleCard.tsx';
import { SurveyReferralsCard } from '../components/cases/SurveyReferralsCard.tsx';
import { WaveStatusTag } from '../components/survey/StatusTag.tsx';
import { StrataTable } from '../components/survey/StrataTable.tsx';
import { useRegionNames } from '../components/survey/useRegionNames.ts';
import { RunningWaveModal } from '../components/survey/RunningWaveModal.tsx';
import { WaveFormModal } from '../components/survey/WaveFormModal.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

/** Where a wave stands on the way from draft to closed. */
function stepOf(w: TWave): number {
  if (w.status === 'closed') return 4;
  if (w.status === 'fieldwork') return 3;
  if (w.sampledAt) return 2;
  if (w.counts.frame > 0) return 1;
  return 0;
}

/** The wave's steps a confirmation leads to: routes that take the wave's id and answer the wave. */
type WaveStep = 'openWave' | 'releaseNextReplicate' | 'closeWave';

/**
 * One wave: its settings, the strata as the allocation table, the frame, the sample and its
 * replicates, and the steps from draft to fieldwork to closed.
 */
export function SurveyWavePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const nameOf = useRegionNames();
  const navigate = useNavigate();
  const canManage = hasAnyRole(me.roles, SURVEY_MANAGE_ROLES);
  const loaded = useApi((signal) => call(surveyApi.getWave, { params: { id } }, { signal }), [id]);
  const [changed, setChanged] = useState<TWave>();
  const [editing, setEditing] = useState(false);
  const [adjusting, setAdjusting] = useState(false);
  const wave = changed?.id === id ? changed : loaded.data?.id === id ? loaded.data : undefined;
  useTitle(wave?.name ?? t('survey.title'));

  if (loaded.error && !loaded.loading) return <LoadError error={loaded.error} title={t('survey.wave.notFound')} onRetry={loaded.reload} />;
  if (!wave) return <Skeleton active paragraph={{ rows: 12 }} />;

  const draft = wave.status === 'draft';
  const editableDesign = canManage && draft && !wave.sampledAt;
  const unreleased = wave.replicates.filter((r) => !r.releasedAt).length;

  const act = (o: { title: string; content: string; ok: string; danger?: boolean; route: WaveStep; done: string }) =>
    modal.confirm({
      title: o.title,
      content: o.content,
      okText: o.ok,
      okButtonProps: o.danger ? { danger: true } : {},
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          setChanged(await call(surveyApi[o.route], { params: { id: wave.id } }));
          void message.success(o.done);
        } catch (e) {
          void message.error(errorText(t, e));
        }
      },
    });

  const quota = wave.phoneQuota ? `${t('survey.phone.mobile')} ${wave.phoneQuota.mobile} : ${t('survey.phone.landline')} ${wave.phoneQuota.landline}` : t('survey.wave.noQuota');
  const version = wave.questionnaireVersion;

  return (
    <div data-testid="survey-wave-page" data-wave-id={wave.id} data-status={wave.status}>
      <Link to="/survey" style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('survey.wave.backToList')}
      </Link>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span>{wave.name}</span>
            <WaveStatusTag status={wave.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {wave.status !== 'draft' && (
              <Button icon={<DashboardOutlined />} data-testid="to-progress" onClick={() => navigate(`/survey/waves/${wave.id}/progress`)}>
                {t('survey.progress.link')}
              </Button>
            )}
            {wave.status !== 'draft' && (
              <Button icon={<BarChartOutlined />} data-testid="to-results" onClick={() => navigate(`/survey-results?wave=${wave.id}`)}>
                {t('survey.results.link')}
              </Button>
            )}
            {canManage && wave.status === 'fieldwork' && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
            {t('words.wave.runningHint')}
          </Typography.Paragraph>
        )}
        {canManage && draft && wave.sampledAt && (
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                data-testid="open-wave"
                onClick={() => act({ title: t('survey.wave.openTitle'), content: t('survey.wave.openExplain'), ok: t('survey.wave.open'), route: 'openWave', done: t('survey.wave.opened') })}
              >
                {t('survey.wave.open')}
              </Button>
            )}
            {canManage && wave.status === 'fieldwork' && unreleased > 0 && (
              <Button
                icon={<PlusCircleOutlined />}
                data-testid="release-next"
                onClick={() =>
                  act({ title: t('survey.wave.releaseTitle'), content: t('survey.wave.releaseExplain', { left: unreleased }), ok: t('survey.wave.releaseNext'), route: 'releaseNextReplicate', done: t('survey.wave.released') })
                }
              >
                {t('survey.wave.releaseNext')}
              </Button>
            )}
            {canManage && wave.status === 'fieldwork' && (
              <Button
                danger
                icon={<StopOutlined />}
                data-testid="close-wave"
                onClick={() => act({ title: t('survey.wave.closeTitle'), content: t('survey.wave.closeExplain'), ok: t('survey.wave.close'), danger: true, route: 'closeWave', done: t('survey.wave.closed') })}
              >
                {t('survey.wave.close')}
              </Button>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={stepOf(wave)}
          responsive
          items={[
            { title: t('survey.step.settings') },
            { title: t('survey.step.frame') },
            { title: t('survey.step.sample') },
            { title: t('survey.step.fieldwork') },
            { title: t('survey.step.closed') },
          ]}
        />
      </Card>
      <Card
        title={t('survey.wave.settings')}
        style={{ marginBottom: 16 }}
        extra={
          canManage &&
          (draft ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-wave">
              {t('common.edit')}
            </Button>
          ) : (
            wave.status === 'fieldwork' && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setAdjusting(true)} data-testid="adjust-wave">
                {t('words.wave.adjust')}
              </Button>
            )
          ))
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'q',
              label: t('survey.wave.questionnaire'),
              children: <Link to={`/survey/questionnaires/${version.id}`}>{`${locale === 'en' && version.nameEn ? version.nameEn : version.name} · ${t('survey.q.versionNo', { n: version.version })}`}</Link>,
            },
            { key: 'period', label: t('survey.wave.period'), children: `${wave.startsOn} ~ ${wave.endsOn}` },
            { key: 'hours', label: t('survey.wave.callingHours'), children: wave.callingHours.map((r) => `${r.from}–${r.to}`).join('，') },
            { key: 'attempts', label: t('survey.wave.maxAttempts'), children: wave.maxAttempts },
            { key: 'quota', label: t('survey.wave.phoneQuota'), children: quota },
            { key: 'allocation', label: t('survey.wave.allocation'), children: t(`survey.allocation.${wave.allocation}`) },
            { key: 'target', label: t('survey.wave.targetCompletes'), children: wave.targetCompletes },
            { key: 'min', label: t('survey.wave.minPerTownship'), children: wave.minPerTownship },
            { key: 'npc', label: t('survey.wave.numbersPerComplete'), children: wave.numbersPerComplete },
            { key: 'reps', label: t('survey.wave.replicateCount'), children: wave.replicateCount },
            { key: 'opened', label: t('survey.wave.openedAt'), children: wave.openedAt ? formatLocalDateTime(wave.openedAt) : '—' },
            { key: 'closed', label: t('survey.wave.closedAt'), children: wave.closedAt ? formatLocalDateTime(wave.closedAt) : '—' },
          ]}
        />
        {canManage && wave.status === 'fieldwork' && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
            {t('words.wave.runningHint')}
          </Typography.Paragraph>
        )}
        {canManage && draft && wave.sampledAt && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
            {t('survey.wave.samplingLocked')}
          </Typography.Paragraph>
        )}
      </Card>
      <FrameCard wave={wave} editable={editableDesign} onChanged={setChanged} />
      <Card title={t('survey.strata.title')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, padding: '8px 16px' }}>
          {t(`survey.strata.hint.${wave.allocation}`, { min: wave.minPerTownship })}
        </Typography.Paragraph>
        <StrataTable key={`${wave.id}-${wave.sampledAt ?? ''}`} wave={wave} editable={editableDesign} nameOf={nameOf} onSaved={setChanged} />
      </Card>
      <SampleCard wave={wave} canManage={canManage} onChanged={setChanged} />
      {canManage && wave.status === 'closed' && <SurveyReferralsCard waveId={wave.id} />}
      {adjusting && (
        <RunningWaveModal
          wave={wave}
          onClose={() => setAdjusting(false)}
          onDone={(w) => {
            setChanged(w);
            void message.success(t('words.wave.adjusted'));
          }}
        />
      )}
      {editing && <WaveFormModal wave={wave} townships={wave.strata.length} onClose={() => setEditing(false)} onDone={setChanged} />}
    </div>
  );
}
