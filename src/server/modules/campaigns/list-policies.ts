import type { TPolicy } from '../../../shared/visits/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The policy list visits explain (政策宣传), in its configured order, inactive entries included
 * (old visits still name them).
 *
 * @example
 * const { items } = await listPolicies({ db, actor }, {});
 */
export async function listPolicies({ db }: ReadContext, _options: Record<string, never> = {}): Promise<{ items: TPolicy[] }> {
  const rows = await db.selectFrom('policy').selectAll().orderBy('sort').orderBy('code').execute();
  return { items: rows.map((p) => ({ code: p.code, name: p.name, nameEn: p.name_en, sort: p.sort, active: p.active })) };
}
