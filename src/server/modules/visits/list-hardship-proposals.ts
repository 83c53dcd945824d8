import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { iso } from '../../../shared/time.ts';
import type { THardshipProposalRow } from '../../../shared/schemas/visit-ledger.ts';
import { actorRef } from './ledger-queries.ts';

/** Most proposals one answer lists, oldest first. */
export const PROPOSAL_LIMIT = 500;

/** Proposals in the actor's area, as the list and the decision answer them. */
export async function proposalRows(db: Kysely<DB>, actor: Actor, o: { status?: 'pending' | 'approved' | 'rejected'; id?: string }): Promise<THardshipProposalRow[]> {
  const rows = await db
    .selectFrom('hardship_proposal as p')
    .innerJoin('visit as v', 'v.id', 'p.visit_id')
    .innerJoin('household as h', 'h.id', 'p.household_id')
    .innerJoin('region as vr', 'vr.id', 'p.village_id')
    .innerJoin('hardship_category as hc', 'hc.code', 'p.category_code')
    .innerJoin('app_user as u', 'u.id', 'v.recorded_by')
    .leftJoin('app_user as d', 'd.id', 'p.decided_by')
    .leftJoin('resident as r', (j) => j.onRef('r.household_id', '=', 'h.id').onRef('r.county_code', '=', 'h.county_code').on('r.relationship', '=', '户主').on('r.active', '=', true))
    .select([
      'p.id',
      'p.visit_id',
      'p.household_id',
      'p.action',
      'p.category_code',
      'p.reason',
      'p.status',
      'p.decided_at',
      'p.decision_note',
      'h.household_no',
      'vr.name as village_name',
      'hc.name as category_name',
      'v.recorded_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'd.id as decider_id',
      'd.username as decider_username',
      'd.display_name as decider_display_name',
      'r.name as head_name',
    ])
    .$if(actor.countyCode !== null, (q) => q.where('p.county_code', '=', actor.countyCode!).where('v.county_code', '=', actor.countyCode!).where('h.county_code', '=', actor.countyCode!))
    .where((eb) => inSubtree(eb.ref('vr.path'), actor.regionPath))
    .$if(o.status !== undefined, (q) => q.where('p.status', '=', o.status!))
    .$if(o.id !== undefined, (q) => q.where('p.id', '=', o.id!))
    .orderBy('p.id')
    .limit(PROPOSAL_LIMIT)
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({
      id: r.id,
      visitId: r.visit_id,
      householdId: r.household_id,
      householdNo: r.household_no,
      headName: r.head_name ?? '',
      villageName: r.village_name,
      action: r.action,
      categoryCode: r.category_code,
      categoryName: r.category_name,
      reason: r.reason,
      proposedBy: actorRef(r.user_id, r.username, r.display_name)!,
      proposedAt: iso(r.recorded_at)!,
      status: r.status,
      decidedAt: iso(r.decided_at),
      decidedBy: actorRef(r.decider_id, r.decider_username, r.decider_display_name),
      decisionNote: r.decision_note,
    }));
}

/**
 * Proposed changes to households' hardship labels from visits (困难类别变更审批), within the
 * actor's area, by status (pending by default), oldest first.
 *
 * @example
 * const { items } = await listHardshipProposals({ db, actor }, { status: 'pending' });
 */
export async function listHardshipProposals({ db, actor }: ReadContext, { status }: { status: 'pending' | 'approved' | 'rejected' }) {
  return { items: await proposalRows(db, actor, { status }) };
}
