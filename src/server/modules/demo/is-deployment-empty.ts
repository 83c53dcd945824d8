import type { ReadContext } from '../../use-case-context.ts';

/**
 * True when the database holds no region yet: a first start, into which `lianxin serve` loads
 * the demo county (unless `--no-demo`).
 *
 * @example
 * if (await isDeploymentEmpty({ db, actor: null })) await seedDemo({ db, actor: null, source }, {});
 */
export async function isDeploymentEmpty({ db }: ReadContext<null>): Promise<boolean> {
  return !(await db.selectFrom('region').select('id').limit(1).executeTakeFirst());
}
