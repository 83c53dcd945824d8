import { AppError, notFound } from '../../http/errors.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { iso } from '../../../shared/time.ts';
import { findAidConflicts } from '../../../shared/visits/index.ts';
import { campaignAidItems, deliveryRows, ledgerDelivery } from './ledger-queries.ts';

export interface VoidAidDeliveryOptions {
  deliveryId: string;
  /** Why (作废原因): kept on the row and in the audit entry. */
  reason: string;
  now?: Date;
}

/**
 * Voids one aid delivery with a reason (作废): the row stays, counts for nothing, and its conflict
 * group falls back under the standard. Voiding a delivery that is in no conflict is allowed too
 * (a delivery recorded by mistake), with the same reason. Audited.
 *
 * @example
 * const voided = await voidAidDelivery({ db, actor, source }, { deliveryId: '31', reason: '与另一台手机重复登记，实际只发放一次' });
 * voided.conflictResolved; // true
 */
export async function voidAidDelivery(ctx: WriteContext, { deliveryId, reason, now = new Date() }: VoidAidDeliveryOptions) {
  const { db, actor } = ctx;
  const delivery = await db
    .selectFrom('aid_delivery')
    .selectAll()
    .where('id', '=', deliveryId)
    .$if(actor.countyCode !== null, (q) => q.where('county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  if (!delivery) throw notFound();
  const household = await findHouseholdInScope(db, actor, delivery.household_id);
  if (delivery.voided_at !== null) throw new AppError(409, 'aid_delivery_voided');
  const items = await campaignAidItems(db, delivery.county_code, delivery.campaign_id);
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('aid_delivery')
      .set({ voided_at: now, voided_by: actor.id, void_reason: reason })
      .where('county_code', '=', delivery.county_code)
      .where('id', '=', delivery.id)
      // Two admins voiding at once: the second finds it voided.
      .where('voided_at', 'is', null)
      .returning(['voided_at'])
      .executeTakeFirst();
    if (!updated) throw new AppError(409, 'aid_delivery_voided');
    const rows = await deliveryRows(trx, { countyCode: delivery.county_code, campaignId: delivery.campaign_id, householdIds: [delivery.household_id], itemCodes: [delivery.item_code] });
    const conflictResolved = findAidConflicts(rows.map(ledgerDelivery), items).length === 0;
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'aid_delivery.void',
      entityType: 'aid_delivery',
      entityId: delivery.id,
      region: household.region,
      before: { voided: false },
      after: { visitId: delivery.visit_id, campaignId: delivery.campaign_id, householdId: delivery.household_id, itemCode: delivery.item_code, amountFen: Number(delivery.amount_fen), reason, conflictResolved },
    });
    return { id: delivery.id, voidedAt: iso(updated.voided_at)!, voidReason: reason, conflictResolved };
  });
}
