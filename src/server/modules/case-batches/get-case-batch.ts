import type { TCaseBatchDetail } from '../../../shared/cases/case-batch-schemas.ts';
import { notFound } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { batchDetail } from './case-batch-view.ts';

/**
 * One 12345 batch of the actor's county with its per-row report; 404 otherwise.
 *
 * @example
 * const batch = await getCaseBatch({ db, actor }, { id: '4' });
 * batch.report.filter((r) => r.outcome === 'refused');
 */
export async function getCaseBatch({ db, actor }: ReadContext, { id }: { id: string }): Promise<TCaseBatchDetail> {
  const county = await actorCounty(db, actor);
  const detail = await batchDetail(db, { countyCode: county.code, id });
  if (!detail) throw notFound();
  return detail;
}
