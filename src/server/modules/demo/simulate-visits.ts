/**
 * The demo campaign's visits (issue 10, point 9), recorded through the visits module's
 * `recordVisit` as the accounts that would have made them, so every rule (scope, standards,
 * idempotency, the aid ledger) applies: about 60% of the target households visited once and a
 * third of those visited a second time; aid handed over on the first visit with an
 * acknowledgement; a few problems and hardship proposals; one aid conflict (the same item for
 * one household from two phones); and a few signs of paper visits for the county to review (one
 * cadre logging ten visits within an hour, two visits at 23:00 Shanghai time, the same photo on
 * two households).
 *
 * Photos and signatures are real images made here (sharp) and stored through the visit-files
 * module's `storeVisitFile`, as a phone's uploads are: a photo on every fifth first visit and on
 * the flagged ones (one photo sent for two households, one sent again slightly brighter: an
 * exact and a near-identical duplicate), a drawn signature on most aid deliveries (up to
 * {@link MAX_DEMO_SIGNATURES}; the rest name a witness). Bounded so the first start stays quick.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { readJson } from '../../db/json-columns.ts';
import type { Actor } from '../../http/context.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { loadActor } from '../auth/index.ts';
import { storeVisitFile, type VisitFileConfig } from '../visit-files/index.ts';
import { recordVisit } from '../visits/index.ts';
import { addDays, type TVisitRecordInput } from '../../../shared/visits/index.ts';
import { localDate } from '../../../shared/time.ts';
import { localInstant } from './demo-clock.ts';
import { seededRandom, type Random } from './random.ts';
import { demoLogins } from './seed-demo.ts';

/** Most visits simulated, so that a large demo registry still starts in reasonable time. */
export const MAX_SIMULATED_VISITS = 1500;

export interface SimulateVisitsResult {
  visits: number;
  aidDeliveries: number;
  aidConflicts: number;
  problems: number;
  proposals: number;
}

const PROBLEMS = [
  { text: '冬季取暖用煤不足，希望协调解决', domain: 'hardship_relief' },
  { text: '村口路灯坏了，晚上出行不便', domain: 'public_security' },
  { text: '老人慢性病报销手续不清楚', domain: 'medical' },
  { text: '孩子上学交通不便', domain: 'education' },
] as const;
const SITUATIONS = ['家中老人身体尚可，生活基本能自理', '家庭收入主要靠低保和零工，冬季取暖有困难', '子女在外务工，老人独自在家', '家人患病，医疗支出较大'];

/** Most drawn signatures the demo makes; later deliveries are acknowledged by a witness. */
export const MAX_DEMO_SIGNATURES = 150;

