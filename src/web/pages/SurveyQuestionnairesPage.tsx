import { FileDoneOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { hasAnyRole } from '../../shared/roles.ts';
import { SURVEY_MANAGE_ROLES } from '../access.ts';
import { surveyApi } from '../../shared/api/survey.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { QuestionnaireTable } from '../components/survey/QuestionnaireTable.tsx';
import { FormModal } from '../components/FormModal.tsx';
import { SurveyTabs } from '../components/survey/SurveyTabs.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

interface NewQuestionnaire {
  name: string;
  nameEn?: string;
  source: 'standard' | 'copy';
  copyFromVersionId?: string;
}

/** 问卷管理: the county's questionnaires and versions; the standard one in one click; new questionnaires and versions. */
export function SurveyQuestionnairesPage() {
  const me = useMe();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  useTitle(t('survey.q.listTitle'));
  const canManage = hasAnyRole(me.roles, SURVEY_MANAGE_ROLES);
  const list = useApi((signal) => call(surveyApi.listQuestionnaires, undefined, { signal }), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const adoptStandard = async () => {
    setBusy('standard');
    try {
      const q = await call(surveyApi.ensureStandardQuestionnaire);
      void message.success(t('survey.q.standardReady', { name: q.name }));
      list.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  const newVersion = async (v: { id: string }) => {
    setBusy(v.id);
    try {
      const draft = await call(surveyApi.createQuestionnaireVersion, { params: { id: v.id } });
      navigate(`/survey/questionnaires/${draft.id}`);
    } catch (e) {
      void message.error(errorText(t, e));
      setBusy(null);
    }
  };

  const versions = (list.data?.items ?? []).flatMap((q) => q.versions.map((v) => ({ value: v.id, label: `${locale === 'en' && q.nameEn ? q.nameEn : q.name} · ${t('survey.q.versionNo', { n: v.version })}` })));

  return (
    <div data-testid="survey-questionnaires-page">
      <PageHeader
        title={t('survey.title')}
        extra={
          canManage && (
            <Space wrap>
              <Button icon={<FileDoneOutlined />} loading={busy === 'standard'} onClick={() => void adoptStandard()} data-testid="use-standard">
                {t('survey.q.useStandard')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-questionnaire">
                {t('survey.q.create')}
              </Button>
            </Space>
          )
        }
      />
      <SurveyTabs />
      <Card styles={{ body: { padding: 0 } }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, padding: '8px 16px' }}>
          {t('survey.q.listHint')}
        </Typography.Paragraph>
        {list.error && !list.loading ? (
          <LoadError error={list.error} title={t('survey.q.listTitle')} onRetry={list.reload} />
        ) : (
          <QuestionnaireTable items={list.data?.items ?? []} canManage={canManage} busy={busy} onNewVersion={(v) => void newVersion(v)} />
        )}
      </Card>
      {creating && (
        <FormModal<NewQuestionnaire>
          nestedIssues
          title={t('survey.q.create')}
          fields={['name', 'nameEn', 'copyFromVersionId']}
          initialValues={{ source: 'standard' }}
          onClose={() => setCreating(false)}
          data-testid="create-questionnaire"
          onSubmit={async (v) => {
            const draft = await call(surveyApi.createQuestionnaire, {
              body: { name: v.name, nameEn: v.nameEn ?? '', ...(v.source === 'standard' ? { standard: true } : { copyFromVersionId: v.copyFromVersionId }) },
            });
            navigate(`/survey/questionnaires/${draft.id}`);
          }}
        >
          <Form.Item name="name" label={t('survey.q.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('survey.q.nameEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="source" label={t('survey.q.source')}>
            <Radio.Group
              options={[
                { value: 'standard', label: t('survey.q.fromStandard') },
                { value: 'copy', label: t('survey.q.fromVersion'), disabled: versions.length === 0 },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.source !== b.source}>
            {({ getFieldValue }) =>
              getFieldValue('source') === 'copy' && (
                <Form.Item name="copyFromVersionId" label={t('survey.q.copyFrom')} rules={[{ required: true, message: t('common.select') }]}>
                  <Select options={versions} />
                </Form.Item>
              )
            }
          </Form.Item>
        </FormModal>
      )}
    </div>
  );
}
