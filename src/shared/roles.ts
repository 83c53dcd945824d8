/**
 * Roles and what each may do. Shared by the server (authorization) and the web app (navigation).
 */
import { z } from 'zod';

export const ROLES = [
  'county_admin', // 县联系服务办 / 考核办: runs surveys, campaigns, assessment; manages accounts
  'county_leader', // 县领导: reads everything in the county, changes nothing
  'township_admin', // 乡镇/街道管理员: its township only
  'village_cadre', // 村干部 / 包村干部: logs visits, raises and resolves cases
  'department_handler', // 县直部门经办人: resolves cases routed to the department
  'survey_supervisor', // 调查督导
  'interviewer', // 访问员
] as const;

export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ROLE_LABELS: Record<TRole, { 'zh-CN': string; en: string }> = {
  county_admin: { 'zh-CN': '县级管理员', en: 'County administrator' },
  county_leader: { 'zh-CN': '县领导', en: 'County leader' },
  township_admin: { 'zh-CN': '乡镇管理员', en: 'Township administrator' },
  village_cadre: { 'zh-CN': '村干部', en: 'Village cadre' },
  department_handler: { 'zh-CN': '部门经办人', en: 'Department handler' },
  survey_supervisor: { 'zh-CN': '调查督导', en: 'Survey supervisor' },
  interviewer: { 'zh-CN': '访问员', en: 'Interviewer' },
};

/** Roles that administer accounts and regions inside their own subtree. */
export const ADMIN_ROLES: readonly TRole[] = ['county_admin', 'township_admin'];

/** Every role may read within its subtree; only these may write anything at all. */
export const READ_ONLY_ROLES: readonly TRole[] = ['county_leader'];

/**
 * Roles a given admin may grant. A township admin grants only what belongs below a township:
 * not county-wide roles, and not its own (another admin of the township would be its peer, and
 * one bound to a village would make no sense); township admins are created by the county.
 */
export function grantableRoles(granter: readonly TRole[]): TRole[] {
  if (granter.includes('county_admin')) return [...ROLES];
  if (granter.includes('township_admin')) return ['village_cadre'];
  return [];
}

export const hasAnyRole = (held: readonly TRole[], wanted: readonly TRole[]) => held.some((r) => wanted.includes(r));

/*
 * What each role may do, beyond reading its own subtree. The server enforces these lists (routes
 * and use cases import them from here); the web app imports the same lists only to avoid
 * offering what the server would refuse.
 */

/** Who works with the household registry; interviewers and survey supervisors reach residents only through the survey. */
export const REGISTRY_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin', 'village_cadre', 'department_handler'];
/** Who adds and ends hardship labels. */
export const REGISTRY_WRITE_ROLES: readonly TRole[] = ['county_admin', 'township_admin'];
/** Who may see a full ID number: those who verify entitlements. */
export const REVEAL_ID_ROLES: readonly TRole[] = ['county_admin', 'township_admin', 'department_handler'];
/** Who may see a full phone number: those who call residents. */
export const REVEAL_PHONE_ROLES: readonly TRole[] = ['county_admin', 'township_admin', 'village_cadre', 'department_handler'];
/** Who imports registry spreadsheets. */
export const IMPORT_ROLES: readonly TRole[] = ['county_admin', 'township_admin'];
/** Who sees imports' collisions with records outside the importer's township (they name both sides); county admins resolve them. */
export const IMPORT_CONFLICT_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader'];
export const IMPORT_CONFLICT_RESOLVE_ROLES: readonly TRole[] = ['county_admin'];
/** Who reads pairing coverage reports; pairings are changed by ADMIN_ROLES. */
export const PAIRING_REPORT_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin'];
/** Accounts that can be a family's responsible cadre or helper (党员干部). */
export const CADRE_ROLES: readonly TRole[] = ['village_cadre', 'township_admin', 'county_admin', 'department_handler'];

/** Who designs questionnaires, sets up waves, draws and releases samples, reassigns and checks quality (调查督导). */
export const SURVEY_MANAGE_ROLES: readonly TRole[] = ['county_admin', 'survey_supervisor'];
/** Who works cases at the interviewer workstation (访问员); supervisors sometimes call too. */
export const SURVEY_CALL_ROLES: readonly TRole[] = ['interviewer', 'survey_supervisor'];
/** Who follows fieldwork progress, response rates and interviewer output. */
export const SURVEY_PROGRESS_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'survey_supervisor'];
/**
 * Who reads survey results. Township admins see aggregates of their own township and the
 * county, never a single answer or who answered.
 */
