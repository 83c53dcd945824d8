/**
 * The demo county: Ningyang (宁阳县, 370921) with its 13 real townships, 10–40 synthetic
 * villages or communities each (flagged synthetic), the county departments, and one demo
 * account per role. Idempotent: does nothing when the county exists.
 */
import { DEMO_TILE_LAYOUT } from './demo-tile-layout.ts';
import type { TRole } from '../../../shared/roles.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { seedCaseCategories } from '../cases/index.ts';
import { loadOfficialHolidays } from '../working-calendar/index.ts';
import { createUser } from '../users/index.ts';
import { insertRegion } from '../regions/index.ts';
import ningyang from './ningyang.json' with { type: 'json' };
import { seededRandom } from './random.ts';
import { villageNames } from './village-names.ts';

export const DEMO_COUNTY_CODE = ningyang.county.code;
import { DEMO_PASSWORD } from './demo-defaults.ts';
const OPENED_ON = '2010-01-01';

/**
 * Township codes: the brief gives names, not codes, so the demo numbers them in the statistical
 * convention: subdistricts 001…, towns 101…, townships 201….
 */
export function demoTownshipCodes(): { name: string; nameEn: string; kind: string; code: string; formerName?: string }[] {
  const counters: Record<string, number> = { subdistrict: 0, town: 100, township: 200 };
  return ningyang.townships.map((t) => {
    counters[t.kind] = (counters[t.kind] ?? 0) + 1;
    return { ...t, nameEn: t.name_en, code: `${ningyang.county.code}${String(counters[t.kind]).padStart(3, '0')}` };
  });
}

export const DEMO_DEPARTMENTS = [
  { code: 'mzj', name: '县民政局', nameEn: 'Civil Affairs Bureau' },
  { code: 'sthj', name: '市生态环境局宁阳分局', nameEn: 'Ecology and Environment Branch' },
  { code: 'wjj', name: '县卫生健康局', nameEn: 'Health Commission' },
  { code: 'jtj', name: '县教育和体育局', nameEn: 'Education and Sports Bureau' },
  { code: 'gaj', name: '县公安局', nameEn: 'Public Security Bureau' },
  { code: 'wlj', name: '县文化和旅游局', nameEn: 'Culture and Tourism Bureau' },
  { code: 'rsj', name: '县人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau' },
  { code: 'nyj', name: '县农业农村局', nameEn: 'Agriculture and Rural Affairs Bureau' },
  { code: 'ybj', name: '县医疗保障局', nameEn: 'Medical Security Bureau' },
  { code: 'zjj', name: '县住房和城乡建设局', nameEn: 'Housing and Urban-Rural Development Bureau' },
];

export interface DemoLogin {
  username: string;
  displayName: string;
  roles: TRole[];
  regionCode: string;
  departmentCode?: string;
}

export function demoLogins(): DemoLogin[] {
  const towns = demoTownshipCodes();
  const gangcheng = towns.find((t) => t.name === '堽城镇')!.code;
  const jiangji = towns.find((t) => t.name === '蒋集镇')!.code;
  return [
    { username: 'admin', displayName: '县联系服务办管理员', roles: ['county_admin'], regionCode: DEMO_COUNTY_CODE },
    { username: 'leader', displayName: '县领导（只读）', roles: ['county_leader'], regionCode: DEMO_COUNTY_CODE },
    { username: 'gangcheng', displayName: '堽城镇管理员', roles: ['township_admin'], regionCode: gangcheng },
    { username: 'jiangji', displayName: '蒋集镇管理员', roles: ['township_admin'], regionCode: jiangji },
    { username: 'cadre', displayName: '堽城镇包村干部', roles: ['village_cadre'], regionCode: `${gangcheng}201` },
    { username: 'minzheng', displayName: '民政局经办人', roles: ['department_handler'], regionCode: DEMO_COUNTY_CODE, departmentCode: 'mzj' },
    { username: 'supervisor', displayName: '调查督导', roles: ['survey_supervisor'], regionCode: DEMO_COUNTY_CODE },
    { username: 'interviewer1', displayName: '访问员一', roles: ['interviewer'], regionCode: DEMO_COUNTY_CODE },
    { username: 'interviewer2', displayName: '访问员二', roles: ['interviewer'], regionCode: DEMO_COUNTY_CODE },
  ];
}

