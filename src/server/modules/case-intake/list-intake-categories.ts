import type { TIntakeCategory } from '../../../shared/cases/case-channel-schemas.ts';
import type { SURVEY_DOMAINS } from '../../../shared/schemas/survey.ts';
import { forbidden } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The active case categories of the actor's county, in the tree's order, for the pickers of the
 * intake channels (a visit's problem, survey referrals).
 *
 * @example
 * const { items } = await listIntakeCategories({ db, actor }, {});
 * items.find((c) => c.domain === 'environment'); // { code: 'environment', name: '人居环境', … }
 */
export async function listIntakeCategories({ db, actor }: ReadContext, _options: Record<string, never>): Promise<{ items: TIntakeCategory[] }> {
  if (!actor.countyCode) throw forbidden();
  const rows = await db
    .selectFrom('case_category as c')
    .leftJoin('case_category as p', 'p.id', 'c.parent_id')
    .select(['c.code', 'c.name', 'c.name_en', 'c.domain', 'p.code as parent_code', 'c.parent_id', 'c.sort', 'p.sort as parent_sort'])
    .where('c.county_code', '=', actor.countyCode)
    .where('c.active', '=', true)
    .execute();
  // Parents first, each followed by its children (sort, then code).
  const key = (r: (typeof rows)[number]) => (r.parent_code === null ? [r.sort, r.code, -1, ''] : [r.parent_sort ?? 0, r.parent_code, r.sort, r.code]) as [number, string, number, string];
  rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2] - y[2] || x[3].localeCompare(y[3]);
  });
  return {
    items: rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, parentCode: r.parent_code, domain: r.domain as (typeof SURVEY_DOMAINS)[number] | null })),
  };
}
