/** Accounts and actors for fieldwork tests and the fieldwork benchmark. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../http/context.ts';
import { loadActor } from '../../auth/index.ts';

/** The actor a signed-in user would be, read from the database. */
export async function actorFor(db: Kysely<DB>, username: string): Promise<Actor> {
  const actor = await loadActor({ db, actor: null }, { username });
  if (!actor) throw new Error(`no active account ${username}`);
  return actor;
}

/**
 * `count` interviewer accounts bound to the county (no usable password: they act through use
 * cases only), returned as actors.
 */
export async function insertInterviewers(db: Kysely<DB>, count: number, o: { countyCode?: string; prefix?: string } = {}): Promise<Actor[]> {
  const countyCode = o.countyCode ?? '370921';
  const prefix = o.prefix ?? 'caller';
  const county = await db.selectFrom('region').select(['id']).where('code', '=', countyCode).executeTakeFirstOrThrow();
  const rows = Array.from({ length: count }, (_, i) => ({
    username: `${prefix}${String(i + 1).padStart(3, '0')}`,
    display_name: `访问员${i + 1}`,
    password_hash: '!',
    roles: ['interviewer'],
    region_id: county.id,
    county_code: countyCode,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('app_user').values(rows.slice(i, i + 500)).execute();
  return Promise.all(rows.map((r) => actorFor(db, r.username)));
}
