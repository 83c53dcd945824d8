import type { TOpen311Client } from '../../../shared/schemas/open311.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The county's Open311 client systems, newest first, with how many cases each filed. Keys are
 * shown only by their first characters.
 *
 * @example
 * const clients = await listOpen311Clients({ db, actor });
 */
export async function listOpen311Clients({ db, actor }: ReadContext): Promise<TOpen311Client[]> {
  const countyCode = actor.countyCode;
  if (countyCode === null) return [];
  const rows = await db
    .selectFrom('open311_client as o')
    .leftJoin('app_user as u', 'u.id', 'o.created_by')
    .select((eb) => [
      'o.id',
      'o.name',
      'o.key_prefix',
      'o.active',
      'o.created_at',
      'o.revoked_at',
      'o.last_used_at',
      'u.username',
      eb
        .selectFrom('resident_case as c')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('c.open311_client_id', '=', 'o.id')
        .where('c.county_code', '=', countyCode)
        .as('requests'),
    ])
    .where('o.county_code', '=', countyCode)
    .orderBy('o.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    keyPrefix: r.key_prefix,
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.username,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
    requests: Number(r.requests ?? 0),
  }));
}
