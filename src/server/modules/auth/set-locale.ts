import type { TLocale } from '../../../shared/locale.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { regionOfUser } from '../../scope/index.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * Remembers the signed-in user's interface language (server messages and exports follow it).
 *
 * @example
 * await setLocale({ db, actor, source }, { locale: 'en' });
 */
export async function setLocale(ctx: WriteContext, { locale }: { locale: TLocale }) {
  const { db, actor, source } = ctx;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ locale }).where('id', '=', actor.id).execute();
    await recordAudit({ db: trx, source }, { action: 'user.locale', entityType: 'user', entityId: actor.id, region: await regionOfUser(trx, actor.id), before: { locale: actor.locale }, after: { locale } });
  });
}
