import { ArrowLeftOutlined, CopyOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Segmented, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { hasAnyRole } from '../../shared/roles.ts';
import type { TQuestionnaireVersion } from '../../shared/schemas/survey.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { SURVEY_MANAGE_ROLES } from '../access.ts';
import { surveyApi } from '../../shared/api/survey.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QuestionnaireEditor } from '../components/survey/QuestionnaireEditor.tsx';
import { QuestionnaireScript } from '../components/survey/QuestionnaireScript.tsx';
import { VersionStatusTag } from '../components/survey/StatusTag.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * One questionnaire version: read as the interviewer will (both languages); a draft is edited
 * here and published (which freezes it); a published one gives a new draft version.
 */
export function SurveyQuestionnairePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const canManage = hasAnyRole(me.roles, SURVEY_MANAGE_ROLES);
  const loaded = useApi((signal) => call(surveyApi.getQuestionnaireVersion, { params: { id } }, { signal }), [id]);
  const [saved, setSaved] = useState<TQuestionnaireVersion>();
  const [mode, setMode] = useState<'edit' | 'script'>('edit');
  const [busy, setBusy] = useState(false);
  const version = saved?.id === id ? saved : loaded.data?.id === id ? loaded.data : undefined;
  const name = version ? (locale === 'en' && version.questionnaireNameEn ? version.questionnaireNameEn : version.questionnaireName) : '';
  useTitle(version ? `${name} · ${t('survey.q.versionNo', { n: version.version })}` : t('survey.q.listTitle'));

  if (loaded.error && !loaded.loading) return <LoadError error={loaded.error} title={t('survey.q.notFound')} onRetry={loaded.reload} />;
  if (!version) return <Skeleton active paragraph={{ rows: 12 }} />;

  const editable = canManage && version.status === 'draft';
  const showEditor = editable && mode === 'edit';

  const publish = () => {
    modal.confirm({
      title: t('survey.q.publishTitle'),
      content: t('survey.q.publishExplain'),
      okText: t('survey.q.publish'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const published = await call(surveyApi.publishQuestionnaireVersion, { params: { id: version.id } });
          setSaved(published);
          void message.success(t('survey.q.published'));
        } catch (e) {
          void message.error(errorText(t, e));
        }
      },
    });
  };

  const newVersion = async () => {
    setBusy(true);
    try {
      const draft = await call(surveyApi.createQuestionnaireVersion, { params: { id: version.id } });
      setMode('edit');
      navigate(`/survey/questionnaires/${draft.id}`);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="survey-questionnaire-page" data-version-id={version.id} data-status={version.status}>
      <Link to="/survey/questionnaires" style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('survey.q.backToList')}
      </Link>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span>{name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 16 }}>
              {t('survey.q.versionNo', { n: version.version })}
            </Typography.Text>
            <VersionStatusTag status={version.status} />
          </Space>
        }
        extra={
          <Space wrap>
            {editable && (
              <Segmented<'edit' | 'script'>
                value={mode}
                onChange={setMode}
                options={[
                  { value: 'edit', label: t('survey.q.editMode') },
                  { value: 'script', label: t('survey.q.scriptMode') },
                ]}
                data-testid="mode-switch"
              />
            )}
            {editable && (
              <Button type="primary" icon={<LockOutlined />} onClick={publish} data-testid="publish">
                {t('survey.q.publish')}
              </Button>
            )}
            {canManage && version.status === 'published' && (
              <Button icon={<CopyOutlined />} loading={busy} onClick={() => void newVersion()} data-testid="new-version">
                {t('survey.q.newVersion')}
              </Button>
            )}
          </Space>
        }
      />
      {version.status === 'published' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('survey.q.frozen', { at: version.publishedAt ? formatLocalDateTime(version.publishedAt) : '' })} />
      ) : (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('survey.q.draftHint')} />
      )}
      {editable && (
        // Kept mounted while the script is shown, so that unsaved edits survive a look at the script.
        <div style={{ display: showEditor ? undefined : 'none' }}>
          <QuestionnaireEditor key={version.id} version={version} onSaved={setSaved} />
        </div>
      )}
      {!showEditor && (
        <Card>
          {editable && <Typography.Paragraph type="secondary">{t('survey.q.scriptShowsSaved')}</Typography.Paragraph>}
          <QuestionnaireScript definition={version.definition} />
        </Card>
      )}
    </div>
  );
}
