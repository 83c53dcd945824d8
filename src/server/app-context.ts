import type { Kysely } from 'kysely';
import type { DatabaseDriver } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { Env } from './env.ts';
import type { FieldCipher } from './security/field-cipher.ts';

/** What route modules receive: the database, the configuration and the personal-data cipher. */
export interface AppContext {
  db: Kysely<DB>;
  driver: DatabaseDriver;
  env: Env;
  cipher: FieldCipher;
}
