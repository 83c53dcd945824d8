import { lazy, Suspense, type ComponentType } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ADMIN_ROLES, ASSESSMENT_READ_ROLES, CASE_CONFIG_ROLES, CASE_RATES_ROLES, CASE_READ_ROLES, CASE_REGISTER_ROLES, GAMING_READ_ROLES, VISIT_RECORD_ROLES, VISIT_RESOLVE_ROLES, DASHBOARD_ROLES, RECTIFICATION_READ_ROLES, PUBLICITY_READ_ROLES, RECTIFICATION_MANAGE_ROLES, CITY_SPOT_CHECK_READ_ROLES } from '../shared/roles.ts';
import { AuthProvider } from './auth/AuthContext.tsx';
import { FullPageSpin, RequireAuth, RequireRoles } from './auth/guards.tsx';
import { AppShell } from './components/AppShell.tsx';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { CAMPAIGN_READ_ROLES, IMPORT_CONFLICT_READ_ROLES, IMPORT_ROLES, PAIRING_REPORT_ROLES, REGISTRY_ROLES, SETTINGS_ROLES, SURVEY_CALL_ROLES, SURVEY_PROGRESS_ROLES, SURVEY_RESULTS_ROLES, VISIT_FLAG_READ_ROLES, VISIT_REPORT_ROLES } from './access.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RegionPage } from './pages/RegionPage.tsx';
import { WorkbenchPage } from './pages/WorkbenchPage.tsx';
import { THEME } from './theme.ts';