export interface DemoVillage {
  townshipCode: string;
  townshipName: string;
  code: string;
  name: string;
  kind: 'village' | 'community';
}

/**
 * The demo county's synthetic villages: 10–40 per township, the same on every machine for a
 * seed. The household generator uses the same list, so its files fit the seeded county.
 *
 * @example
 * demoVillages().length; // 313 with the default seed
 */
export function demoVillages(seed = 370921): DemoVillage[] {
  const rnd = seededRandom(seed);
  return demoTownshipCodes().flatMap((t) => {
    const count = rnd.int(10, 40);
    return villageNames({ seed: rnd.int(1, 2 ** 31), count, townshipKind: t.kind }).map((name, i) => ({
      townshipCode: t.code,
      townshipName: t.name,
      code: `${t.code}${String(201 + i).padStart(3, '0')}`,
      name,
      kind: t.kind === 'subdistrict' ? ('community' as const) : ('village' as const),
    }));
  });
}

export interface SeedDemoResult {
  created: boolean;
  townships: number;
  villages: number;
  logins: DemoLogin[];
}

/**
 * @example
 * const { created, logins } = await seedDemo({ db, actor: null, source: cliAuditSource('seed-demo') });
 */
export async function seedDemo(ctx: WriteContext<null>, options: { password?: string; seed?: number } = {}): Promise<SeedDemoResult> {
  const { db, source } = ctx;
  const logins = demoLogins();
  const exists = await db.selectFrom('region').select('id').where('code', '=', DEMO_COUNTY_CODE).executeTakeFirst();
  if (exists) return { created: false, townships: 0, villages: 0, logins };
  let villages = 0;
  const townships = demoTownshipCodes();
  const allVillages = demoVillages(options.seed);
  await db.transaction().execute(async (trx) => {
    const county = await insertRegion(trx, {
      parent: null,
      code: DEMO_COUNTY_CODE,
      name: ningyang.county.name,
      nameEn: ningyang.county.name_en,
      level: 'county',
      kind: 'county',
      openedOn: OPENED_ON,
    });
    for (const t of townships) {
      const township = await insertRegion(trx, { parent: county, code: t.code, name: t.name, nameEn: t.nameEn, level: 'township', kind: t.kind, openedOn: OPENED_ON });
      // The dashboard's tile map (issue 12 point 6): a hand-made layout following the townships' places.
      const tile = DEMO_TILE_LAYOUT[t.name];
      if (tile) await trx.insertInto('township_tile').values({ township_id: township.id, county_code: DEMO_COUNTY_CODE, tile_row: tile.row, tile_col: tile.col }).execute();
      if (t.formerName) {
        await trx
          .insertInto('region_event')
          .values({ region_id: township.id, county_code: DEMO_COUNTY_CODE, kind: 'rename', effective_on: OPENED_ON, details: JSON.stringify({ from: { name: t.formerName }, to: { name: t.name } }) })
          .execute();
      }
      for (const v of allVillages.filter((x) => x.townshipCode === t.code)) {
        await insertRegion(trx, { parent: township, code: v.code, name: v.name, level: 'village', kind: v.kind, openedOn: OPENED_ON, synthetic: true });
        villages++;
      }
    }
    await trx
      .insertInto('department')
      .values(DEMO_DEPARTMENTS.map((d) => ({ county_code: DEMO_COUNTY_CODE, code: d.code, name: d.name, name_en: d.nameEn })))
      .execute();
    // Cases need a category tree and the official calendar from the first start (issue 11).
    await seedCaseCategories(trx, { countyCode: DEMO_COUNTY_CODE });
    await loadOfficialHolidays(trx, { countyCode: DEMO_COUNTY_CODE });
    await recordAudit({ db: trx, source }, { action: 'demo.seed', entityType: 'region', entityId: DEMO_COUNTY_CODE, region: county, after: { townships: townships.length, villages } });
  });
  for (const login of logins) {
    await createUser(ctx, { ...login, password: options.password ?? DEMO_PASSWORD });
  }
  return { created: true, townships: townships.length, villages, logins };
}
