import type { ReadContext } from '../../use-case-context.ts';
import { Open311Error } from './open311-errors.ts';

/**
 * The county an Open311 call is about. `jurisdiction_id` is the 6-digit county code: required
 * when the deployment has more than one county (GeoReport v2: "required if the endpoint serves
 * multiple jurisdictions"), checked when given (404 when no open county has it).
 *
 * @example
 * await findJurisdiction({ db, actor: null }, { jurisdictionId: undefined }); // '370921' on a one-county deployment
 */
export async function findJurisdiction({ db }: ReadContext<null>, { jurisdictionId }: { jurisdictionId: string | undefined }): Promise<string> {
  const counties = await db.selectFrom('region').select('code').where('level', '=', 'county').where('closed_on', 'is', null).orderBy('code').execute();
  if (jurisdictionId === undefined || jurisdictionId === '') {
    if (counties.length === 1) return counties[0]!.code;
    throw new Open311Error(400, 'jurisdiction_required');
  }
  if (!counties.some((c) => c.code === jurisdictionId)) throw new Open311Error(404, 'jurisdiction_unknown', { value: jurisdictionId.slice(0, 40) });
  return jurisdictionId;
}
