import { AppError, conflict } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';

export interface AddHardshipLabelOptions {
  householdId: string;
  categoryCode: string;
  residentId?: string | undefined;
  validFrom: string;
  /** Where the label comes from (a roster, a decision): shown with it, not the audit source. */
  source: string;
  note: string;
}

/**
 * Labels a household (or one of its members) with a hardship category from a date.
 *
 * @example
 * await addHardshipLabel({ db, actor, source }, { householdId: '42', categoryCode: 'dibao', validFrom: '2026-01-01', source: '民政局低保名册', note: '' });
 */
export async function addHardshipLabel({ db, actor, source }: WriteContext, input: AddHardshipLabelOptions) {
  const household = await findHouseholdInScope(db, actor, input.householdId);
  const category = await db.selectFrom('hardship_category').select('code').where('code', '=', input.categoryCode).where('active', '=', true).executeTakeFirst();
  if (!category) throw new AppError(422, 'hardship_category_unknown');
  if (input.residentId) {
    const member = await db.selectFrom('resident').select('id').where('county_code', '=', household.county_code).where('id', '=', input.residentId).where('household_id', '=', household.id).executeTakeFirst();
    if (!member) throw new AppError(422, 'resident_not_in_household');
  }
  // Inside a caller's transaction (approving a visit's proposal) the label is written in it, so
  // the label and the caller's own change commit or fail together.
  const inTransaction = <T>(work: (trx: typeof db) => Promise<T>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  return inTransaction(async (trx) => {
    let open = trx
      .selectFrom('household_hardship')
      .select('id')
      .where('county_code', '=', household.county_code)
      .where('household_id', '=', household.id)
      .where('category_code', '=', input.categoryCode)
      .where('valid_to', 'is', null);
    open = input.residentId ? open.where('resident_id', '=', input.residentId) : open.where('resident_id', 'is', null);
    if (await open.executeTakeFirst()) throw conflict('hardship_label_exists');
    const label = await trx
      .insertInto('household_hardship')
      .values({
        county_code: household.county_code,
        household_id: household.id,
        resident_id: input.residentId ?? null,
        category_code: input.categoryCode,
        valid_from: input.validFrom,
        source: input.source,
        note: input.note,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, {
      action: 'household.hardship_added',
      entityType: 'household',
      entityId: household.id,
      region: household.region,
      after: { labelId: label.id, categoryCode: label.category_code, residentId: label.resident_id, validFrom: label.valid_from, source: label.source },
    });
    return label;
  });
}