/** A photo-like image: noise gives each one its own perceptual hash (a flat colour would make every photo "near-identical"). */
const photoBytes = () => sharp({ create: { width: 240, height: 180, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 70 }).toBuffer();

/** A signature drawn as a seeded scrawl, as the phone's canvas makes one (PNG). */
function signatureBytes(rnd: Random): Promise<Buffer> {
  const points = Array.from({ length: 12 }, (_, k) => `${20 + k * 22},${40 + rnd.int(-25, 25)}`).join(' ');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="90"><rect width="300" height="90" fill="#fff"/><polyline points="${points}" fill="none" stroke="#111" stroke-width="3"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A daytime instant (09:00–17:59 Shanghai) on a day of the period up to `last`. */
function daytime(rnd: Random, first: string, last: string): Date {
  const days = Math.max(0, Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000));
  const day = addDays(first, rnd.int(0, days));
  return localInstant(day, `${String(rnd.int(9, 17)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}`);
}

/**
 * Simulates the demo campaign's visits up to `now` (see the file's comment). Deterministic for a
 * seed. Returns what was recorded.
 *
 * @example
 * const done = await simulateVisits({ db, actor: null, source }, { campaignId: '1', files: visitFileConfig(env), now: new Date('2026-12-06T04:00:00Z') });
 * done.aidConflicts; // 1
 */
export async function simulateVisits(ctx: WriteContext<null>, options: { campaignId: string; files: VisitFileConfig; now?: Date; seed?: number }): Promise<SimulateVisitsResult> {
  const { db } = ctx;
  const now = options.now ?? new Date();
  const rnd = seededRandom(options.seed ?? 20261115);
  const campaign = await db.selectFrom('visit_campaign').selectAll().where('id', '=', options.campaignId).executeTakeFirstOrThrow();
  const definition = readJson('visit_campaign.definition', campaign.definition);
  const lastDay = [localDate(new Date(now.getTime() - 3_600_000)), campaign.deadline].sort()[0]!;
  if (lastDay < campaign.starts_on) return { visits: 0, aidDeliveries: 0, aidConflicts: 0, problems: 0, proposals: 0 };

  const targets = await db
    .selectFrom('visit_target as t')
    .innerJoin('region as v', 'v.id', 't.village_id')
    .innerJoin('region as tw', 'tw.id', 'v.parent_id')
    .select(['t.household_id', 't.category_codes', 't.hardship', 't.cadre_id', 'v.code as village_code', 'tw.code as township_code'])
    .where('t.county_code', '=', campaign.county_code)
    .where('t.campaign_id', '=', campaign.id)
    .orderBy('t.household_id')
    .execute();

  // Who records: the demo cadre in their village, the township admins in theirs, the county admin elsewhere.
  const actors = new Map<string, Actor>();
  for (const login of demoLogins()) {
    if (!login.roles.some((r) => r === 'village_cadre' || r === 'township_admin' || r === 'county_admin')) continue;
    const actor = await loadActor({ db, actor: null }, { username: login.username });
    if (actor) actors.set(login.username, actor);
  }
  const all = [...actors.values()];
  const recorderOf = (villageCode: string) =>
    all.filter((a) => villageCode.startsWith(a.regionCode)).sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
  const countyAdmin = all.find((a) => a.roles.includes('county_admin'));

  const chosen = targets.filter(() => rnd.next() < 0.6).slice(0, MAX_SIMULATED_VISITS);
  const result: SimulateVisitsResult = { visits: 0, aidDeliveries: 0, aidConflicts: 0, problems: 0, proposals: 0 };
  const send = async (actor: Actor, record: TVisitRecordInput) => {
    const receipt = await recordVisit({ ...ctx, actor }, { record, now: new Date(Math.max(new Date(record.visitedAt).getTime() + 20 * 60_000, Date.parse(`${campaign.starts_on}T00:00:00Z`))) });
    result.visits += 1;
    result.aidDeliveries += record.aid?.length ?? 0;
    result.aidConflicts += receipt.aidConflicts;
    result.problems += record.problems?.length ?? 0;
    result.proposals += record.hardshipProposals?.length ?? 0;
    return receipt;
  };
  const itemsOf = (codes: readonly string[]) => definition.aidStandards.filter((s) => codes.includes(s.categoryCode)).flatMap((s) => s.items);

  // The demo cadre's households: the first ten are "visited" within one hour (a paper-visit sign).
  const cadre = all.find((a) => a.roles.includes('village_cadre'));
  const rushHour = cadre ? daytime(rnd, campaign.starts_on, lastDay) : null;
  let rushed = 0;
  let night = 0;
  const store = async (actor: Actor, kind: 'photo' | 'signature', bytes: Buffer) => (await storeVisitFile({ ...ctx, actor, files: options.files }, { bytes, kind })).sha256;
  const sharedPhotoBytes = await photoBytes();
  let sharedUsed = 0;
  let signatures = 0;
  let conflictMade = false;

  for (const [i, t] of chosen.entries()) {
    const actor = (t.cadre_id && all.find((a) => a.id === t.cadre_id)) || recorderOf(t.village_code) || countyAdmin;
    if (!actor) continue;
    let visitedAt = daytime(rnd, campaign.starts_on, lastDay);
    if (cadre && actor.id === cadre.id && rushHour && rushed < 10) {
      visitedAt = new Date(rushHour.getTime() + rushed * 5 * 60_000);
      rushed += 1;
    } else if (night < 2 && i % 97 === 5) {
      visitedAt = localInstant(localDate(visitedAt), '23:00');
      night += 1;
    }
    if (visitedAt.getTime() > now.getTime()) visitedAt = new Date(now.getTime() - 2 * 3_600_000);
    const items = itemsOf(t.category_codes);
    const signed = rnd.next() < 0.7 && signatures < MAX_DEMO_SIGNATURES;
    // The same photo on two households, then the same scene a little brighter on a third (a near-identical one).
    const flaggedPhoto = sharedUsed < 3 && i % 50 === 3;
    const photoSource = flaggedPhoto ? (sharedUsed < 2 ? sharedPhotoBytes : await sharp(sharedPhotoBytes).modulate({ brightness: 1.04 }).jpeg({ quality: 70 }).toBuffer()) : i % 5 === 0 ? await photoBytes() : null;
    if (flaggedPhoto) sharedUsed += 1;
    const photo = photoSource ? await store(actor, 'photo', photoSource) : null;
    const aid = items.map((item) => ({ itemCode: item.code, ...(item.amountFen ? { amountFen: item.amountFen } : {}), goods: item.goods.map((g) => ({ code: g.code, quantity: g.quantity })) }));
    const acknowledgement = aid.length
      ? signed
        ? { kind: 'signed' as const, signatureSha256: (signatures++, await store(actor, 'signature', await signatureBytes(rnd))) }
        : { kind: 'cannot_sign' as const, witnessName: rnd.pick(['王会计', '村委李主任', '邻居张大娘']) }
      : undefined;
    const first: TVisitRecordInput = {
      clientId: crypto.randomUUID(),
      campaignId: campaign.id,
      householdId: t.household_id,
      visitedAt: visitedAt.toISOString(),
      kind: 'home',
      situation: rnd.pick(SITUATIONS),
      problems: i % 12 === 0 ? [{ ...rnd.pick(PROBLEMS) }] : [],
      policiesExplained: rnd.next() < 0.5 ? ['dibao', 'medical_insurance'] : ['pension'],
      aid,
      photos: photo ? [{ sha256: photo, capturedAt: visitedAt.toISOString() }] : [],
      ...(acknowledgement ? { acknowledgement } : {}),
      hardshipProposals: i % 40 === 7 ? [{ action: 'add', categoryCode: 'serious_illness', reason: '走访发现家人新近确诊重病，医疗支出大' }] : [],
    };
    await send(actor, first);
    // One aid conflict: the same item for this household, recorded on a second phone by another account.
    const second = !conflictMade && aid.length > 0 ? all.find((a) => a.id !== actor.id && t.village_code.startsWith(a.regionCode)) : undefined;
    if (second) {
      conflictMade = true;
      const later = new Date(Math.min(visitedAt.getTime() + 26 * 3_600_000, now.getTime() - 3_600_000));
      await send(second, { clientId: crypto.randomUUID(), campaignId: campaign.id, householdId: t.household_id, visitedAt: later.toISOString(), kind: 'home', situation: '送去慰问品', aid: [aid[0]!], acknowledgement: { kind: 'cannot_sign', witnessName: '村委李主任' } });
    }
    // A third of the hardship households visited a second time, without aid.
    if (t.hardship && rnd.next() < 1 / 3) {
      const again = new Date(Math.min(visitedAt.getTime() + rnd.int(3, 15) * 86_400_000, now.getTime() - 3_600_000));
      await send(actor, { clientId: crypto.randomUUID(), campaignId: campaign.id, householdId: t.household_id, visitedAt: again.toISOString(), kind: rnd.next() < 0.3 ? 'phone' : 'home', situation: '回访，了解慰问品使用和近况' });
    }
  }
  return result;
}
