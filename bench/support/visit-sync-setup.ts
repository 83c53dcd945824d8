/**
 * The visit-sync benchmark's county: the demo's Ningyang regions, a registry written by SQL with
 * the same number of households in every village, one village-cadre account per simulated phone
 * (bound to a village, every village served, two cadres in a village when there are more phones
 * than villages), and an open county-wide 大走访 campaign whose aid standards cover the registry's
 * hardship categories. Each phone visits its own slice of its village's households.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { hashPassword, loadActor } from '../../src/server/modules/auth/index.ts';
import { createCampaign, openCampaign } from '../../src/server/modules/campaigns/index.ts';
import { DEMO_COUNTY_CODE } from '../../src/server/modules/demo/index.ts';
import { ZCampaignDefinition, type TCampaignDefinition } from '../../src/shared/visits/index.ts';
import { localDate } from '../../src/shared/time.ts';
import { writeSqlRegistry } from './sql-registry.ts';

/** Every benchmark cadre's password (the accounts live in a throwaway database). */
export const SYNC_BENCH_PASSWORD = 'Bench2026sync';

export interface SyncBenchCadre {
  username: string;
  villageId: string;
  /** This cadre's place among its village's cadres (0, 1, …): which slice of the village it visits. */
  rank: number;
}

/** Cadre accounts bound to the county's open villages in turn; returns them in order. */
export async function insertSyncCadres(db: Kysely<DB>, o: { phones: number; villageIds: readonly string[] }): Promise<SyncBenchCadre[]> {
  // One argon2 hash for all: the sign-in verifies it per account, as for any account.
  const passwordHash = await hashPassword(SYNC_BENCH_PASSWORD);
  const cadres = Array.from({ length: o.phones }, (_, i) => ({
    username: `bench_phone_${String(i + 1).padStart(4, '0')}`,
    villageId: o.villageIds[i % o.villageIds.length]!,
    rank: Math.floor(i / o.villageIds.length),
  }));
  const rows = cadres.map((c, i) => ({
    username: c.username,
    display_name: `包村干部${i + 1}`,
    password_hash: passwordHash,
    roles: ['village_cadre'],
    region_id: c.villageId,
    county_code: DEMO_COUNTY_CODE,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('app_user').values(rows.slice(i, i + 500)).execute();
  return cadres;
}

/**
 * A 大走访 campaign of every household of the county, open from 30 days ago to 30 days ahead, with
 * a cash standard for each hardship category the SQL registry uses.
 */
export function syncBenchCampaign(now = new Date()): TCampaignDefinition {
  const day = (offset: number) => localDate(new Date(now.getTime() + offset * 86_400_000));
  const categories = ['dibao', 'tekun', 'poverty_monitoring', 'veteran_family', 'serious_illness'];
  return ZCampaignDefinition.parse({
    kind: 'all_households',
    name: '同步基准大走访',
    period: { startsOn: day(-30), endsOn: day(30) },
    done: { deadline: day(30), minVisits: 1, minVisitsHardship: 1 },
    aidStandards: categories.map((code, i) => ({ categoryCode: code, items: [{ code: `${code}_cash`, name: `${code} 慰问金`, amountFen: 20_000 + i * 10_000 }] })),
    graceDays: 0,
  });
}

export interface SyncBenchCounty {
  cadres: SyncBenchCadre[];
  households: number;
  villages: number;
}

/**
 * Registry and cadres: `visitsPerPhone` households for every cadre of a village, the same number
 * in every village (writeSqlRegistry spreads households evenly over the open villages).
 *
 * @example
 * const county = await writeSyncBenchCounty(db, { phones: 500, visitsPerPhone: 20 });
 */
export async function writeSyncBenchCounty(db: Kysely<DB>, o: { phones: number; visitsPerPhone: number }): Promise<SyncBenchCounty> {
  const villages = await db
    .selectFrom('region')
    .select('id')
    .where('county_code', '=', DEMO_COUNTY_CODE)
    .where('level', '=', 'village')
    .where('closed_on', 'is', null)
    .orderBy('id')
    .execute();
  const perVillage = Math.ceil(o.phones / villages.length) * o.visitsPerPhone;
  const households = perVillage * villages.length;
  await writeSqlRegistry(db, { countyCode: DEMO_COUNTY_CODE, households, seed: 10 });
  const cadres = await insertSyncCadres(db, { phones: o.phones, villageIds: villages.map((v) => v.id) });
  return { cadres, households, villages: villages.length };
}

/**
 * Drafts and opens the benchmark's campaign over the county's townships through the campaign use
 * cases, as the county admin: every household a target, assigned to its village's cadres (the
 * SQL registry has no pairings). Returns the campaign's id and its number of targets.
 */
export async function openSyncBenchCampaign(db: Kysely<DB>, now = new Date()): Promise<{ id: string; targets: number }> {
  const actor = await loadActor({ db, actor: null }, { username: 'admin' });
  if (!actor) throw new Error('the demo county admin is missing');
  const source = cliAuditSource('bench');
  const townships = await db.selectFrom('region').select('code').where('county_code', '=', DEMO_COUNTY_CODE).where('level', '=', 'township').where('closed_on', 'is', null).orderBy('code').execute();
  const draft = await createCampaign({ db, actor, source }, { definition: syncBenchCampaign(now), regionCodes: townships.map((t) => t.code) });
  const opened = await openCampaign({ db, actor, source }, { id: draft.id, now });
  const targets = await db.selectFrom('visit_target').select((eb) => eb.fn.countAll<string>().as('n')).where('campaign_id', '=', opened.id).executeTakeFirstOrThrow();
  return { id: opened.id, targets: Number(targets.n) };
}
