/**
 * The campaigns module's shared rules: which campaigns an actor sees and which they manage, the
 * state checks (a closed campaign is read-only), and the check of a draft against the registry
 * (regions in scope, known categories, budgets of covered townships).
 */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { CAMPAIGN_MANAGE_ROLES, CADRE_ROLES, type TRole } from '../../../shared/roles.ts';
import type { TCampaignDraft } from '../../../shared/visits/index.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { findRegionInScope, inSubtree, isInScope, isPathInSubtree } from '../../scope/index.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** A campaign row with its organiser's region (county or township). */
export interface CampaignRow {
  id: string;
  county_code: string;
  region_id: string;
  kind: 'all_households' | 'hardship' | 'custom';
  name: string;
  status: 'draft' | 'open' | 'closed';
  starts_on: string;
  ends_on: string;
  deadline: string;
  grace_days: number;
  definition: unknown;
  target_filter: unknown;
  created_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
  organiser: { id: string; code: string; name: string; path: string; county_code: string | null };
  regions: { id: string; code: string; name: string; level: string; path: string }[];
}

/**
 * The campaign row and its regions, optionally locked for the transaction's change
 * (`FOR UPDATE`: an open and a close of the same campaign do not pass each other).
 */
async function loadCampaign(db: Executor, id: string, lock: boolean): Promise<CampaignRow | undefined> {
  const row = await db
    .selectFrom('visit_campaign as c')
    .innerJoin('region as o', 'o.id', 'c.region_id')
    .select([
      'c.id',
      'c.county_code',
      'c.region_id',
      'c.kind',
      'c.name',
      'c.status',
      'c.starts_on',
      'c.ends_on',
      'c.deadline',
      'c.grace_days',
      'c.definition',
      'c.target_filter',
      'c.created_at',
      'c.opened_at',
      'c.closed_at',
      'o.code as o_code',
      'o.name as o_name',
      'o.path as o_path',
      'o.county_code as o_county_code',
    ])
    .where('c.id', '=', id)
    .$if(lock, (q) => q.forUpdate('c'))
    .executeTakeFirst();
  if (!row) return undefined;
  const regions = await db
    .selectFrom('visit_campaign_region as cr')
    .innerJoin('region as r', 'r.id', 'cr.region_id')
    .select(['r.id', 'r.code', 'r.name', 'r.level', 'r.path'])
    .where('cr.campaign_id', '=', id)
    .orderBy('r.code')
    .execute();
  const { o_code, o_name, o_path, o_county_code, ...campaign } = row;
  return { ...campaign, organiser: { id: row.region_id, code: o_code, name: o_name, path: o_path, county_code: o_county_code }, regions };
}

/**
 * Whether the actor sees a campaign: it was organised inside their subtree, or it covers some of
 * their subtree (a township admin sees the county's campaign that visits their villages).
 */
export function canSeeCampaign(actor: Actor, campaign: Pick<CampaignRow, 'organiser' | 'regions'>): boolean {
  if (isInScope(actor, campaign.organiser.path)) return true;
  return campaign.regions.some((r) => isInScope(actor, r.path) || isPathInSubtree(actor.regionPath, r.path));
}

/** Whether the actor may change the campaign itself (edit, open, close): a manager whose subtree holds its organiser's region. */
export function canManageCampaign(actor: Actor, campaign: Pick<CampaignRow, 'organiser'>): boolean {
  return actor.roles.some((r) => CAMPAIGN_MANAGE_ROLES.includes(r)) && isInScope(actor, campaign.organiser.path);
}

/**
 * The campaign if the actor sees it, else 404 (existence does not leak).
 *
 * @example
 * const campaign = await findCampaignVisible(db, actor, '3');
 * const locked = await findCampaignVisible(trx, actor, { id: '3', lock: true }); // FOR UPDATE, inside a transaction
 */
export async function findCampaignVisible(db: Executor, actor: Actor, target: string | { id: string; lock: boolean }): Promise<CampaignRow> {
  const { id, lock } = typeof target === 'string' ? { id: target, lock: false } : target;
  const campaign = await loadCampaign(db, id, lock);
  if (!campaign || !canSeeCampaign(actor, campaign)) throw notFound();
  return campaign;
}

/**
 * The campaign if the actor may change it: 404 when they do not see it, 403
 * `campaign_not_organiser` when it was organised above them. Locks the row (call inside a
 * transaction).
 */
