import crypto from 'node:crypto';
import type { TOpen311Client } from '../../../shared/schemas/open311.ts';
import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { hashApiKey } from './authenticate-client.ts';
import { listOpen311Clients } from './list-open311-clients.ts';

/** Characters of a key kept to tell keys apart ('o311_' and 8 more). */
const PREFIX_LENGTH = 13;

/**
 * Registers a client system (第三方系统) of the actor's county and makes its API key: 256 random
 * bits, returned this once; the table keeps its SHA-256 and its first characters. Audited
 * (`open311_client.create`, with the prefix, never the key).
 *
 * @example
 * const { client, apiKey } = await createOpen311Client(ctx, { name: '市12345平台' });
 * apiKey; // 'o311_…' (43 more characters)
 */
export async function createOpen311Client(ctx: WriteContext, { name }: { name: string }): Promise<{ client: TOpen311Client; apiKey: string }> {
  const { db, actor } = ctx;
  const countyCode = actor.countyCode;
  // Keys belong to a county: an account above the counties has none to issue.
  if (countyCode === null) throw new AppError(403, 'forbidden');
  const apiKey = `o311_${crypto.randomBytes(32).toString('base64url')}`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('open311_client')
      .values({ county_code: countyCode, name, key_hash: hashApiKey(apiKey), key_prefix: apiKey.slice(0, PREFIX_LENGTH), created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const county = await trx.selectFrom('region').select(['id', 'path', 'county_code']).where('code', '=', countyCode).where('level', '=', 'county').executeTakeFirst();
    await recordAudit({ db: trx, source: ctx.source }, { action: 'open311_client.create', entityType: 'open311_client', entityId: row.id, region: county ?? null, after: { name, keyPrefix: apiKey.slice(0, PREFIX_LENGTH) } });
    return row.id;
  });
  const client = (await listOpen311Clients(ctx)).find((c) => c.id === id)!;
  return { client, apiKey };
}
