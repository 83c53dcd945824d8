import { notFound } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { reminderVisibleTo } from './reminder-scope.ts';

/**
 * Marks a reminder (督办) read, for the unit and its supervisors alike (the table keeps one read
 * time per reminder). A reminder outside the actor's scope is 404. Writes no audit entry: reading
 * a notice changes no case, and the time it was read is kept on the reminder itself.
 *
 * @example
 * await markCaseReminderRead({ db, actor }, { id: '12', now: new Date() });
 */
export async function markCaseReminderRead({ db, actor }: ReadContext, { id, now }: { id: string; now: Date }): Promise<{ ok: true }> {
  if (!actor.countyCode) throw notFound();
  const found = await db
    .selectFrom('case_reminder as m')
    .leftJoin('region as u', 'u.id', 'm.unit_region_id')
    .leftJoin('region as s', 's.id', 'm.supervisor_region_id')
    .select('m.id')
    .where('m.county_code', '=', actor.countyCode)
    .where('m.id', '=', id)
    .where(reminderVisibleTo(actor))
    .executeTakeFirst();
  if (!found) throw notFound();
  await db.updateTable('case_reminder').set({ read_at: now }).where('county_code', '=', actor.countyCode).where('id', '=', id).where('read_at', 'is', null).execute();
  return { ok: true };
}
