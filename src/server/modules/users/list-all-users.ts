import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { selectUsers, toUser } from './user-queries.ts';

/**
 * Every account, by username, or those bound to a region and below; null when no region has
 * that code. For the command line (`lianxin user list`), which acts for the whole deployment.
 *
 * @example
 * const users = await listAllUsers({ db, actor: null }, { regionCode: '370921104' });
 */
export async function listAllUsers({ db }: ReadContext<null>, options: { regionCode?: string | undefined }) {
  let query = selectUsers(db);
  if (options.regionCode) {
    const region = await db.selectFrom('region').select('path').where('code', '=', options.regionCode).executeTakeFirst();
    if (!region) return null;
    const { path } = region;
    query = query.where((eb) => inSubtree(eb.ref('r.path'), path));
  }
  return (await query.orderBy('u.username').execute()).map(toUser);
}
