import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * Revokes a client system's key: from now on its requests are refused with 403. Its cases stay.
 * A client of another county is 404; revoking twice is harmless (nothing is written again).
 *
 * @example
 * await revokeOpen311Client(ctx, { id: '3' });
 */
export async function revokeOpen311Client(ctx: WriteContext, { id, now = new Date() }: { id: string; now?: Date }): Promise<void> {
  const { db, actor } = ctx;
  const countyCode = actor.countyCode;
  if (countyCode === null) throw new AppError(404, 'not_found');
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('open311_client').select(['id', 'name', 'active', 'key_prefix']).where('id', '=', id).where('county_code', '=', countyCode).forUpdate().executeTakeFirst();
    if (!row) throw new AppError(404, 'not_found');
    if (!row.active) return;
    await trx.updateTable('open311_client').set({ active: false, revoked_at: now }).where('id', '=', id).where('county_code', '=', countyCode).execute();
    const county = await trx.selectFrom('region').select(['id', 'path', 'county_code']).where('code', '=', countyCode).where('level', '=', 'county').executeTakeFirst();
    await recordAudit({ db: trx, source: ctx.source }, { action: 'open311_client.revoke', entityType: 'open311_client', entityId: id, region: county ?? null, before: { active: true }, after: { active: false, name: row.name, keyPrefix: row.key_prefix } });
  });
}
