/**
 * Step 3 of the demo's loop (政策宣传): townships' publicity activities over the last two
 * quarters, logged through the policy-publicity use case by the township admins where the demo
 * has one (堽城镇, 蒋集镇) and by the county admin elsewhere. Deterministic (seeded), uneven on
 * purpose (some townships publicise much more than others, and not every policy equally), and
 * idempotent: a county that has any activity already gets none.
 */
import type { TPublicityActivityInput, TPublicityKind } from '../../../shared/schemas/policy-publicity.ts';
import { localDate } from '../../../shared/time.ts';
import type { Actor } from '../../http/context.ts';
import type { AuditSource } from '../audit/index.ts';
import { loadActor } from '../auth/index.ts';
import { logPublicityActivity } from '../policy-publicity/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { seededRandom, weighted } from './random.ts';
import { DEMO_COUNTY_CODE, demoLogins, demoTownshipCodes } from './seed-demo.ts';

export interface SeedDemoPublicityResult {
  activities: number;
  skipped?: 'exists' | 'no_accounts';
}

const DAY = 86_400_000;
/** The policies the standard questionnaire asks about get most of the publicity. */
const POLICY_WEIGHTS = { dibao: 5, medical_insurance: 6, pension: 4, farm_subsidy: 3, temporary_relief: 1, elderly_care: 1 } as const;
const KIND_WEIGHTS: Record<TPublicityKind, number> = { meeting: 5, notice: 3, broadcast: 2, door_to_door: 3, training: 1, other: 1 };
const TITLES: Record<keyof typeof POLICY_WEIGHTS, string> = {
  dibao: '低保政策',
  medical_insurance: '城乡居民医保参保缴费',
  pension: '城乡居民养老保险',
  farm_subsidy: '耕地地力保护补贴',
  temporary_relief: '临时救助',
  elderly_care: '高龄津贴',
};
const KIND_TITLE: Record<TPublicityKind, string> = { meeting: '宣讲会', notice: '公告张贴', broadcast: '大喇叭广播', door_to_door: '入户宣传', training: '村干部培训', other: '集市宣传' };

const sourceOf = (actor: Actor): AuditSource => ({ actorId: actor.id, actorName: actor.username, requestId: null, clientIp: null });

/**
 * @example
 * await seedDemoPublicity({ db, actor: null, source }, { now }); // => { activities: 46 }
 */
export async function seedDemoPublicity({ db }: WriteContext<null>, options: { now?: Date } = {}): Promise<SeedDemoPublicityResult> {
  const now = options.now ?? new Date();
  const existing = await db.selectFrom('publicity_activity').select('id').where('county_code', '=', DEMO_COUNTY_CODE).limit(1).executeTakeFirst();
  if (existing) return { activities: 0, skipped: 'exists' };
  const logins = demoLogins();
  const admin = await loadActor({ db, actor: null }, { username: logins.find((l) => l.roles.includes('county_admin'))!.username });
  if (!admin) return { activities: 0, skipped: 'no_accounts' };
  const townshipAdmins = new Map<string, Actor>();
  for (const login of logins.filter((l) => l.roles.includes('township_admin'))) {
    const actor = await loadActor({ db, actor: null }, { username: login.username });
    if (actor) townshipAdmins.set(login.regionCode, actor);
  }
  const townships = demoTownshipCodes();
  const villages = await db
    .selectFrom('region as v')
    .innerJoin('region as t', 't.id', 'v.parent_id')
    .select(['v.code', 't.code as township'])
    .where('v.county_code', '=', DEMO_COUNTY_CODE)
    .where('v.level', '=', 'village')
    .where('v.closed_on', 'is', null)
    .orderBy('v.code')
    .execute();
  const rnd = seededRandom(2026_12_03);
  // Uneven effort: each township's weight is 0.3–3, so a few log many activities and some few.
  const weights = Object.fromEntries(townships.map((t) => [t.code, 0.3 + rnd.next() * 2.7])) as Record<string, number>;
  const total = 46;
  let logged = 0;
  for (let i = 0; i < total; i++) {
    const township = weighted(rnd, weights);
    const local = villages.filter((v) => v.township === township);
    const atVillage = local.length > 0 && rnd.next() < 0.6;
    const regionCode = atVillage ? rnd.pick(local).code : township;
    const policy = weighted(rnd, POLICY_WEIGHTS);
    const second = rnd.next() < 0.3 ? weighted(rnd, POLICY_WEIGHTS) : policy;
    const kind = weighted(rnd, KIND_WEIGHTS);
    // Over the last two quarters (about 182 days), up to yesterday.
    const heldOn = localDate(new Date(now.getTime() - rnd.int(1, 182) * DAY));
    const actor = townshipAdmins.get(township) ?? admin;
    const activity: TPublicityActivityInput = {
      regionCode,
      kind,
      heldOn,
      title: `${TITLES[policy]}${KIND_TITLE[kind]}`,
      audience: kind === 'notice' || kind === 'broadcast' ? null : rnd.int(15, 160),
      note: '',
      policyCodes: [...new Set([policy, second])],
    };
    await logPublicityActivity({ db, actor, source: sourceOf(actor) }, { activity, now });
    logged++;
  }
  return { activities: logged };
}
