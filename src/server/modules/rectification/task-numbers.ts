import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { localDate } from '../../../shared/time.ts';

/**
 * Locks the county's task numbering for the caller's transaction and gives the next number
 * (整改编号 ZG2026-0001, by the Shanghai year), calling `next()` once per new task.
 *
 * @example
 * const next = await lockTaskNumbers(trx, { countyCode, now }); next(); // 'ZG2026-0007'
 */
export async function lockTaskNumbers(trx: Kysely<DB>, { countyCode, now }: { countyCode: string; now: Date }): Promise<() => string> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`rectification_task_no:${countyCode}`}))`.execute(trx);
  const year = localDate(now).slice(0, 4);
  const prefix = `ZG${year}-`;
  const last = await trx.selectFrom('rectification_task').select('task_no').where('county_code', '=', countyCode).where('task_no', 'like', `${prefix}%`).orderBy('task_no', 'desc').limit(1).executeTakeFirst();
  let n = last ? Number(last.task_no.slice(prefix.length)) : 0;
  return () => `${prefix}${String(++n).padStart(4, '0')}`;
}
