/**
 * Reads the visits module shares between its use cases: the aid deliveries of a campaign as the
 * aid ledger (`shared/visits/aid-ledger.ts`) takes them, and accounts as the answers name them.
 * Every query names its county (ARCHITECTURE, *Distribution by county*).
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { inSubtree, isPathInSubtree } from '../../scope/index.ts';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import { iso } from '../../../shared/time.ts';
import { aidItemsByCode, type AidDelivery, type TAidItem } from '../../../shared/visits/index.ts';
import type { TAidDeliveryRow } from '../../../shared/schemas/visit-ledger.ts';

/** A campaign's aid items by code, from its stored definition. */
export async function campaignAidItems(db: Kysely<DB>, countyCode: string, campaignId: string): Promise<Map<string, TAidItem>> {
  const c = await db.selectFrom('visit_campaign').select('definition').where('county_code', '=', countyCode).where('id', '=', campaignId).executeTakeFirst();
  return c ? aidItemsByCode(readJson('visit_campaign.definition', c.definition)) : new Map();
}

/** The deliveries of a campaign (all of them, or those of some households and items), with the visit and the cadre. */
export function deliveryRows(db: Kysely<DB>, o: { countyCode: string; campaignId: string; householdIds?: readonly string[]; itemCodes?: readonly string[]; scopePath?: string }) {
  return db
    .selectFrom('aid_delivery as d')
    .innerJoin('visit as v', 'v.id', 'd.visit_id')
    .innerJoin('region as vr', 'vr.id', 'v.village_id')
    .innerJoin('app_user as u', 'u.id', 'v.recorded_by')
    .innerJoin('region as t', 't.id', 'd.township_id')
    .select([
      'd.id',
      'd.visit_id',
      'd.campaign_id',
      'd.household_id',
      'd.item_code',
      'd.amount_fen',
      'd.goods',
      'd.acknowledgement',
      'd.recorded_at',
      'd.voided_at',
      'd.void_reason',
      'v.client_id',
      'v.visited_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      't.code as township_code',
    ])
    .where('d.county_code', '=', o.countyCode)
    .where('v.county_code', '=', o.countyCode)
    .where('d.campaign_id', '=', o.campaignId)
    .$if(o.householdIds !== undefined, (q) => q.where('d.household_id', 'in', o.householdIds!.length ? [...o.householdIds!] : ['0']))
    .$if(o.scopePath !== undefined, (q) => q.where((eb) => inSubtree(eb.ref('vr.path'), o.scopePath!)))
    .$if(o.itemCodes !== undefined, (q) => q.where('d.item_code', 'in', o.itemCodes!.length ? [...o.itemCodes!] : ['']))
    .orderBy('d.id')
    .execute();
}
export type DeliveryRow = Awaited<ReturnType<typeof deliveryRows>>[number];

/** A stored delivery as the aid ledger counts it (its id is the row's id). */
export const ledgerDelivery = (r: DeliveryRow): AidDelivery => ({
  id: r.id,
  campaignId: r.campaign_id,
  householdId: r.household_id,
  townshipCode: r.township_code,
  itemCode: r.item_code,
  amountFen: Number(r.amount_fen),
  goods: readJson('aid_delivery.goods', r.goods),
  recordedAt: r.recorded_at,
  voided: r.voided_at !== null,
});

/** A stored delivery as the answers show it. */
export const deliveryAnswer = (r: DeliveryRow): TAidDeliveryRow => ({
  id: r.id,
  visitId: r.visit_id,
  clientId: r.client_id,
  itemCode: r.item_code,
  amountFen: Number(r.amount_fen),
  goods: readJson('aid_delivery.goods', r.goods),
  acknowledgement: readJson('aid_delivery.acknowledgement', r.acknowledgement),
  visitedAt: iso(r.visited_at)!,
  recordedAt: iso(r.recorded_at)!,
  recordedBy: { id: r.user_id, username: r.username, displayName: r.display_name },
  voidedAt: iso(r.voided_at),
  voidReason: r.void_reason,
});

/** An account as an answer names it; null stays null. */
export const actorRef = (id: string | null, username: string | null, displayName: string | null) =>
  id === null ? null : { id, username: username ?? '', displayName: displayName ?? '' };

/**
 * A campaign the actor may look at: organised in their area, or covering it (a county campaign
 * seen by a township admin, who then sees their own township's part). 404 otherwise.
 */
export async function findCampaignInView(db: Kysely<DB>, actor: Actor, campaignId: string) {
  const campaign = await db
    .selectFrom('visit_campaign as c')
    .innerJoin('region as r', 'r.id', 'c.region_id')
    .selectAll('c')
    .select('r.path as region_path')
    .where('c.id', '=', campaignId)
    .$if(actor.countyCode !== null, (q) => q.where('c.county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  if (!campaign || !(isPathInSubtree(campaign.region_path, actor.regionPath) || isPathInSubtree(actor.regionPath, campaign.region_path))) throw notFound();
  return campaign;
}

/** The household's head, number and village, as the lists show a household. */
export function householdHeads(db: Kysely<DB>, countyCode: string, householdIds: readonly string[]) {
  return db
    .selectFrom('household as h')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .leftJoin('resident as r', (j) => j.onRef('r.household_id', '=', 'h.id').onRef('r.county_code', '=', 'h.county_code').on('r.relationship', '=', '户主').on('r.active', '=', true))
    .select(['h.id', 'h.household_no', 'v.code as village_code', 'v.name as village_name', 'r.name as head_name'])
    .where('h.county_code', '=', countyCode)
    .where('h.id', 'in', householdIds.length ? [...householdIds] : ['0'])
    .orderBy('r.id')
    .execute()
    // One line per household (the first head, should the registry name two).
    .then((rows) => new Map(rows.reverse().map((r) => [r.id, { householdNo: r.household_no, headName: r.head_name ?? '', villageCode: r.village_code, villageName: r.village_name }])));
}