export const SURVEY_RESULTS_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'survey_supervisor', 'township_admin'];

/*
 * Visits and aid campaigns (走访慰问, issue 10).
 */
/** Who drafts, opens and closes campaigns and (re)assigns their households: admins, inside their own subtree. */
export const CAMPAIGN_MANAGE_ROLES: readonly TRole[] = ['county_admin', 'township_admin'];
/** Who goes to the door and records visits (the signed-in cadre is the visitor). */
export const VISIT_RECORD_ROLES: readonly TRole[] = ['village_cadre', 'township_admin', 'county_admin', 'department_handler'];
/** Who reads coverage, progress, the aid ledger and the exports. */
export const VISIT_REPORT_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin'];
/** Who settles a double delivery of aid (voids one with a reason) and decides proposed hardship labels: the township admin, or the county. */
export const VISIT_RESOLVE_ROLES: readonly TRole[] = ['township_admin', 'county_admin'];
/** Who reviews the signs of paper visits (flags are for the county's review, never automatic penalties). */
export const VISIT_FLAG_REVIEW_ROLES: readonly TRole[] = ['county_admin'];
/** Who reads the flags: the county's reviewers and leaders. */
export const VISIT_FLAG_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader'];

/*
 * Cases (民情诉求 · 三级联动, issue 11). A case is handled by its current unit (a village's
 * cadres, a township admin, a department's handlers: `isUnitMember` in shared/cases) and
 * dispatched by the admins above it.
 */
/** Who reads cases: within their subtree; a department's handlers read the cases ever assigned to their department. */
export const CASE_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin', 'village_cadre', 'department_handler'];
/** Who registers a case at the window or from a call (受理), and turns a visit's problem into one. */
export const CASE_REGISTER_ROLES: readonly TRole[] = ['county_admin', 'township_admin', 'village_cadre', 'department_handler'];
/** Who dispatches, re-routes, merges, calls back and closes (派单 · 回访 · 办结归档), for cases in their subtree. */
export const CASE_DISPATCH_ROLES: readonly TRole[] = ['county_admin', 'township_admin'];
/** Who may act as a case's unit (签收 · 办理 · 办结 · 上报 · 退回), when the case is assigned to them. */
export const CASE_UNIT_ROLES: readonly TRole[] = ['village_cadre', 'township_admin', 'department_handler'];
/** Who configures the case categories, the working calendar, the rates' weights, Open311 clients and 12345 batches. */
export const CASE_CONFIG_ROLES: readonly TRole[] = ['county_admin'];
/** Who reads the three rates and their ranking (aggregates of units, no resident's data). */
export const CASE_RATES_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin', 'department_handler'];

/*
 * Closing the loop (整改 · 政策宣传 · 考核 · 通报, issue 12). The county runs rectification and the
 * assessment; a township (or a county department) works on the tasks it owns.
 */
/** Who reads rectification tasks: the county all, a township its own, a department the tasks it owns. */
export const RECTIFICATION_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin', 'department_handler'];
/** Who proposes, confirms, edits, drops, creates and verifies tasks (the county's 整改办). */
export const RECTIFICATION_MANAGE_ROLES: readonly TRole[] = ['county_admin'];
/** Who reports progress on and submits a task their unit owns. */
export const RECTIFICATION_OWNER_ROLES: readonly TRole[] = ['township_admin', 'department_handler'];
/** Who reads the policy catalogue, publicity activities and awareness figures. */
export const PUBLICITY_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin'];
/** Who logs publicity activities (within their subtree) and, for the county admin, edits the catalogue's links. */
export const PUBLICITY_WRITE_ROLES: readonly TRole[] = ['county_admin', 'township_admin'];
/** Who defines, computes and publishes assessments, and enters the city's spot-check figures. */
export const ASSESSMENT_MANAGE_ROLES: readonly TRole[] = ['county_admin'];
/** Who reads assessments: the county all; a township admin only published ones (the bulletin is sent to every township). */
export const ASSESSMENT_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin'];
/** Who reads the city's spot checks (市级抽查) and the scheme's versions: the county's working figures, never a township's. */
export const CITY_SPOT_CHECK_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader'];
/** Who sees the leaders' dashboard. */
export const DASHBOARD_ROLES: readonly TRole[] = ['county_admin', 'county_leader'];
/** Who reads signs of gaming (county-only, never a township), and who reviews them. */
export const GAMING_READ_ROLES: readonly TRole[] = ['county_admin', 'county_leader'];
export const GAMING_REVIEW_ROLES: readonly TRole[] = ['county_admin'];
