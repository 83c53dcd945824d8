import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { hasAnyRole } from '../../shared/roles.ts';
import type { TWaveSummary } from '../../shared/schemas/survey.ts';
import { SURVEY_MANAGE_ROLES } from '../access.ts';
import { surveyApi } from '../../shared/api/survey.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SurveyTabs } from '../components/survey/SurveyTabs.tsx';
import { WaveFormModal } from '../components/survey/WaveFormModal.tsx';
import { WaveTable } from '../components/survey/WaveTable.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { regionsApi } from '../../shared/api/regions.ts';

type StatusFilter = 'all' | TWaveSummary['status'];

/** 满意度调查: the county's survey waves; a new wave on a published questionnaire version. */
export function SurveyWavesPage() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  useTitle(t('survey.title'));
  const canManage = hasAnyRole(me.roles, SURVEY_MANAGE_ROLES);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [creating, setCreating] = useState(false);
  const waves = useApi((signal) => call(surveyApi.listWaves, status === 'all' ? undefined : { query: { status } }, { signal }), [status]);
  // The county's townships: a new wave's default target is 100 completes each.
  const region = useApi((signal) => call(regionsApi.listChildren, { params: { code: me.region.code } }, { signal }), [me.region.code]);

  return (
    <div data-testid="survey-waves-page">
      <PageHeader
        title={t('survey.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-wave">
              {t('survey.wave.create')}
            </Button>
          )
        }
      />
      <SurveyTabs />
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: '12px 16px', display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
          <Segmented<StatusFilter>
            value={status}
            onChange={setStatus}
            options={(['all', 'draft', 'fieldwork', 'closed'] as const).map((s) => ({ value: s, label: s === 'all' ? t('survey.wave.all') : t(`survey.waveStatus.${s}`) }))}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('survey.wave.listHint')}
          </Typography.Text>
        </div>
        {waves.error && !waves.loading ? (
          <LoadError error={waves.error} title={t('survey.title')} onRetry={waves.reload} />
        ) : (
          <WaveTable waves={waves.data?.items ?? []} loading={waves.loading} />
        )}
      </Card>
      {creating && (
        <WaveFormModal
          townships={region.data?.items.filter((r) => r.level === 'township').length ?? 13}
          onClose={() => setCreating(false)}
          onDone={(w) => navigate(`/survey/waves/${w.id}`)}
        />
      )}
    </div>
  );
}
