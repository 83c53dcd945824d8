import type { Kysely } from 'kysely';
import type { DatabaseDriver } from './db/database.ts';
import type { DB } from './db/schema.ts';
import type { Env } from './env.ts';

/** What route modules receive: the database and the configuration. */
export interface AppContext {
  db: Kysely<DB>;
  driver: DatabaseDriver;
  env: Env;
}
