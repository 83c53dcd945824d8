import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The region a user is bound to, in the shape the audit log and scope checks need. */
export async function regionOfUser(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['r.id', 'r.path', 'r.county_code'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
}
