/**
 * The accounts of the demo's case units (承办单位): a case is accepted and resolved by its unit's
 * own people, so each unit the demo cases go to needs one — a handler per county department, an
 * admin per township, a cadre in the first two villages of each township. The demo's own logins
 * (minzheng, gangcheng, jiangji, cadre) are reused where they are the unit. All share the demo
 * password through one argon2id hash.
 */
import type { Actor } from '../../http/context.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { hashPassword, loadActor } from '../auth/index.ts';
import { createUser } from '../users/index.ts';
import { DEMO_PASSWORD } from './demo-defaults.ts';
import { DEMO_DEPARTMENTS, demoLogins, demoTownshipCodes, demoVillages } from './seed-demo.ts';

/** Village cadres per township: the villages the demo's village-level cases go to. */
export const CADRE_VILLAGES_PER_TOWNSHIP = 2;

export interface DemoCaseUnits {
  /** By department id, village region id, township region id: the account that acts for the unit. */
  departments: Map<string, Actor>;
  regions: Map<string, Actor>;
  /** The county admin and each township's admin: who dispatches and calls back. */
  countyAdmin: Actor;
  townshipAdmins: Map<string, Actor>;
  /** The villages with a cadre, by code (cases are filed mostly there). */
  cadreVillages: string[];
}

/**
 * Creates the unit accounts that are missing (idempotent) and loads every unit's actor.
 *
 * @example
 * const units = await ensureDemoCaseUnits({ db, actor: null, source });
 * units.departments.size; // 10
 */
export async function ensureDemoCaseUnits(ctx: WriteContext<null>): Promise<DemoCaseUnits> {
  const { db } = ctx;
  const logins = demoLogins();
  const wanted: { username: string; displayName: string; roles: ['department_handler'] | ['township_admin'] | ['village_cadre']; regionCode: string; departmentCode?: string }[] = [];
  const county = logins.find((l) => l.username === 'admin')!.regionCode;
  for (const d of DEMO_DEPARTMENTS) {
    if (logins.some((l) => l.departmentCode === d.code)) continue;
    wanted.push({ username: `dept-${d.code}`, displayName: `${d.name}经办人`, roles: ['department_handler'], regionCode: county, departmentCode: d.code });
  }
  const villages = demoVillages();
  const cadreVillages: string[] = [];
  for (const t of demoTownshipCodes()) {
    if (!logins.some((l) => l.regionCode === t.code && l.roles.includes('township_admin'))) {
      wanted.push({ username: `town-${t.code}`, displayName: `${t.name}管理员`, roles: ['township_admin'], regionCode: t.code });
    }
    for (const v of villages.filter((x) => x.townshipCode === t.code).slice(0, CADRE_VILLAGES_PER_TOWNSHIP)) {
      cadreVillages.push(v.code);
      if (logins.some((l) => l.regionCode === v.code && l.roles.includes('village_cadre'))) continue;
      wanted.push({ username: `cadre-${v.code}`, displayName: `${v.name}村干部`, roles: ['village_cadre'], regionCode: v.code });
    }
  }
  const existing = new Set((await db.selectFrom('app_user').select('username').where('username', 'in', wanted.map((w) => w.username)).execute()).map((u) => u.username));
  const missing = wanted.filter((w) => !existing.has(w.username));
  if (missing.length) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const w of missing) await createUser(ctx, { ...w, password: DEMO_PASSWORD, passwordHash });
  }

  const departments = new Map<string, Actor>();
  const regions = new Map<string, Actor>();
  const townshipAdmins = new Map<string, Actor>();
  let countyAdmin: Actor | null = null;
  for (const username of [...logins.map((l) => l.username), ...wanted.map((w) => w.username)]) {
    const actor = await loadActor({ db, actor: null }, { username });
    if (!actor) continue;
    if (actor.roles.includes('county_admin')) countyAdmin ??= actor;
    if (actor.roles.includes('department_handler') && actor.departmentId) departments.set(actor.departmentId, actor);
    if (actor.roles.includes('village_cadre')) regions.set(actor.regionId, actor);
    if (actor.roles.includes('township_admin')) {
      regions.set(actor.regionId, actor);
      townshipAdmins.set(actor.regionId, actor);
    }
  }
  if (!countyAdmin) throw new Error('the demo county admin is missing: seed the demo county first');
  return { departments, regions, countyAdmin, townshipAdmins, cadreVillages };
}
