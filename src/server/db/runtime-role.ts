/**
 * The least-privilege role the server runs as on PostgreSQL. The owner of the tables (or a
 * superuser) can switch the audit log's triggers off (`ALTER TABLE … DISABLE TRIGGER`,
 * `SET session_replication_role = replica`) and then rewrite it; a role that owns nothing, is
 * no superuser and holds only INSERT and SELECT on `audit_log` cannot. Migrations and restores
 * keep using the owner (`DATABASE_OWNER_URL`); the server and the everyday commands use this role
 * (`DATABASE_URL`).
 */
import { sql, type Kysely } from 'kysely';
import { DatabaseRoleError } from './database-role-error.ts';
import type { DB } from './schema.ts';

export { DatabaseRoleError };

/** Tables the runtime role may only append to and read: no UPDATE, DELETE or TRUNCATE. */
export const APPEND_ONLY_TABLES = ['audit_log'] as const;
/** Tables the runtime role may only read: which migrations ran is the owner's business. */
export const READ_ONLY_TABLES = ['schema_migration'] as const;


const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface RuntimeRoleOptions {
  /** Role name: lower-case letters, digits and underscores, e.g. `lianxin_app`. */
  role: string;
  /** Its password; with LOGIN and no password, only trust, peer or certificate sign-in works. */
  password?: string | null | undefined;
  /** LOGIN (default) or NOLOGIN, for a group role granted to login roles. */
  login?: boolean;
}

export interface RuntimeRoleResult {
  role: string;
  created: boolean;
  tables: number;
  sequences: number;
}

/** Quotes through the server's own format(): no client-side escaping of names or passwords. */
async function runFormatted(db: Kysely<DB>, template: string, ...args: string[]) {
  const placeholders = args.map((_, i) => sql`${args[i]}::text`);
  const { rows } = await sql<{ statement: string }>`SELECT format(${template}, ${sql.join(placeholders)}) AS statement`.execute(db);
  await sql.raw(rows[0]!.statement).execute(db);
}

/**
 * Creates the runtime role if it does not exist, makes sure it holds no power beyond its grants
 * (NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION), then grants it exactly what
 * the server needs (`grantRuntimePrivileges`). Run it as the owner of the tables, with the right
 * to create roles (a superuser does both). Refuses a name that is the caller itself, a
 * superuser, or a role that owns tables here: that is no least-privilege role.
 *
 * @example
 * await createRuntimeRole(ownerDb, { role: 'lianxin_app', password: 's3cret' });
 * // then DATABASE_URL=postgres://lianxin_app:s3cret@host/lianxin
 */
