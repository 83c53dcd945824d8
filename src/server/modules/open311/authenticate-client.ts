import crypto from 'node:crypto';
import type { ReadContext } from '../../use-case-context.ts';
import { Open311Error } from './open311-errors.ts';

export interface Open311ClientRef {
  id: string;
  countyCode: string;
  name: string;
  keyPrefix: string;
}

/** The SHA-256 of an API key, as `open311_client.key_hash` stores it. */
export const hashApiKey = (apiKey: string) => crypto.createHash('sha256').update(apiKey, 'utf8').digest('hex');

/**
 * The client system an `api_key` belongs to: 403 when it is missing, unknown or revoked. Keys are
 * looked up by their SHA-256 (the table never holds a key). Reads only: the use is recorded with
 * the request's outcome (`recordOpen311Use`).
 *
 * @example
 * const client = await authenticateClient({ db, actor: null }, { apiKey: 'o311_…' });
 * client.countyCode; // '370921'
 */
export async function authenticateClient({ db }: ReadContext<null>, { apiKey }: { apiKey: string | undefined }): Promise<Open311ClientRef> {
  if (apiKey === undefined || apiKey === '') throw new Open311Error(403, 'api_key_missing');
  if (apiKey.length > 200) throw new Open311Error(403, 'api_key_invalid');
  const row = await db
    .selectFrom('open311_client')
    .select(['id', 'county_code', 'name', 'key_prefix'])
    .where('key_hash', '=', hashApiKey(apiKey))
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) throw new Open311Error(403, 'api_key_invalid');
  return { id: row.id, countyCode: row.county_code, name: row.name, keyPrefix: row.key_prefix };
}
