import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TCaseLevel } from '../../../shared/cases/index.ts';
import type { SURVEY_DOMAINS } from '../../../shared/schemas/survey.ts';

interface DefaultCategory {
  code: string;
  name: string;
  nameEn: string;
  domain: (typeof SURVEY_DOMAINS)[number];
  /** The department responsible, by the department codes the demo and most counties use (mzj 民政 …). */
  department?: string;
  startLevel?: TCaseLevel;
  responseHours?: number;
  resolveDays?: number;
  open311?: boolean;
  children?: DefaultCategory[];
}

/**
 * A starting category tree (诉求分类) for a new county: one branch per survey domain, leaves with
 * the department responsible and deadlines common in 12345 practice (accept within 4–8 working
 * hours; resolve within 3, 7 or 15 working days). The county admin edits it afterwards.
 */
export const DEFAULT_CASE_CATEGORIES: DefaultCategory[] = [
  { code: 'relief', name: '困难救助', nameEn: 'Hardship relief', domain: 'hardship_relief', department: 'mzj', children: [
    { code: 'relief-dibao', name: '低保与特困供养', nameEn: 'Minimum living allowance and extreme-poverty support', domain: 'hardship_relief', department: 'mzj', resolveDays: 15, open311: true },
    { code: 'relief-temporary', name: '临时救助', nameEn: 'Temporary relief', domain: 'hardship_relief', department: 'mzj', resolveDays: 7, open311: true },
    { code: 'relief-elderly', name: '养老服务与高龄津贴', nameEn: 'Elderly care and old-age allowance', domain: 'hardship_relief', department: 'mzj', resolveDays: 15 },
    { code: 'relief-farm', name: '惠农补贴', nameEn: 'Farm subsidies', domain: 'hardship_relief', department: 'nyj', resolveDays: 15 },
  ] },
  { code: 'environment', name: '人居环境', nameEn: 'Living environment', domain: 'environment', children: [
    { code: 'env-sanitation', name: '村容卫生与垃圾清运', nameEn: 'Village sanitation and refuse', domain: 'environment', department: 'zjj', resolveDays: 3, open311: true },
    { code: 'env-road-light', name: '道路与路灯', nameEn: 'Roads and street lights', domain: 'environment', department: 'zjj', resolveDays: 7, open311: true },
    { code: 'env-pollution', name: '污染投诉', nameEn: 'Pollution complaints', domain: 'environment', department: 'sthj', startLevel: 'department', responseHours: 4, resolveDays: 7, open311: true },
  ] },
  { code: 'medical', name: '医疗卫生', nameEn: 'Health care', domain: 'medical', department: 'wjj', children: [
    { code: 'med-clinic', name: '村卫生室与就医', nameEn: 'Village clinics and seeing a doctor', domain: 'medical', department: 'wjj', resolveDays: 7 },
    { code: 'med-insurance', name: '医保报销', nameEn: 'Medical insurance claims', domain: 'medical', department: 'ybj', startLevel: 'department', resolveDays: 15, open311: true },
  ] },
  { code: 'education', name: '教育', nameEn: 'Education', domain: 'education', department: 'jtj', children: [
    { code: 'edu-school', name: '入学与学校管理', nameEn: 'School places and schools', domain: 'education', department: 'jtj', startLevel: 'township', resolveDays: 15 },
  ] },
  { code: 'security', name: '社会治安', nameEn: 'Public security', domain: 'public_security', department: 'gaj', children: [
    { code: 'sec-hazard', name: '治安隐患', nameEn: 'Security hazards', domain: 'public_security', department: 'gaj', responseHours: 4, resolveDays: 3, open311: true },
    { code: 'sec-dispute', name: '邻里纠纷调解', nameEn: 'Neighbour disputes', domain: 'public_security', resolveDays: 7 },
  ] },
  { code: 'culture', name: '文化体育', nameEn: 'Culture and sport', domain: 'culture', department: 'wlj', children: [
    { code: 'cul-facility', name: '文体设施与活动', nameEn: 'Cultural and sports facilities', domain: 'culture', department: 'wlj', resolveDays: 15 },
  ] },
  { code: 'employment', name: '就业社保', nameEn: 'Jobs and social insurance', domain: 'employment', department: 'rsj', children: [
    { code: 'emp-wages', name: '拖欠工资', nameEn: 'Unpaid wages', domain: 'employment', department: 'rsj', startLevel: 'department', responseHours: 4, resolveDays: 7, open311: true },
    { code: 'emp-pension', name: '养老保险与社保', nameEn: 'Pensions and social insurance', domain: 'employment', department: 'rsj', startLevel: 'township', resolveDays: 15 },
  ] },
  { code: 'cadre', name: '干部作风', nameEn: 'Cadres’ conduct', domain: 'cadre_style', children: [
    { code: 'cadre-conduct', name: '干部作风与办事效率', nameEn: 'Cadres’ conduct and service', domain: 'cadre_style', startLevel: 'township', resolveDays: 7 },
  ] },
];

export interface SeedCaseCategoriesOptions {
  countyCode: string;
}

/**
 * Writes the default category tree for a county that has none (departments matched by code; a
 * department the county lacks leaves the category without one). Inside the caller's transaction;
 * returns how many categories it wrote (0 when the county already has categories).
 *
 * @example
 * await seedCaseCategories(trx, { countyCode: '370921' }); // 23
 */
export async function seedCaseCategories(trx: Kysely<DB>, { countyCode }: SeedCaseCategoriesOptions): Promise<number> {
  const existing = await trx.selectFrom('case_category').select('id').where('county_code', '=', countyCode).limit(1).execute();
  if (existing.length > 0) return 0;
  const departments = new Map((await trx.selectFrom('department').select(['id', 'code']).where('county_code', '=', countyCode).execute()).map((d) => [d.code, d.id]));
  let written = 0;
  const insert = async (c: DefaultCategory, parentId: string | null, sort: number) => {
    const row = await trx
      .insertInto('case_category')
      .values({
        county_code: countyCode,
        parent_id: parentId,
        code: c.code,
        name: c.name,
        name_en: c.nameEn,
        domain: c.domain,
        department_id: (c.department && departments.get(c.department)) ?? null,
        start_level: c.startLevel ?? 'village',
        response_hours: c.responseHours ?? 8,
        resolve_days: c.resolveDays ?? 7,
        urgent_hours: 24,
        open311: c.open311 ?? false,
        sort,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    written++;
    for (const [i, child] of (c.children ?? []).entries()) await insert(child, row.id, i);
  };
  for (const [i, c] of DEFAULT_CASE_CATEGORIES.entries()) await insert(c, null, i);
  return written;
}
