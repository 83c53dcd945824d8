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

/** Roles a given admin may grant: a township admin cannot create county-wide roles. */
export function grantableRoles(granter: readonly TRole[]): TRole[] {
  if (granter.includes('county_admin')) return [...ROLES];
  if (granter.includes('township_admin')) return ['township_admin', 'village_cadre'];
  return [];
}

export const hasAnyRole = (held: readonly TRole[], wanted: readonly TRole[]) => held.some((r) => wanted.includes(r));
