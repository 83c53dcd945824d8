import type { TUser } from '../../../shared/schemas/users.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { toUser } from './user-queries.ts';
import { findUserInScope } from './user-rules.ts';

/**
 * One account inside the actor's subtree, or 404.
 *
 * @example
 * const user = await getUser({ db, actor }, { id: '42' });
 */
export async function getUser({ db, actor }: ReadContext, { id }: { id: string }): Promise<TUser> {
  return toUser(await findUserInScope(db, actor, id));
}
