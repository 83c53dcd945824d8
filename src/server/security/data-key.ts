/**
 * Where the data key comes from: LIANXIN_DATA_KEY (base64 of 32 bytes) when set; otherwise, for
 * the embedded database only, a key generated once and kept beside the data in
 * DATA_DIR/data.key (mode 0600). A PostgreSQL deployment must configure its key: a key
 * generated on one application server would be lost with it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { createFieldCipher, type FieldCipher } from './field-cipher.ts';

export class DataKeyError extends Error {
  override name = 'DataKeyError';
}

export function loadDataKey(env: Pick<Env, 'LIANXIN_DATA_KEY' | 'DATABASE_URL' | 'DATA_DIR'>): Buffer {
  if (env.LIANXIN_DATA_KEY) {
    const key = Buffer.from(env.LIANXIN_DATA_KEY, 'base64');
    if (key.length !== 32) throw new DataKeyError('LIANXIN_DATA_KEY must be the base64 encoding of 32 bytes (e.g. `openssl rand -base64 32`).');
    return key;
  }
  if (env.DATABASE_URL) {
    throw new DataKeyError(
      'LIANXIN_DATA_KEY is not set. With DATABASE_URL, configure the key that encrypts ID numbers and phones: ' +
        'generate one with `openssl rand -base64 32`, keep it safe (without it the data cannot be read), and set LIANXIN_DATA_KEY.',
    );
  }
  const file = path.join(env.DATA_DIR, 'data.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(env.DATA_DIR, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return loadDataKey({ ...env, LIANXIN_DATA_KEY: fs.readFileSync(file, 'utf8').trim() });
}

/**
 * Checks the key against the fingerprint stored in the database (recording it on first use), so
 * a wrong key stops the start instead of writing data nobody can read back.
 */
export async function verifyDataKey(db: Kysely<DB>, cipher: FieldCipher): Promise<void> {
  await sql`INSERT INTO app_setting (key, value) VALUES ('data_key_fingerprint', ${cipher.fingerprint}) ON CONFLICT (key) DO NOTHING`.execute(db);
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', 'data_key_fingerprint').executeTakeFirstOrThrow();
  if (row.value !== cipher.fingerprint) {
    throw new DataKeyError('The data key does not match the one this database was written with (LIANXIN_DATA_KEY or DATA_DIR/data.key). Restore the right key.');
  }
}

export const cipherFromEnv = (env: Env) => createFieldCipher(loadDataKey(env));
