import { sql } from 'kysely';
import { localDate } from '../../../shared/time.ts';
import type { TMyWork, TWorkCampaign, TWorkHousehold } from '../../../shared/visits/index.ts';
import { addDays, computeCoverage } from '../../../shared/visits/index.ts';
import { readJson } from '../../db/json-columns.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

/** Levels whose accounts are given a village's unassigned targets ("the village's cadres"). */
const GROUP_LEVELS = new Set(['township', 'village', 'grid']);

/**
 * The signed-in cadre's work package (the phone stores it to work offline): every open
 * campaign of their county — and every closed one still inside its grace days, for late entries
 * (补录) — with the target households assigned to them by name or to their village's cadres
 * (`cadre_id` null and the village inside their region), each with what is due (the shared
 * `computeCoverage` over the campaign's non-voided visits) and the aid already received
 * (non-voided deliveries by item); the active policies and hardship categories the form offers.
 *
 * Only masked numbers leave: the head's `id_number_masked` and a `phone_masked`; nothing here
 * reads an encrypted column. Accounts bound to the county (or above) get only the households
 * assigned to them by name: "the village's cadres" would otherwise be the whole county on one phone.
 *
 * @example
 * const work = await getMyWork({ db, actor: cadre }, { now: new Date() });
 * work.households.filter((h) => h.status === 'due').length;
 */
