import { AlertOutlined, ApiOutlined, DashboardOutlined, ApartmentOutlined, CalendarOutlined, CarryOutOutlined, AppstoreOutlined, AuditOutlined, BranchesOutlined, BarChartOutlined, CloudUploadOutlined, CustomerServiceOutlined, ExclamationCircleOutlined, FileTextOutlined, FormOutlined, HeartOutlined, PartitionOutlined, PhoneOutlined, QrcodeOutlined, SettingOutlined, SolutionOutlined, TeamOutlined, CarOutlined, TrophyOutlined, ToolOutlined } from '@ant-design/icons';
import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { ADMIN_ROLES, CASE_CONFIG_ROLES, CASE_RATES_ROLES, CASE_READ_ROLES, GAMING_READ_ROLES, VISIT_RECORD_ROLES, VISIT_RESOLVE_ROLES, hasAnyRole, type TRole, DASHBOARD_ROLES, RECTIFICATION_READ_ROLES } from '../../shared/roles.ts';
import { CAMPAIGN_READ_ROLES, IMPORT_CONFLICT_READ_ROLES, IMPORT_ROLES, PAIRING_REPORT_ROLES, REGISTRY_ROLES, SETTINGS_ROLES, SURVEY_CALL_ROLES, SURVEY_PROGRESS_ROLES, SURVEY_RESULTS_ROLES, VISIT_FLAG_READ_ROLES, VISIT_REPORT_ROLES } from '../access.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';

interface NavItem {
  key: string;
  path: (regionCode: string) => string;
  label: MessageKey;
  icon: React.ReactNode;
  /** Roles that see the item; everyone when absent. */
  roles?: readonly TRole[];
  /** Other first path segments under which the item is the current one (a household belongs to the registry). */
  also?: string[];
}

