import { sql } from 'kysely';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { seedCaseCategories } from '../cases/index.ts';

/**
 * At server start: every county with accounts and no categories yet gets the default tree
 * (`seedCaseCategories`), once; a county that has any category, even after deleting or
 * deactivating the defaults, is left alone. Audited as `case_category.create` per county (the
 * tree's size in `after`). Returns the counties seeded.
 *
 * @example
 * await seedMissingCaseCategories({ db, actor: null, source: cliAuditSource('serve') }, {}); // ['370921']
 */
export async function seedMissingCaseCategories({ db, source }: WriteContext<null>, _options: Record<string, never> = {}): Promise<string[]> {
  const counties = await db
    .selectFrom('region as r')
    .select(['r.id', 'r.path', 'r.county_code'])
    .where('r.level', '=', 'county')
    .where(({ exists, selectFrom }) => exists(selectFrom('app_user as u').innerJoin('region as ur', 'ur.id', 'u.region_id').select(sql.lit(1).as('one')).whereRef('ur.county_code', '=', 'r.county_code')))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('case_category as c').select(sql.lit(1).as('one')).whereRef('c.county_code', '=', 'r.county_code'))))
    .execute();
  const seeded: string[] = [];
  for (const county of counties) {
    if (!county.county_code) continue;
    const written = await db.transaction().execute(async (trx) => {
      const n = await seedCaseCategories(trx, { countyCode: county.county_code! });
      if (n > 0) await recordAudit({ db: trx, source }, { action: 'case_category.create', entityType: 'case_category', entityId: null, region: county, after: { defaults: true, categories: n } });
      return n;
    });
    if (written > 0) seeded.push(county.county_code);
  }
  return seeded;
}
