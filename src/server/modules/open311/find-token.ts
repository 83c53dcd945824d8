import type { ReadContext } from '../../use-case-context.ts';
import { normalizeTrackingCode } from '../cases/index.ts';
import { Open311Error } from './open311-errors.ts';
import type { Open311Item } from './open311-format.ts';

/**
 * GeoReport v2 "GET service_request_id from a token": the case number of a request an Open311
 * client filed, by the token it was given (our tracking code, 查询码). Only cases filed through
 * Open311; a public flag is not needed (the answer is the id, which the token's holder may know).
 *
 * @example
 * await findToken({ db, actor: null }, { countyCode: '370921', token: 'K7Q2M9XD' });
 * // [{ service_request_id: 'MQ20261206000042', token: 'K7Q2M9XD' }]
 */
export async function findToken({ db }: ReadContext<null>, { countyCode, token }: { countyCode: string; token: string }): Promise<Open311Item[]> {
  const code = normalizeTrackingCode(token);
  const row = code.length > 0 && code.length <= 40
    ? await db.selectFrom('resident_case').select(['case_no', 'tracking_code']).where('county_code', '=', countyCode).where('channel', '=', 'open311').where('tracking_code', '=', code).executeTakeFirst()
    : undefined;
  if (!row) throw new Open311Error(404, 'token_not_found', { value: token.slice(0, 40) });
  return [{ service_request_id: row.case_no, token: row.tracking_code }];
}
