import type { TMe } from '../../../shared/schemas/auth.ts';
import type { SessionInfo } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The signed-in user as the web app needs it: identity, roles, region, CSRF token.
 *
 * @example
 * const me = await getMe({ db, actor }, { session: req.session! });
 */
export async function getMe(ctx: ReadContext, { session }: { session: SessionInfo }): Promise<TMe> {
  const { db, actor } = ctx;
  const region = await db
    .selectFrom('region')
    .select(['id', 'code', 'name', 'name_en', 'level'])
    .where('id', '=', actor.regionId)
    .executeTakeFirstOrThrow();
  const department = actor.departmentId
    ? await db.selectFrom('department').select(['id', 'code', 'name', 'name_en']).where('id', '=', actor.departmentId).executeTakeFirst()
    : undefined;
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    locale: actor.locale,
    region: { id: region.id, code: region.code, name: region.name, nameEn: region.name_en, level: region.level },
    department: department ? { id: department.id, code: department.code, name: department.name, nameEn: department.name_en } : null,
    csrfToken: session.csrfToken,
    sessionExpiresAt: session.expiresAt.toISOString(),
  };
}
