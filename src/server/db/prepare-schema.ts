/**
 * Brings the schema up to date before the server or a command uses the database, with the right
 * role: migrations need the owner (`DATABASE_OWNER_URL`), the server runs as the least-privilege
 * role (`DATABASE_URL`). A server given only a runtime role and a database with pending
 * migrations refuses with a message naming `DATABASE_OWNER_URL` instead of failing halfway.
 */
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import { listMigrations, migrate } from './migrate.ts';
import { DatabaseRoleError, describeConnectionRole, grantRuntimePrivileges } from './runtime-role.ts';
import type { DB } from './schema.ts';

/** Migrations of this build the database has not had yet. */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const all = listMigrations().map((m) => m.version);
  const { rows } = await sql<{ present: boolean }>`SELECT to_regclass('public.schema_migration') IS NOT NULL AS present`.execute(db);
  if (!rows[0]!.present) return all;
  const done = new Set((await db.selectFrom('schema_migration').select('version').execute()).map((r) => r.version));
  return all.filter((v) => !done.has(v));
}

/** Whether this connection may run migrations: a superuser, the owner of the schema's tables, or anyone who may create tables in a database without them yet. */
export async function canChangeSchema(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ may: boolean }>`
    SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
      OR CASE WHEN to_regclass('public.schema_migration') IS NULL THEN has_schema_privilege('public', 'CREATE')
              ELSE (SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = to_regclass('public.schema_migration')) END AS may`.execute(db);
  return rows[0]!.may;
}

const isPermissionDenied = (error: unknown) => (error as { code?: string }).code === '42501';

export interface SchemaPreparation {
  /** Migrations applied now. */
  applied: string[];
  /** The runtime role whose privileges were granted again after migrating as the owner; null if none. */
  granted: string | null;
}

/**
 * Migrates the database `runtime` is connected to. PGlite, or PostgreSQL as the owner (the
 * setup before `DATABASE_OWNER_URL` existed): migrates on the same connection. With `ownerUrl`:
 * migrates through a short-lived connection as the owner, then grants the runtime role its
 * privileges again if migrations ran (new tables) or it has none yet. As a runtime role without
 * `ownerUrl`: nothing to do when the schema is current, otherwise refuses. `regrant` grants the
 * runtime role again even when nothing was migrated (after a restore, which may build tables).
 *
 * @example
 * const database = await openDatabase({ driver: 'postgres', connectionString: env.DATABASE_URL });
 * const { applied } = await prepareSchema(database, env.DATABASE_OWNER_URL);
 */
export async function prepareSchema(runtime: Database, ownerUrl?: string | undefined, options: { regrant?: boolean } = {}): Promise<SchemaPreparation> {
  if (runtime.driver === 'pglite') return { applied: await migrate(runtime.db), granted: null };
  if (ownerUrl) return migrateAsOwner(runtime.db, ownerUrl, options.regrant ?? false);
  let pending: string[];
  try {
    pending = await pendingMigrations(runtime.db);
  } catch (error) {
    if (!isPermissionDenied(error)) throw error;
    const { user } = await describeConnectionRole(runtime.db);
    throw new DatabaseRoleError(
      `The database role "${user}" (DATABASE_URL) has no privileges on Lianxin's tables. As the owner, run\n` +
        `  DATABASE_URL=<owner URL> lianxin db grant-runtime-role --role ${user}\n` +
        `数据库角色 "${user}" 没有访问连心数据表的权限，请以所有者身份运行 lianxin db grant-runtime-role。`,
    );
  }
  if (!pending.length) return { applied: [], granted: null };
  if (await canChangeSchema(runtime.db)) return { applied: await migrate(runtime.db), granted: null };
  const { user } = await describeConnectionRole(runtime.db);
  throw new DatabaseRoleError(
    `${pending.length} database migration(s) are pending (${pending.join(', ')}), and the server's role "${user}" (DATABASE_URL) may not change the schema.\n` +
      'Set DATABASE_OWNER_URL to the connection of the tables\' owner and start again (migrations then run as the owner), ' +
      'or run `lianxin migrate` with DATABASE_OWNER_URL set first.\n' +
      `有 ${pending.length} 个数据库迁移尚未执行，而服务角色 "${user}" 无权修改表结构。请设置 DATABASE_OWNER_URL（表的所有者）后重新启动，或先执行 lianxin migrate。`,
  );
}

async function migrateAsOwner(runtimeDb: Kysely<DB>, ownerUrl: string, regrant: boolean): Promise<SchemaPreparation> {
  const owner = await openDatabase({ driver: 'postgres', connectionString: ownerUrl, maxConnections: 1 });
  try {
    const [here, there] = await Promise.all([
      sql<{ database: string }>`SELECT current_database() AS database`.execute(runtimeDb),
      sql<{ database: string; user: string }>`SELECT current_database() AS database, current_user AS "user"`.execute(owner.db),
    ]);
    if (here.rows[0]!.database !== there.rows[0]!.database) {
      throw new DatabaseRoleError(
        `DATABASE_OWNER_URL leads to the database "${there.rows[0]!.database}", DATABASE_URL to "${here.rows[0]!.database}": both must name the same database.\n` +
          'DATABASE_OWNER_URL 与 DATABASE_URL 必须指向同一个数据库。',
      );
    }
    const applied = await migrate(owner.db);
    const role = await describeConnectionRole(runtimeDb);
    const separate = role.user !== there.rows[0]!.user && !role.superuser && !role.owner;
    if (!separate) return { applied, granted: null };
    const { rows } = await sql<{ reads: boolean }>`SELECT has_table_privilege('public.schema_migration', 'SELECT') AS reads`.execute(runtimeDb);
    if (!regrant && !applied.length && rows[0]!.reads) return { applied, granted: null };
    // One transaction: other servers on the role never see it between the revoke and the grants.
    await owner.db.transaction().execute((trx) => grantRuntimePrivileges(trx, role.user));
    return { applied, granted: role.user };
  } finally {
    await owner.close();
  }
}
