import { AppError, notFound } from '../../http/errors.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { addHardshipLabel, endHardshipLabel } from '../registry/index.ts';
import { localDate } from '../../../shared/time.ts';
import type { THardshipProposalRow } from '../../../shared/schemas/visit-ledger.ts';
import { proposalRows } from './list-hardship-proposals.ts';

export interface DecideHardshipProposalOptions {
  proposalId: string;
  decision: 'approve' | 'reject';
  /** Optional when approving, required (by the route) when rejecting. */
  note: string;
  now?: Date;
}

/**
 * Approves or rejects a hardship change a visit proposed (困难类别变更审批). Approving writes the
 * registry through its own use cases (`addHardshipLabel` from today, or `endHardshipLabel` of the
 * label in force, today), inside this transaction, so the label and the decision stand or fall
 * together; the registry's refusals (label already in force: 409) come through unchanged.
 * Audited.
 *
 * @example
 * const decided = await decideHardshipProposal({ db, actor, source }, { proposalId: '5', decision: 'approve', note: '经核实符合特困条件' });
 * decided.status; // 'approved'
 */
export async function decideHardshipProposal(ctx: WriteContext, { proposalId, decision, note, now = new Date() }: DecideHardshipProposalOptions): Promise<THardshipProposalRow> {
  const { db, actor } = ctx;
  const found = await db
    .selectFrom('hardship_proposal')
    .select(['id', 'household_id', 'county_code'])
    .where('id', '=', proposalId)
    .$if(actor.countyCode !== null, (q) => q.where('county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  if (!found) throw notFound();
  await findHouseholdInScope(db, actor, found.household_id);
  await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('hardship_proposal').selectAll().where('county_code', '=', found.county_code).where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow();
    if (p.status !== 'pending') throw new AppError(409, 'proposal_decided');
    const household = await findHouseholdInScope(trx, actor, p.household_id);
    const today = localDate(now);
    let labelId: string | null = null;
    if (decision === 'approve') {
      const inner = { db: trx, actor, source: ctx.source };
      if (p.action === 'add') {
        const label = await addHardshipLabel(inner, { householdId: p.household_id, categoryCode: p.category_code, validFrom: today, source: `走访发现（走访记录 ${p.visit_id}）`, note: p.reason });
        labelId = label.id;
      } else {
        // The household's own label first, then a member's.
        const open = await trx
          .selectFrom('household_hardship')
          .select(['id', 'resident_id'])
          .where('county_code', '=', p.county_code)
          .where('household_id', '=', p.household_id)
          .where('category_code', '=', p.category_code)
          .where('valid_to', 'is', null)
          .orderBy('resident_id', 'desc')
          .orderBy('id')
          .execute();
        const label = open.find((l) => l.resident_id === null) ?? open[0];
        if (!label) throw new AppError(422, 'hardship_label_ended', { issues: [{ path: 'categoryCode', message: 'no label of this category is in force' }] });
        await endHardshipLabel(inner, { householdId: p.household_id, labelId: label.id, validTo: today, note: `走访记录 ${p.visit_id}：${p.reason}` });
        labelId = label.id;
      }
    }
    await trx
      .updateTable('hardship_proposal')
      .set({ status: decision === 'approve' ? 'approved' : 'rejected', decided_by: actor.id, decided_at: now, decision_note: note })
      .where('county_code', '=', p.county_code)
      .where('id', '=', p.id)
      .execute();
    await recordAudit({ db: trx, source: ctx.source }, {
      action: decision === 'approve' ? 'hardship_proposal.approve' : 'hardship_proposal.reject',
      entityType: 'hardship_proposal',
      entityId: p.id,
      region: household.region,
      before: { status: 'pending' },
      after: { householdId: p.household_id, action: p.action, categoryCode: p.category_code, note, labelId },
    });
  });
  const [row] = await proposalRows(db, actor, { id: found.id });
  return row!;
}
