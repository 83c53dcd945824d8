import { sql } from 'kysely';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findRegionInScope, findRegionToChange } from '../../scope/index.ts';
import { isOpenOn } from './is-open-on.ts';
import type { WriteContext } from '../../use-case-context.ts';

/**
 * Closes a region on a date; with a successor, it is merged (撤并) into it. The region and
 * its records stay: lists show it as closed, history queries still find it.
 *
 * @example
 * await closeRegion({ db, actor, source }, { code: '370921104203', closedOn: '2026-06-01', successorCode: '370921104990', reason: '撤并' });
 */
export async function closeRegion({ db, actor, source }: WriteContext, { code, ...input }: { code: string } & { closedOn: string; successorCode?: string | undefined; reason?: string | undefined }) {
  const region = await findRegionToChange(db, actor, code);
  if (region.closed_on) throw new AppError(422, 'region_closed');
  if (input.closedOn <= region.opened_on) throw new AppError(422, 'region_invalid_date');
  const successor = input.successorCode ? await findRegionInScope(db, actor, input.successorCode) : null;
  if (successor && (successor.id === region.id || successor.level !== region.level || !isOpenOn(successor, input.closedOn))) {
    throw new AppError(422, 'region_invalid_successor');
  }
  return db.transaction().execute(async (trx) => {
    const openChildren = await trx
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('parent_id', '=', region.id)
      .where(sql<boolean>`(closed_on IS NULL OR closed_on > ${input.closedOn}::date)`)
      .executeTakeFirstOrThrow();
    if (Number(openChildren.n) > 0) throw new AppError(422, 'region_has_open_children');
    const closed = await trx
      .updateTable('region')
      .set({ closed_on: input.closedOn, successor_id: successor?.id ?? null })
      .where('id', '=', region.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const details = { successorCode: successor?.code ?? null, successorName: successor?.name ?? null, reason: input.reason ?? null };
    await trx
      .insertInto('region_event')
      .values({ region_id: region.id, county_code: region.county_code, kind: successor ? 'merge' : 'close', effective_on: input.closedOn, details: JSON.stringify(details), actor_id: actor.id })
      .execute();
    await recordAudit({ db: trx, source }, { action: successor ? 'region.merge' : 'region.close', entityType: 'region', entityId: region.code, region, before: { closedOn: null }, after: { closedOn: input.closedOn, ...details } });
    return closed;
  });
}
