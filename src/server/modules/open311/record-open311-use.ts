import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import type { Open311ClientRef } from './authenticate-client.ts';

/**
 * Records one use of an API key (POST requests) with its outcome: the audit entry
 * `open311.request` (the case number when a case was filed, else the refusal's status and
 * reason) and the key's `last_used_at`, in one transaction. The case itself was written with its
 * own `case.register` entry by the intake.
 *
 * @example
 * await recordOpen311Use(ctx, { client, outcome: { caseNo: 'MQ20261206000042' } });
 */
export async function recordOpen311Use(
  ctx: WriteContext<null>,
  { client, outcome, now = new Date() }: { client: Open311ClientRef; outcome: { caseNo: string } | { refused: number; reason: string }; now?: Date },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('open311_client').set({ last_used_at: now }).where('id', '=', client.id).where('county_code', '=', client.countyCode).execute();
    const county = await trx.selectFrom('region').select(['id', 'path', 'county_code']).where('code', '=', client.countyCode).where('level', '=', 'county').executeTakeFirst();
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'open311.request',
      entityType: 'open311_client',
      entityId: client.id,
      region: county ?? null,
      after: { client: client.name, keyPrefix: client.keyPrefix, ...outcome },
    });
  });
}