export async function createRuntimeRole(db: Kysely<DB>, options: RuntimeRoleOptions): Promise<RuntimeRoleResult> {
  const { role } = options;
  if (!ROLE_NAME.test(role)) throw new DatabaseRoleError(`"${role}" is not a usable role name: lower-case letters, digits and underscores, starting with a letter.`);
  // Inside the caller's transaction when given one (the command line audits the change in it).
  const atomically = <T>(fn: (trx: Kysely<DB>) => Promise<T>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  return atomically(async (trx) => {
    const { rows } = await sql<{ me: string; exists: boolean; superuser: boolean | null; owns: boolean }>`
      SELECT current_user AS me,
        EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${role}) AS exists,
        (SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication FROM pg_roles WHERE rolname = ${role}) AS superuser,
        EXISTS (SELECT 1 FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE r.rolname = ${role} AND n.nspname = 'public') AS owns`.execute(trx);
    const me = rows[0]!;
    if (me.me === role) throw new DatabaseRoleError(`"${role}" is the role this command connects as (the owner): choose a separate role for the server.`);
    if (me.superuser) throw new DatabaseRoleError(`The role "${role}" exists with superuser or administrative rights; choose a new name for the server's role.`);
    if (me.owns) throw new DatabaseRoleError(`The role "${role}" owns tables in this database; choose a new name for the server's role.`);
    const login = options.login !== false;
    if (!me.exists) await runFormatted(trx, 'CREATE ROLE %I', role);
    await runFormatted(trx, `ALTER ROLE %I ${login ? 'LOGIN' : 'NOLOGIN'} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION`, role);
    if (options.password) await runFormatted(trx, 'ALTER ROLE %I PASSWORD %L', role, options.password);
    const granted = await grantRuntimePrivileges(trx, role);
    return { role, created: !me.exists, ...granted };
  });
}

/**
 * Gives `role` what the server needs and nothing more, idempotently: all of its table privileges
 * in the schema are first revoked, then SELECT, INSERT, UPDATE and DELETE granted on every table,
 * except SELECT and INSERT only on the append-only tables and SELECT only on the migration table;
 * USAGE and SELECT on the sequences (nextval, not setval); CONNECT and TEMPORARY (imports stage
 * rows in temporary tables); no CREATE on the schema, for it or for PUBLIC. Default privileges
 * make tables a later migration creates (as the same owner) usable at once; the command line
 * also calls this again after every migration it runs with `DATABASE_OWNER_URL`, which puts the
 * append-only rule back on new tables too.
 *
 * @example
 * await migrate(ownerDb);
 * await grantRuntimePrivileges(ownerDb, 'lianxin_app');
 */
export async function grantRuntimePrivileges(db: Kysely<DB>, role: string): Promise<{ tables: number; sequences: number }> {
  if (!ROLE_NAME.test(role)) throw new DatabaseRoleError(`"${role}" is not a usable role name.`);
  const run = (template: string, ...args: string[]) => runFormatted(db, template, role, ...args);
  const { rows } = await sql<{ database: string }>`SELECT current_database() AS database`.execute(db);
  await run('GRANT CONNECT, TEMPORARY ON DATABASE %2$I TO %1$I', rows[0]!.database);
  // Before PostgreSQL 15 every role may create tables in public; the owner's migrations do not need PUBLIC to.
  await sql`REVOKE CREATE ON SCHEMA public FROM PUBLIC`.execute(db);
  await run('REVOKE ALL ON SCHEMA public FROM %I');
  await run('GRANT USAGE ON SCHEMA public TO %I');
  await run('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I');
  await run('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I');
  await run('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I');
  await run('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I');
  const present = async (table: string) => (await sql<{ oid: string | null }>`SELECT to_regclass(${`public.${table}`})::text AS oid`.execute(db)).rows[0]!.oid !== null;
  for (const table of APPEND_ONLY_TABLES) {
    if (await present(table)) await run('REVOKE UPDATE, DELETE ON TABLE public.%2$I FROM %1$I', table);
  }
  for (const table of READ_ONLY_TABLES) {
    if (await present(table)) await run('REVOKE INSERT, UPDATE, DELETE ON TABLE public.%2$I FROM %1$I', table);
  }
  await run('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I');
  await run('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I');
  const counts = await sql<{ tables: number; sequences: number }>`
    SELECT count(*) FILTER (WHERE c.relkind IN ('r', 'p'))::int AS tables, count(*) FILTER (WHERE c.relkind = 'S')::int AS sequences
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`.execute(db);
  return counts.rows[0]!;
}

export interface ConnectionRole {
  /** The role the connection acts as (`current_user`). */
  user: string;
  superuser: boolean;
  /** Owns the audit log (or is a member of its owner): may disable its triggers. */
  owner: boolean;
  /** Holds UPDATE, DELETE or TRUNCATE on the audit log. */
  mayRewriteAudit: boolean;
}

/**
 * What the connection could do to the audit log.
 *
 * @example
 * const role = await describeConnectionRole(db);
 * if (role.superuser || role.owner) console.warn(runtimeRoleWarning(role));
 */
export async function describeConnectionRole(db: Kysely<DB>): Promise<ConnectionRole> {
  const { rows } = await sql<ConnectionRole>`
    SELECT current_user AS "user", r.rolsuper AS superuser,
      COALESCE((SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = to_regclass('public.audit_log')), false) AS owner,
      CASE WHEN to_regclass('public.audit_log') IS NULL THEN false
           ELSE has_table_privilege('public.audit_log', 'UPDATE') OR has_table_privilege('public.audit_log', 'DELETE') OR has_table_privilege('public.audit_log', 'TRUNCATE')
      END AS "mayRewriteAudit"
    FROM pg_roles r WHERE r.rolname = current_user`.execute(db);
  return rows[0]!;
}

/** The warning a server running with too much power prints at start; null for a least-privilege role. */
export function runtimeRoleWarning(role: ConnectionRole): string | null {
  const what = role.superuser ? 'a superuser' : role.owner ? 'the owner of Lianxin\'s tables' : role.mayRewriteAudit ? 'a role allowed to update, delete or truncate the audit log' : null;
  if (!what) return null;
  return [
    `WARNING: the server connects to PostgreSQL as "${role.user}", ${what}: it could rewrite or erase the audit log`,
    '(ALTER TABLE … DISABLE TRIGGER, SET session_replication_role). Create a least-privilege role with',
    '  DATABASE_URL=<this owner URL> lianxin db grant-runtime-role --role lianxin_app --password …',
    'then set DATABASE_URL to that role and DATABASE_OWNER_URL to the owner (README, "Database roles").',
    `警告：服务以 "${role.user}"（超级用户或表的所有者）身份连接数据库，可改写或清除审计日志。请用 lianxin db grant-runtime-role 创建最小权限角色，`,
    '并将 DATABASE_URL 设为该角色、DATABASE_OWNER_URL 设为所有者。',
  ].join('\n');
}