export async function getMyWork({ db, actor }: ReadContext, options: { now?: Date } = {}): Promise<TMyWork> {
  const now = options.now ?? new Date();
  const today = localDate(now);
  const [policies, categories] = await Promise.all([
    db.selectFrom('policy').select(['code', 'name', 'name_en']).where('active', '=', true).orderBy('sort').orderBy('code').execute(),
    db.selectFrom('hardship_category').select(['code', 'name', 'name_en']).where('active', '=', true).orderBy('sort').orderBy('code').execute(),
  ]);
  const lists = {
    policies: policies.map((p) => ({ code: p.code, name: p.name, nameEn: p.name_en })),
    hardshipCategories: categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.name_en })),
  };
  const empty: TMyWork = { generatedAt: now.toISOString(), today, campaigns: [], households: [], ...lists };
  if (actor.countyCode === null) return empty;
  const county = actor.countyCode;

  const campaignRows = await db
    .selectFrom('visit_campaign')
    .select(['id', 'name', 'kind', 'status', 'deadline', 'grace_days', 'definition'])
    .where('county_code', '=', county)
    .where((eb) => eb.or([eb('status', '=', 'open'), eb.and([eb('status', '=', 'closed'), eb(sql`deadline + grace_days`, '>=', sql`${today}::date`)])]))
    .orderBy('id')
    .execute();
  const live = campaignRows.filter((c) => c.status === 'open' || addDays(c.deadline, c.grace_days) >= today);
  if (!live.length) return empty;

  const own = await db.selectFrom('region').select('level').where('id', '=', actor.regionId).executeTakeFirst();
  const inGroup = own !== undefined && GROUP_LEVELS.has(own.level);
  const targets = await db
    .selectFrom('visit_target as vt')
    .innerJoin('household as h', 'h.id', 'vt.household_id')
    .innerJoin('region as v', 'v.id', 'vt.village_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('resident as r')
          .select(['r.id as head_id', 'r.name as head_name', 'r.id_number_masked'])
          .whereRef('r.household_id', '=', 'h.id')
          .where('r.county_code', '=', county)
          .where('r.active', '=', true)
          .orderBy(sql`CASE WHEN r.relationship = '户主' THEN 0 ELSE 1 END`)
          .orderBy('r.birth_date')
          .orderBy('r.id')
          .limit(1)
          .as('head'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('resident_phone as p')
          .select('p.phone_masked')
          .whereRef('p.resident_id', '=', 'head.head_id')
          .where('p.county_code', '=', county)
          .orderBy(sql`CASE WHEN p.kind = 'mobile' THEN 0 ELSE 1 END`)
          .orderBy('p.id')
          .limit(1)
          .as('phone'),
      (join) => join.onTrue(),
    )
    .select([
      'vt.campaign_id',
      'vt.household_id',
      'vt.hardship',
      'vt.category_codes',
      'vt.cadre_id',
      'h.household_no',
      'h.address',
      'v.code as village_code',
      'v.name as village_name',
      'head.head_name',
      'head.id_number_masked',
      'phone.phone_masked',
    ])
    .where('vt.county_code', '=', county)
    .where('h.county_code', '=', county)
    .where(
      'vt.campaign_id',
      'in',
      live.map((c) => c.id),
    )
    .where((eb) => {
      const mine = eb('vt.cadre_id', '=', actor.id);
      return inGroup ? eb.or([mine, eb.and([eb('vt.cadre_id', 'is', null), inSubtree(eb.ref('v.path'), actor.regionPath)])]) : mine;
    })
    .orderBy('vt.campaign_id')
    .orderBy('v.code')
    .orderBy('h.household_no')
    .execute();

  const householdIds = [...new Set(targets.map((t) => t.household_id))];
  const campaignIds = live.map((c) => c.id);
  const [visits, deliveries] = householdIds.length
    ? await Promise.all([
        db
          .selectFrom('visit')
          .select(['campaign_id', 'household_id', 'visited_at', 'recorded_at'])
          .where('county_code', '=', county)
          .where('campaign_id', 'in', campaignIds)
          .where('household_id', 'in', householdIds)
          .where('voided_at', 'is', null)
          .execute(),
        db
          .selectFrom('aid_delivery')
          .select(['campaign_id', 'household_id', 'item_code', sql<string>`count(*)`.as('deliveries')])
          .where('county_code', '=', county)
          .where('campaign_id', 'in', campaignIds)
          .where('household_id', 'in', householdIds)
          .where('voided_at', 'is', null)
          .groupBy(['campaign_id', 'household_id', 'item_code'])
          .orderBy('item_code')
          .execute(),
      ])
    : [[], []];

  const received = new Map<string, TWorkHousehold['aidReceived']>();
  for (const d of deliveries) {
    const key = `${d.campaign_id}:${d.household_id}`;
    received.set(key, [...(received.get(key) ?? []), { itemCode: d.item_code, deliveries: Number(d.deliveries) }]);
  }
  const campaigns: TWorkCampaign[] = [];
  const households: TWorkHousehold[] = [];
  for (const c of live) {
    const mine = targets.filter((t) => t.campaign_id === c.id);
    if (!mine.length) continue;
    const definition = readJson('visit_campaign.definition', c.definition);
    campaigns.push({ id: c.id, name: c.name, kind: c.kind, status: c.status === 'open' ? 'open' : 'closed', period: definition.period, done: definition.done, graceDays: definition.graceDays, aidStandards: definition.aidStandards });
    const campaignVisits = visits.filter((v) => v.campaign_id === c.id);
    const report = computeCoverage({
      targets: mine.map((t) => ({ householdId: t.household_id, villageCode: t.village_code, hardship: t.hardship })),
      visits: campaignVisits.map((v) => ({ householdId: v.household_id, visitedAt: v.visited_at, recordedAt: v.recorded_at, voided: false })),
      rule: { startsOn: definition.period.startsOn, deadline: definition.done.deadline, minVisits: definition.done.minVisits, minVisitsHardship: definition.done.minVisitsHardship, graceDays: definition.graceDays },
      now,
    });
    const lastVisit = new Map<string, Date>();
    for (const v of campaignVisits) {
      const seen = lastVisit.get(v.household_id);
      if (v.visited_at.getTime() <= now.getTime() && (!seen || v.visited_at > seen)) lastVisit.set(v.household_id, v.visited_at);
    }
    mine.forEach((t, i) => {
      const coverage = report.households[i]!;
      households.push({
        campaignId: c.id,
        householdId: t.household_id,
        householdNo: t.household_no,
        headName: t.head_name ?? '',
        headIdMasked: t.id_number_masked ?? null,
        phoneMasked: t.phone_masked ?? null,
        address: t.address,
        villageCode: t.village_code,
        villageName: t.village_name,
        hardship: t.hardship,
        categoryCodes: t.category_codes,
        required: coverage.required,
        visitsCounted: coverage.onTime + coverage.late,
        status: coverage.status,
        lastVisitedAt: lastVisit.get(t.household_id)?.toISOString() ?? null,
        aidReceived: received.get(`${c.id}:${t.household_id}`) ?? [],
        assignedToMe: t.cadre_id === actor.id,
      });
    });
  }
  return { ...empty, campaigns, households };
}