export const NAV_ITEMS: NavItem[] = [
  { key: 'workbench', path: () => '/', label: 'workbench.nav', icon: <AppstoreOutlined /> },
  // Issue 12: the leaders' dashboard, right under the workbench.
  { key: 'dashboard', path: () => '/dashboard', label: 'dashboard.nav', icon: <DashboardOutlined />, roles: DASHBOARD_ROLES },
  { key: 'regions', path: (code) => `/regions/${code}`, label: 'nav.regions', icon: <ApartmentOutlined /> },
  { key: 'registry', path: () => '/registry', label: 'nav.registry', icon: <SolutionOutlined />, roles: REGISTRY_ROLES, also: ['households'] },
  { key: 'pairing', path: () => '/pairing', label: 'nav.pairing', icon: <HeartOutlined />, roles: PAIRING_REPORT_ROLES },
  { key: 'campaigns', path: () => '/campaigns', label: 'campaign.nav', icon: <CarryOutOutlined />, roles: CAMPAIGN_READ_ROLES },
  { key: 'visits-coverage', path: () => '/visits/coverage', label: 'visits.nav.coverage', icon: <CarOutlined />, roles: VISIT_REPORT_ROLES },
  { key: 'cases', path: () => '/cases', label: 'cases.nav', icon: <FileTextOutlined />, roles: CASE_READ_ROLES },
  { key: 'case-rates', path: () => '/case-rates', label: 'caseRates.nav', icon: <TrophyOutlined />, roles: CASE_RATES_ROLES },
  { key: 'rectification', path: () => '/rectification', label: 'rect.nav', icon: <ToolOutlined />, roles: RECTIFICATION_READ_ROLES },
  { key: 'visits-flags', path: () => '/visits/flags', label: 'visits.nav.flags', icon: <AlertOutlined />, roles: VISIT_FLAG_READ_ROLES },
  { key: 'gaming-signals', path: () => '/gaming-signals', label: 'gaming.nav', icon: <AlertOutlined />, roles: GAMING_READ_ROLES },
  { key: 'workstation', path: () => '/survey/workstation', label: 'fieldwork.nav', icon: <CustomerServiceOutlined />, roles: SURVEY_CALL_ROLES },
  // After the workstation: /survey/workstation is under /survey too, and the first item whose path matches wins.
  { key: 'survey', path: () => '/survey', label: 'survey.nav.survey', icon: <FormOutlined />, roles: SURVEY_PROGRESS_ROLES },
  { key: 'survey-results', path: () => '/survey-results', label: 'survey.nav.results', icon: <BarChartOutlined />, roles: SURVEY_RESULTS_ROLES },
  { key: 'aid-conflicts', path: () => '/aid-conflicts', label: 'visits.nav.aidConflicts', icon: <AlertOutlined />, roles: VISIT_RESOLVE_ROLES },
  { key: 'hardship-proposals', path: () => '/hardship-proposals', label: 'visits.nav.proposals', icon: <AuditOutlined />, roles: VISIT_RESOLVE_ROLES },
  { key: 'visit-resends', path: () => '/visit-resends', label: 'visits.nav.resends', icon: <BranchesOutlined />, roles: VISIT_RESOLVE_ROLES },
  // Issue 11, case intake.
  { key: 'visit-problems', path: () => '/visit-problems', label: 'caseIntake.nav.visitProblems', icon: <ExclamationCircleOutlined />, roles: [...VISIT_RECORD_ROLES, ...VISIT_RESOLVE_ROLES] },
  { key: 'case-batches', path: () => '/case-batches', label: 'caseIntake.nav.batches', icon: <PhoneOutlined />, roles: CASE_CONFIG_ROLES },
  { key: 'imports', path: () => '/imports', label: 'nav.imports', icon: <CloudUploadOutlined />, roles: IMPORT_ROLES },
  { key: 'import-conflicts', path: () => '/import-conflicts', label: 'nav.importConflicts', icon: <BranchesOutlined />, roles: IMPORT_CONFLICT_READ_ROLES },
  { key: 'resident-posters', path: () => '/resident-posters', label: 'residentPage.posters.nav', icon: <QrcodeOutlined />, roles: ADMIN_ROLES },
  { key: 'users', path: () => '/users', label: 'nav.users', icon: <TeamOutlined />, roles: ADMIN_ROLES },
  { key: 'open311', path: () => '/open311', label: 'open311.nav', icon: <ApiOutlined />, roles: CASE_CONFIG_ROLES },
  { key: 'audit', path: () => '/audit', label: 'nav.audit', icon: <AuditOutlined />, roles: ['county_admin'] },
  { key: 'settings', path: () => '/settings/hardship-categories', label: 'nav.hardshipCategories', icon: <SettingOutlined />, roles: SETTINGS_ROLES },
  { key: 'case-categories', path: () => '/settings/case-categories', label: 'caseConfig.nav.categories', icon: <PartitionOutlined />, roles: CASE_CONFIG_ROLES },
  { key: 'working-calendar', path: () => '/settings/working-calendar', label: 'caseConfig.nav.calendar', icon: <CalendarOutlined />, roles: CASE_CONFIG_ROLES },
];

/** The navigation, by role. */
export function NavMenu({ theme = 'dark', onNavigate }: { theme?: 'dark' | 'light'; onNavigate?: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => !item.roles || hasAnyRole(me.roles, item.roles));
  const segment = pathname.split('/')[1] ?? '';
  // Several items may live under one first segment (/survey/…): the item whose own path the address is under wins.
  const own = items.find((i) => pathname === i.path(me.region.code) || pathname.startsWith(`${i.path(me.region.code)}/`));
  const selected = own?.key ?? items.find((i) => i.key === segment || i.also?.includes(segment))?.key ?? segment;
  return (
    <Menu
      theme={theme}
      mode="inline"
      selectedKeys={[selected]}
      items={items.map((item) => ({ key: item.key, icon: item.icon, label: t(item.label) }))}
      onClick={({ key }) => {
        const item = items.find((i) => i.key === key);
        if (item) navigate(item.path(me.region.code));
        onNavigate?.();
      }}
    />
  );
}
