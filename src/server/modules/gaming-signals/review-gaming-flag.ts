import { sql } from 'kysely';
import type { TGamingFlag } from '../../../shared/assessment/gaming-schemas.ts';
import { notFound } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { countyOfActor, flagQuery, toFlag } from './list-gaming-flags.ts';

/**
 * The county's review of one sign of gaming: dismissed (排除) or confirmed (属实), with a note. A
 * second review replaces the first; both are in the audit log with before and after. A review
 * concludes nothing by itself: no figure is changed and no one is penalised here. 404 for a flag
 * of another county, as for one that does not exist.
 *
 * @example
 * await reviewGamingFlag({ db, actor, source }, { id: '12', status: 'dismissed', note: '该镇本季度集中整治了环境，回访核实属实' });
 */
export async function reviewGamingFlag({ db, actor, source }: WriteContext, options: { id: string; status: 'dismissed' | 'confirmed'; note: string }): Promise<TGamingFlag> {
  const county = await countyOfActor(db, actor);
  if (!county) throw notFound();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('gaming_flag').select(['id', 'status', 'review_note', 'wave_id', 'signal']).where('id', '=', options.id).where('county_code', '=', county.code).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    await trx.updateTable('gaming_flag').set({ status: options.status, review_note: options.note, reviewed_by: actor.id, reviewed_at: sql`now()` }).where('id', '=', before.id).execute();
    const row = await flagQuery(trx).where('f.id', '=', before.id).executeTakeFirstOrThrow();
    await recordAudit(
      { db: trx, source },
      {
        action: 'gaming.review',
        entityType: 'gaming_flag',
        entityId: before.id,
        region: { id: county.id, path: county.path, county_code: county.code },
        before: { status: before.status, note: before.review_note },
        after: { waveId: before.wave_id, township: row.code, signal: before.signal, status: options.status, note: options.note },
      },
    );
    return toFlag(row);
  });
}
