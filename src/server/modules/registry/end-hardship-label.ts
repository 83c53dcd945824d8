import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import { findHouseholdInScope } from '../../scope/index.ts';

/** Ends a hardship label on a date (e.g. the family left the dibao list); the label stays as history. */
export async function endHardshipLabel(
  db: Kysely<DB>,
  actor: Actor,
  householdId: string,
  labelId: string,
  input: { validTo: string; note?: string | undefined },
  source: AuditSource,
) {
  const household = await findHouseholdInScope(db, actor, householdId);
  const label = await db.selectFrom('household_hardship').selectAll().where('county_code', '=', household.county_code).where('id', '=', labelId).where('household_id', '=', household.id).executeTakeFirst();
  if (!label) throw notFound();
  if (label.valid_to) throw new AppError(422, 'hardship_label_ended');
  // Ending on the start date withdraws a label added by mistake.
  if (input.validTo < label.valid_from) throw new AppError(422, 'invalid_date');
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('household_hardship')
      .set({ valid_to: input.validTo, ...(input.note ? { note: label.note ? `${label.note}\n${input.note}` : input.note } : {}) })
      .where('county_code', '=', label.county_code)
      .where('id', '=', label.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, source, {
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
