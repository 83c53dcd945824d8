import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The region a deployment serves, for the sign-in page ("宁阳县"): the top of the region tree
 * when it has a single top (a county's deployment); null while the tree is empty or has several
 * tops. Public: a county's name is no secret, and nothing else is given.
 *
 * @example
 * await getDeploymentRegion({ db, actor: null }); // => { region: { code: '370921', name: '宁阳县', nameEn: 'Ningyang County', level: 'county' } }
 */
export async function getDeploymentRegion({ db }: ReadContext<Actor | null>) {
  const tops = await db.selectFrom('region').select(['code', 'name', 'name_en', 'level']).where('parent_id', 'is', null).orderBy('code').limit(2).execute();
  const top = tops.length === 1 ? tops[0]! : null;
  return { region: top && { code: top.code, name: top.name, nameEn: top.name_en, level: top.level } };
}
