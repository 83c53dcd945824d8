import type { TCaseBatch } from '../../../shared/cases/case-batch-schemas.ts';
import { actorCounty } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { batchList } from './case-batch-view.ts';

/**
 * The county's 12345 batches, newest first (default 50).
 *
 * @example
 * const { items } = await listCaseBatches({ db, actor }, { limit: 20 });
 */
export async function listCaseBatches({ db, actor }: ReadContext, { limit }: { limit?: number | undefined }): Promise<{ items: TCaseBatch[] }> {
  const county = await actorCounty(db, actor);
  return { items: await batchList(db, { countyCode: county.code, limit: limit ?? 50 }) };
}
