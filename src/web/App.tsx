import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ADMIN_ROLES } from '../shared/roles.ts';
import { AuthProvider } from './auth/AuthContext.tsx';
import { RequireAuth, RequireRoles } from './auth/guards.tsx';
import { AppShell } from './components/AppShell.tsx';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { IMPORT_ROLES, PAIRING_REPORT_ROLES, REGISTRY_ROLES, SETTINGS_ROLES, SURVEY_CALL_ROLES, SURVEY_PROGRESS_ROLES, SURVEY_RESULTS_ROLES } from './access.ts';
import { AuditPage } from './pages/AuditPage.tsx';
import { HardshipCategoriesPage } from './pages/HardshipCategoriesPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { HouseholdPage } from './pages/HouseholdPage.tsx';
import { ImportsPage } from './pages/ImportsPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PairingPage } from './pages/PairingPage.tsx';
import { RegionPage } from './pages/RegionPage.tsx';
import { RegistryPage } from './pages/RegistryPage.tsx';
import { SurveyProgressPage } from './pages/SurveyProgressPage.tsx';
import { SurveyQuestionnairePage } from './pages/SurveyQuestionnairePage.tsx';
import { SurveyQuestionnairesPage } from './pages/SurveyQuestionnairesPage.tsx';
import { SurveyResultsPage } from './pages/SurveyResultsPage.tsx';
import { SurveyWavePage } from './pages/SurveyWavePage.tsx';
import { SurveyWavesPage } from './pages/SurveyWavesPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { WorkstationPage } from './pages/WorkstationPage.tsx';
import { THEME } from './theme.ts';

function Routed() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="regions/:code" element={<RegionPage />} />
        <Route
          path="users"
          element={
            <RequireRoles roles={ADMIN_ROLES}>
              <UsersPage />
            </RequireRoles>
          }
        />
        <Route
          path="audit"
          element={
            <RequireRoles roles={['county_admin']}>
              <AuditPage />
            </RequireRoles>
          }
        />
        <Route
          path="registry"
          element={
            <RequireRoles roles={REGISTRY_ROLES}>
              <RegistryPage />
            </RequireRoles>
          }
        />
        <Route
          path="households/:id"
          element={
            <RequireRoles roles={REGISTRY_ROLES}>
              <HouseholdPage />
            </RequireRoles>
          }
        />
        <Route
          path="pairing"
          element={
            <RequireRoles roles={PAIRING_REPORT_ROLES}>
              <PairingPage />
            </RequireRoles>
          }
        />
        <Route
          path="imports"
          element={
            <RequireRoles roles={IMPORT_ROLES}>
              <ImportsPage />
            </RequireRoles>
          }
        />
        <Route
          path="settings/hardship-categories"
          element={
            <RequireRoles roles={SETTINGS_ROLES}>
              <HardshipCategoriesPage />
            </RequireRoles>
          }
        />
        <Route
          path="survey/workstation"
          element={
            <RequireRoles roles={SURVEY_CALL_ROLES}>
              <WorkstationPage />
            </RequireRoles>
          }
        />
        <Route
          path="survey"
          element={
            <RequireRoles roles={SURVEY_PROGRESS_ROLES}>
              <SurveyWavesPage />
            </RequireRoles>
          }
        />
        <Route
          path="survey/questionnaires"
          element={
            <RequireRoles roles={SURVEY_PROGRESS_ROLES}>
              <SurveyQuestionnairesPage />
            </RequireRoles>
          }
        />
        <Route
          path="survey/questionnaires/:id"
          element={
            <RequireRoles roles={SURVEY_PROGRESS_ROLES}>
              <SurveyQuestionnairePage />
            </RequireRoles>
          }
        />
        <Route
          path="survey/waves/:id"
          element={
            <RequireRoles roles={SURVEY_PROGRESS_ROLES}>
              <SurveyWavePage />
            </RequireRoles>
          }
        />
        <Route
          path="survey/waves/:id/progress"
          element={
            <RequireRoles roles={SURVEY_PROGRESS_ROLES}>
              <SurveyProgressPage />
            </RequireRoles>
          }
        />
        <Route
          path="survey-results"
          element={
            <RequireRoles roles={SURVEY_RESULTS_ROLES}>
              <SurveyResultsPage />
            </RequireRoles>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** antd follows the interface language (its own texts, date pickers). */
function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <Routed />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
