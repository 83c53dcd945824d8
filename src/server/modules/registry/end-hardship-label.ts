import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';

export interface EndHardshipLabelOptions {
  householdId: string;
  labelId: string;
  validTo: string;
  /** Appended to the label's note. */
  note?: string | undefined;
}

/**
 * Ends a hardship label on a date (e.g. the family left the dibao list); the label stays as history.
 *
 * @example
 * await endHardshipLabel({ db, actor, source }, { householdId: '42', labelId: '7', validTo: '2026-06-30', note: '退出低保' });
 */
export async function endHardshipLabel({ db, actor, source }: WriteContext, input: EndHardshipLabelOptions) {
  const household = await findHouseholdInScope(db, actor, input.householdId);
  const label = await db.selectFrom('household_hardship').selectAll().where('county_code', '=', household.county_code).where('id', '=', input.labelId).where('household_id', '=', household.id).executeTakeFirst();
  if (!label) throw notFound();
  if (label.valid_to) throw new AppError(422, 'hardship_label_ended');
  // Ending on the start date withdraws a label added by mistake.
  if (input.validTo < label.valid_from) throw new AppError(422, 'invalid_date');
  // Inside a caller's transaction (approving a visit's proposal) the label is written in it, so
  // the label and the caller's own change commit or fail together.
  const inTransaction = <T>(work: (trx: typeof db) => Promise<T>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  return inTransaction(async (trx) => {
    const ended = await trx
      .updateTable('household_hardship')
      .set({ valid_to: input.validTo, ...(input.note ? { note: label.note ? `${label.note}\n${input.note}` : input.note } : {}) })
      .where('county_code', '=', label.county_code)
      .where('id', '=', label.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, {
      action: 'household.hardship_ended',
      entityType: 'household',
      entityId: household.id,
      region: household.region,
      before: { labelId: label.id, categoryCode: label.category_code, validTo: null },
      after: { labelId: label.id, categoryCode: label.category_code, validTo: input.validTo },
    });
    return ended;
  });
}
