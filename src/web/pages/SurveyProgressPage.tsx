import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Skeleton, Space, Statistic, Switch, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { hasAnyRole } from '../../shared/roles.ts';
import { surveyResultsApi } from '../../shared/api/survey-results.ts';
import type { TSurveyProgress } from '../../shared/schemas/survey-results.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { SURVEY_MANAGE_ROLES } from '../access.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { AppointmentsCard } from '../components/survey/AppointmentsCard.tsx';
import { EligibilityControl } from '../components/survey/EligibilityControl.tsx';
import { formatCount, formatRate } from '../components/survey/format.ts';
import { InterviewerTable } from '../components/survey/InterviewerTable.tsx';
import { ProgressTable } from '../components/survey/ProgressTable.tsx';
import { QualityCard } from '../components/survey/QualityCard.tsx';
import { QuotaTable } from '../components/survey/QuotaTable.tsx';
import { WaveStatusTag } from '../components/survey/StatusTag.tsx';
import { useAutoRefresh } from '../components/survey/useAutoRefresh.ts';
import { Term } from '../components/survey/Term.tsx';
import { useRegionNames } from '../components/survey/useRegionNames.ts';
import { useApi } from '../hooks/useApi.ts';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

/** Every 20 seconds while fieldwork runs. */
const REFRESH_MS = 20_000;

/**
 * The supervisor's dashboard of a wave: completes against target per township and for the
 * county, attempts, the AAPOR rates with the eligibility estimate e (what-if and, for managers,
 * stored), interviewers' output, the phone quota; for managers the appointments (reassign) and
 * quality control. Refreshes itself while fieldwork runs.
 */
export function SurveyProgressPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const canManage = hasAnyRole(me.roles, SURVEY_MANAGE_ROLES);
  const [whatIf, setWhatIf] = useState<number | null>(null);
  const [auto, setAuto] = useState(true);
  const [stored, setStored] = useState<TSurveyProgress>();
  // Dragging the slider asks once it rests.
  const e = useDebounced(whatIf, 250);
  const progress = useApi((signal) => call(surveyResultsApi.getWaveProgress, { params: { id }, ...(e === null ? {} : { query: { e: e.toFixed(3) } }) }, { signal }), [id, e]);
  // A refresh that fails (network) keeps the last figures on screen; the error shows beside them.
  const lastGood = useRef<TSurveyProgress>(undefined);
  if (progress.data?.wave.id === id) lastGood.current = progress.data;
  const loaded = lastGood.current?.wave.id === id ? lastGood.current : undefined;
  // The answer to "save e" is the progress with the stored e, until the next load.
  const data = stored && stored.wave.id === id && stored.generatedAt > (loaded?.generatedAt ?? '') ? stored : loaded;
  const live = data?.wave.status === 'fieldwork';
  const nameOf = useRegionNames();
  useAutoRefresh(progress.reload, live && auto, REFRESH_MS);
  useTitle(data ? `${data.wave.name} · ${t('survey.progress.title')}` : t('survey.progress.title'));

  if (progress.error && !progress.loading && !data) return <LoadError error={progress.error} title={t('survey.wave.notFound')} onRetry={progress.reload} />;
  if (!data) return <Skeleton active paragraph={{ rows: 14 }} />;

  const c = data.county;
  return (
    <div data-testid="survey-progress-page" data-wave-id={id}>
      <Link to={`/survey/waves/${id}`} style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('survey.progress.backToWave')}
      </Link>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span>{t('survey.progress.titleOf', { name: data.wave.name })}</span>
            <WaveStatusTag status={data.wave.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {progress.error && <Typography.Text type="danger">{errorText(t, progress.error)}</Typography.Text>}
            <Typography.Text type="secondary" data-testid="updated-at">
              {t('survey.progress.updatedAt', { at: formatLocalDateTime(data.generatedAt).slice(11) })}
            </Typography.Text>
            {live && (
              <Tooltip title={t('survey.progress.autoHint', { seconds: REFRESH_MS / 1000 })}>
                <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
                  <Switch size="small" checked={auto} onChange={setAuto} aria-label={t('survey.progress.auto')} />
                  <Typography.Text style={{ fontSize: 12 }}>{t('survey.progress.auto')}</Typography.Text>
                </span>
              </Tooltip>
            )}
            <Button icon={<ReloadOutlined />} loading={progress.loading} onClick={progress.reload} aria-label={t('survey.progress.refresh')}>
              {t('survey.progress.refresh')}
            </Button>
          </Space>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6} lg={4}>
          <Card size="small">
            <Statistic title={t('survey.progress.completes')} value={`${formatCount(c.completes)} / ${formatCount(c.targetCompletes)}`} />
          </Card>
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Card size="small">
            <Statistic title={t('survey.progress.attempts')} value={formatCount(c.attempts)} />
          </Card>
        </Col>
        {(['RR1', 'RR3', 'COOP1', 'REF1'] as const).map((rate) => (
          <Col key={rate} xs={12} md={6} lg={4}>
            <Card size="small">
              <Statistic title={<Term code={rate} />} value={formatRate(c.rates[rate])} />
            </Card>
          </Col>
        ))}
      </Row>
      <EligibilityControl
        waveId={id}
        eligibility={data.eligibility}
        whatIf={whatIf}
        onWhatIf={setWhatIf}
        canSave={canManage && data.wave.status !== 'closed'}
        onSaved={(p) => {
          setStored(p);
          progress.reload();
        }}
      />
      <Card title={t('survey.progress.byTownship')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, padding: '8px 16px' }}>
          {t('survey.progress.ratesHint')}
        </Typography.Paragraph>
        <ProgressTable county={data.county} townships={data.townships} nameOf={nameOf} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('survey.progress.interviewers')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
            <InterviewerTable interviewers={data.interviewers} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('survey.quota.title')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
            <QuotaTable quota={data.quota} nameOf={nameOf} />
          </Card>
        </Col>
      </Row>
      {canManage && <AppointmentsCard waveId={id} live={live && auto} nameOf={nameOf} />}
      {canManage && <QualityCard waveId={id} nameOf={nameOf} />}
    </div>
  );
}