export async function findCampaignToManage(trx: Transaction<DB>, actor: Actor, id: string): Promise<CampaignRow> {
  const campaign = await findCampaignVisible(trx, actor, { id, lock: true });
  if (!canManageCampaign(actor, campaign)) throw forbidden('campaign_not_organiser');
  return campaign;
}

/** 409 unless the campaign is a draft (a closed one says so: it is read-only). */
export function assertDraft(campaign: Pick<CampaignRow, 'status'>) {
  if (campaign.status === 'closed') throw conflict('campaign_closed');
  if (campaign.status !== 'draft') throw conflict('campaign_not_draft');
}

/** 409 unless the campaign is open. */
export function assertOpen(campaign: Pick<CampaignRow, 'status'>) {
  if (campaign.status === 'closed') throw conflict('campaign_closed');
  if (campaign.status !== 'open') throw conflict('campaign_not_open');
}

/** The regions of a checked draft, and the county it runs in. */
export interface CheckedDraft {
  regions: { id: string; code: string; level: string; path: string; parent_id: string | null }[];
}

/**
 * Checks a draft against the registry: its regions are open townships or villages inside the
 * actor's subtree (404 outside it, 422 `campaign_region_invalid` for another level, a closed one
 * or an overlap), its categories exist (422 `campaign_category_unknown`), its budgets name
 * covered townships (422 `campaign_budget_invalid`) and a custom filter's villages lie inside its
 * regions (422 `campaign_filter_invalid`).
 */
export async function checkDraft(db: Executor, actor: Actor, draft: TCampaignDraft): Promise<CheckedDraft> {
  const regions = [];
  for (const code of draft.regionCodes) {
    const region = await findRegionInScope(db as Kysely<DB>, actor, code);
    if ((region.level !== 'township' && region.level !== 'village') || region.closed_on !== null) throw unprocessable('campaign_region_invalid');
    regions.push(region);
  }
  for (const a of regions) {
    if (regions.some((b) => b !== a && isPathInSubtree(a.path, b.path))) throw unprocessable('campaign_region_invalid');
  }
  const categories = new Set([...draft.definition.aidStandards.map((s) => s.categoryCode), ...(draft.targetFilter?.categoryCodes ?? [])]);
  if (categories.size) {
    const known = await db.selectFrom('hardship_category').select('code').where('code', 'in', [...categories]).execute();
    if (known.length !== categories.size) throw unprocessable('campaign_category_unknown');
  }
  // A budget is a covered township's: one listed itself, or the township of a listed village.
  const covered = new Set(regions.filter((r) => r.level === 'township').map((r) => r.id));
  const villageParents = regions.filter((r) => r.level === 'village').map((r) => r.parent_id!);
  const townshipCodes = new Set<string>();
  if (covered.size || villageParents.length) {
    const rows = await db
      .selectFrom('region')
      .select('code')
      .where('id', 'in', [...covered, ...villageParents])
      .execute();
    for (const r of rows) townshipCodes.add(r.code);
  }
  if (draft.definition.budgets.some((b) => !townshipCodes.has(b.townshipCode))) throw unprocessable('campaign_budget_invalid');
  for (const code of draft.targetFilter?.villageCodes ?? []) {
    const village = await db.selectFrom('region').select(['path', 'level']).where('code', '=', code).executeTakeFirst();
    if (!village || village.level !== 'village' || !regions.some((r) => isPathInSubtree(village.path, r.path))) throw unprocessable('campaign_filter_invalid');
  }
  return { regions };
}

/**
 * An account that may be given a village's targets: active, with a cadre role, bound to a region
 * that contains the village (the village itself, its township or the county). 422
 * `visit_cadre_not_eligible` otherwise.
 */
export async function findVillageCadre(db: Executor, village: { path: string }, cadreId: string) {
  const cadre = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.active', 'r.path'])
    .where('u.id', '=', cadreId)
    .executeTakeFirst();
  const eligible = cadre && cadre.active && isPathInSubtree(village.path, cadre.path) && cadre.roles.some((r) => CADRE_ROLES.includes(r as TRole));
  if (!eligible) throw new AppError(422, 'visit_cadre_not_eligible');
  return cadre;
}

/** SQL: the village at `villagePath` lies inside the region `r` (for "accounts whose region contains the village"). */
export const containsPath = (villagePath: string) => inSubtree(sql<string>`${villagePath}::text`, sql.ref<string>('r.path'));
