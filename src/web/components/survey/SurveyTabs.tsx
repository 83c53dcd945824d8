import { Tabs } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';

/** The survey desk's two lists: waves and questionnaires. */
export function SurveyTabs() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = pathname.startsWith('/survey/questionnaires') ? 'questionnaires' : 'waves';
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => navigate(key === 'questionnaires' ? '/survey/questionnaires' : '/survey')}
      items={[
        { key: 'waves', label: t('survey.tabs.waves') },
        { key: 'questionnaires', label: t('survey.tabs.questionnaires') },
      ]}
      data-testid="survey-tabs"
      style={{ marginBottom: 0 }}
    />
  );
}
