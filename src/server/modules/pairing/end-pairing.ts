import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { assertPairingDate } from './pairing-rules.ts';

/** An active pairing the actor may change, with its household. */
export async function findPairingToChange(db: Kysely<DB>, actor: Actor, pairingId: string) {
  const pairing = await db
    .selectFrom('pairing as p')
    .innerJoin('app_user as u', 'u.id', 'p.cadre_id')
    .selectAll('p')
    .select('u.username')
    .where('p.id', '=', pairingId)
    .executeTakeFirst();
  if (!pairing) throw notFound();
  const household = await findHouseholdInScope(db, actor, pairing.household_id);
  if (pairing.ended_on) throw new AppError(422, 'pairing_ended');
  return { pairing, household };
}

/** Ends a pairing inside the caller's transaction (`ctx.db`); used by ending and by transferring. */
export async function closePairing(
  { db: trx, source }: WriteContext & { db: Transaction<DB> },
  { found, ...input }: { found: Awaited<ReturnType<typeof findPairingToChange>>; on: string; reason: string },
) {
  await trx.updateTable('pairing').set({ ended_on: input.on, end_reason: input.reason }).where('id', '=', found.pairing.id).execute();
  await recordAudit({ db: trx, source }, {
    action: 'household.pairing_ended',
    entityType: 'household',
    entityId: found.household.id,
    region: found.household.region,
    before: { pairingId: found.pairing.id, cadre: found.pairing.username, role: found.pairing.role, endedOn: null },
    after: { pairingId: found.pairing.id, endedOn: input.on, reason: input.reason },
  });
}

export interface EndPairingOptions {
  pairingId: string;
  on: string;
  reason: string;
}

/**
 * Ends a pairing with a reason (e.g. the family no longer needs help); it stays in the history.
 *
 * @example
 * await endPairing({ db, actor, source }, { pairingId, on: '2026-11-29', reason: '已稳定脱贫' });
 */
export async function endPairing(ctx: WriteContext, { pairingId, on, reason }: EndPairingOptions) {
  const found = await findPairingToChange(ctx.db, ctx.actor, pairingId);
  assertPairingDate(on, found.pairing.started_on);
  await ctx.db.transaction().execute((trx) => closePairing({ ...ctx, db: trx }, { found, on, reason }));
}
