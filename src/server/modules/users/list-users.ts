import { sql } from 'kysely';
import { z } from 'zod';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import type { TRole } from '../../../shared/roles.ts';
import { ZId } from '../../../shared/schemas/common.ts';
import { inSubtree, scopePathOf } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { selectUsers, toUser } from './user-queries.ts';

export interface ListUsersOptions {
  cursor?: string | undefined;
  limit: number;
  regionCode?: string | undefined;
  role?: TRole | undefined;
  q?: string | undefined;
}

/**
 * Accounts bound to the actor's subtree (or a region inside it), newest first.
 *
 * @example
 * const { items, nextCursor } = await listUsers(db, actor, { limit: 50, role: 'village_cadre' });
 */
export async function listUsers({ db, actor }: ReadContext, options: ListUsersOptions) {
  const scopePath = await scopePathOf(db, actor, options.regionCode);
  // ZId, not any digits: an id past int8 would fail in SQL (a 500) instead of as a bad cursor.
  const after = decodeCursor(options.cursor, z.object({ id: ZId }));
  let query = selectUsers(db).where((eb) => inSubtree(eb.ref('r.path'), scopePath));
  if (options.role) query = query.where(sql<boolean>`${options.role} = ANY(u.roles)`);
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'ilike', pattern), eb('u.display_name', 'ilike', pattern)]));
  }
  if (after) query = query.where('u.id', '<', after.id);
  const rows = await query.orderBy('u.id', 'desc').limit(options.limit + 1).execute();
  return pageOf(rows, options.limit, toUser, (r) => ({ id: r.id }));
}