/**
 * A page whose code loads on its first visit (a chunk of its own): the sign-in, the workbench and
 * the region browser come with the shell (the workbench's trend chart loads on demand); the registry, survey and admin pages only when opened.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const AuditPage = page(() => import('./pages/AuditPage.tsx'), 'AuditPage');
const BulletinPage = page(() => import('./pages/BulletinPage.tsx'), 'BulletinPage');
const Open311Page = page(() => import('./pages/Open311Page.tsx'), 'Open311Page');
const AssessmentsPage = page(() => import('./pages/AssessmentsPage.tsx'), 'AssessmentsPage');
const AssessmentPage = page(() => import('./pages/AssessmentsPage.tsx'), 'AssessmentPage');
const RectificationSettingsPage = page(() => import('./pages/RectificationSettingsPage.tsx'), 'RectificationSettingsPage');
const CitySpotChecksPage = page(() => import('./pages/CitySpotChecksPage.tsx'), 'CitySpotChecksPage');
const HardshipCategoriesPage = page(() => import('./pages/HardshipCategoriesPage.tsx'), 'HardshipCategoriesPage');
const CaseCategoriesPage = page(() => import('./pages/CaseCategoriesPage.tsx'), 'CaseCategoriesPage');
const WorkingCalendarPage = page(() => import('./pages/WorkingCalendarPage.tsx'), 'WorkingCalendarPage');
const HouseholdPage = page(() => import('./pages/HouseholdPage.tsx'), 'HouseholdPage');
const ImportsPage = page(() => import('./pages/ImportsPage.tsx'), 'ImportsPage');
const ImportConflictsPage = page(() => import('./pages/ImportConflictsPage.tsx'), 'ImportConflictsPage');
// The phone app (连心走访): its own phone-size layout, outside the desktop shell, and its own
// guard, since it opens offline without a session (src/web/phone/PhoneApp.tsx).
const PhoneApp = page(() => import('./phone/PhoneApp.tsx'), 'PhoneApp');
// The resident page (群众诉求 · 扫码反映): public, phone-size, outside the shell and without a session.
const ResidentApp = page(() => import('./resident/ResidentApp.tsx'), 'ResidentApp');
const ResidentPostersPage = page(() => import('./pages/ResidentPostersPage.tsx'), 'ResidentPostersPage');
const PairingPage = page(() => import('./pages/PairingPage.tsx'), 'PairingPage');
const CampaignsPage = page(() => import('./pages/CampaignsPage.tsx'), 'CampaignsPage');
const CampaignPage = page(() => import('./pages/CampaignPage.tsx'), 'CampaignPage');
const RegistryPage = page(() => import('./pages/RegistryPage.tsx'), 'RegistryPage');
const SurveyProgressPage = page(() => import('./pages/SurveyProgressPage.tsx'), 'SurveyProgressPage');
const SurveyQuestionnairePage = page(() => import('./pages/SurveyQuestionnairePage.tsx'), 'SurveyQuestionnairePage');
const SurveyQuestionnairesPage = page(() => import('./pages/SurveyQuestionnairesPage.tsx'), 'SurveyQuestionnairesPage');
const SurveyResultsPage = page(() => import('./pages/SurveyResultsPage.tsx'), 'SurveyResultsPage');
const SurveyWavePage = page(() => import('./pages/SurveyWavePage.tsx'), 'SurveyWavePage');
const SurveyWavesPage = page(() => import('./pages/SurveyWavesPage.tsx'), 'SurveyWavesPage');
const UsersPage = page(() => import('./pages/UsersPage.tsx'), 'UsersPage');
const AidConflictsPage = page(() => import('./pages/VisitLedgerPages.tsx'), 'AidConflictsPage');
const HardshipProposalsPage = page(() => import('./pages/VisitLedgerPages.tsx'), 'HardshipProposalsPage');
const ResendConflictsPage = page(() => import('./pages/VisitLedgerPages.tsx'), 'ResendConflictsPage');
const CaseRatesPage = page(() => import('./pages/CaseRatesPage.tsx'), 'CaseRatesPage');
const PolicyPublicityPage = page(() => import('./pages/PolicyPublicityPage.tsx'), 'PolicyPublicityPage');
// Issue 11, case intake.
const VisitProblemsPage = page(() => import('./pages/VisitLedgerPages.tsx'), 'VisitProblemsPage');
const CaseBatchesPage = page(() => import('./pages/CaseBatchesPage.tsx'), 'CaseBatchesPage');
const VisitCoveragePage = page(() => import('./pages/VisitCoveragePage.tsx'), 'VisitCoveragePage');
const VisitFlagsPage = page(() => import('./pages/VisitFlagsPage.tsx'), 'VisitFlagsPage');
const GamingSignalsPage = page(() => import('./pages/GamingSignalsPage.tsx'), 'GamingSignalsPage');
const CasesPage = page(() => import('./pages/CasesPage.tsx'), 'CasesPage');
const RectificationPage = page(() => import('./pages/RectificationPage.tsx'), 'RectificationPage');
const RectificationTaskPage = page(() => import('./pages/RectificationTaskPage.tsx'), 'RectificationTaskPage');
const CaseRegisterPage = page(() => import('./pages/CaseRegisterPage.tsx'), 'CaseRegisterPage');
const CasePage = page(() => import('./pages/CasePage.tsx'), 'CasePage');
const WorkstationPage = page(() => import('./pages/WorkstationPage.tsx'), 'WorkstationPage');
// Issue 12, the leaders' dashboard.
const DashboardPage = page(() => import('./pages/DashboardPage.tsx'), 'DashboardPage');

function Routed() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/m/*"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PhoneApp />
          </Suspense>
        }
      />
      <Route
        path="/r/*"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <ResidentApp />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<WorkbenchPage />} />
        <Route path="regions/:code" element={<RegionPage />} />
        <Route
          path="dashboard"
          element={
            <RequireRoles roles={DASHBOARD_ROLES}>
              <DashboardPage />
            </RequireRoles>
          }
        />
        <Route
          path="users"
          element={
            <RequireRoles roles={ADMIN_ROLES}>
              <UsersPage />
            </RequireRoles>
          }
        />
        <Route
          path="assessments"
          element={
            <RequireRoles roles={ASSESSMENT_READ_ROLES}>
              <AssessmentsPage />
            </RequireRoles>
          }
        />
        <Route
          path="assessments/:id"
          element={
            <RequireRoles roles={ASSESSMENT_READ_ROLES}>
              <AssessmentPage />
            </RequireRoles>
          }
        />
        <Route
          path="open311"
          element={
            <RequireRoles roles={CASE_CONFIG_ROLES}>
              <Open311Page />
            </RequireRoles>
          }
        />
        <Route
          path="resident-posters"
          element={
            <RequireRoles roles={ADMIN_ROLES}>
              <ResidentPostersPage />
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
          path="campaigns"
          element={
            <RequireRoles roles={CAMPAIGN_READ_ROLES}>
              <CampaignsPage />
            </RequireRoles>
          }
        />
        <Route
          path="assessments/:id/bulletin"
          element={
            <RequireRoles roles={ASSESSMENT_READ_ROLES}>
              <BulletinPage />
            </RequireRoles>
          }
        />
        <Route
          path="case-rates"
          element={
            <RequireRoles roles={CASE_RATES_ROLES}>
              <CaseRatesPage />
            </RequireRoles>
          }
        />
        <Route
          path="publicity"
          element={
            <RequireRoles roles={PUBLICITY_READ_ROLES}>
              <PolicyPublicityPage />
            </RequireRoles>
          }
        />
        <Route
          path="visits/coverage"
          element={
            <RequireRoles roles={VISIT_REPORT_ROLES}>
              <VisitCoveragePage />
            </RequireRoles>
          }
        />
        <Route
          path="campaigns/:id"
          element={
            <RequireRoles roles={CAMPAIGN_READ_ROLES}>
              <CampaignPage />
            </RequireRoles>
          }
        />
        <Route
          path="gaming-signals"
          element={
            <RequireRoles roles={GAMING_READ_ROLES}>
              <GamingSignalsPage />
            </RequireRoles>
          }
        />
        <Route
          path="visits/flags"
          element={
            <RequireRoles roles={VISIT_FLAG_READ_ROLES}>
              <VisitFlagsPage />
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
          path="aid-conflicts"
          element={
            <RequireRoles roles={VISIT_RESOLVE_ROLES}>
              <AidConflictsPage />
            </RequireRoles>
          }
        />
        <Route
          path="visit-problems"
          element={
            <RequireRoles roles={[...VISIT_RECORD_ROLES, ...VISIT_RESOLVE_ROLES]}>
              <VisitProblemsPage />
            </RequireRoles>
          }
        />
        <Route
          path="case-batches"
          element={
            <RequireRoles roles={CASE_CONFIG_ROLES}>
              <CaseBatchesPage />
            </RequireRoles>
          }
        />
        <Route
          path="hardship-proposals"
          element={
            <RequireRoles roles={VISIT_RESOLVE_ROLES}>
              <HardshipProposalsPage />
            </RequireRoles>
          }
        />
        <Route
          path="visit-resends"
          element={
            <RequireRoles roles={VISIT_RESOLVE_ROLES}>
              <ResendConflictsPage />
            </RequireRoles>
          }
        />
        <Route
          path="import-conflicts"
          element={
            <RequireRoles roles={IMPORT_CONFLICT_READ_ROLES}>
              <ImportConflictsPage />
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
          path="settings/case-categories"
          element={
            <RequireRoles roles={CASE_CONFIG_ROLES}>
              <CaseCategoriesPage />
            </RequireRoles>
          }
        />
        <Route
          path="settings/working-calendar"
          element={
            <RequireRoles roles={CASE_CONFIG_ROLES}>
              <WorkingCalendarPage />
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
        <Route
          path="cases"
          element={
            <RequireRoles roles={CASE_READ_ROLES}>
              <CasesPage />
            </RequireRoles>
          }
        />
        <Route
          path="cases/new"
          element={
            <RequireRoles roles={CASE_REGISTER_ROLES}>
              <CaseRegisterPage />
            </RequireRoles>
          }
        />
        <Route
          path="cases/:id"
          element={
            <RequireRoles roles={CASE_READ_ROLES}>
              <CasePage />
            </RequireRoles>
          }
        />
        <Route
          path="rectification"
          element={
            <RequireRoles roles={RECTIFICATION_READ_ROLES}>
              <RectificationPage />
            </RequireRoles>
          }
        />
        <Route
          path="rectification/:id"
          element={
            <RequireRoles roles={RECTIFICATION_READ_ROLES}>
              <RectificationTaskPage />
            </RequireRoles>
          }
        />
        <Route
          path="rectification/settings"
          element={
            <RequireRoles roles={RECTIFICATION_MANAGE_ROLES}>
              <RectificationSettingsPage />
            </RequireRoles>
          }
        />
        <Route
          path="assessments/city-spot-checks"
          element={
            <RequireRoles roles={CITY_SPOT_CHECK_READ_ROLES}>
              <CitySpotChecksPage />
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
