import { sql, type Kysely } from 'kysely';
import { postgresPoolOf } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import { HEARTBEAT_STALE_MS, IMPORT_OWNER, isProcessAlive, isRunningHere } from './import-owner.ts';
import { RUNNING_IMPORT_LOCK } from './import-session.ts';

/** The audit source of a job ended because its process is gone. */
const LIVENESS_SOURCE: AuditSource = { actorId: null, actorName: 'system:import-liveness', requestId: null, clientIp: null };

interface RunningJob {
  id: string;
  owner_host: string | null;
  owner_pid: number | null;
  stale: boolean;
}

/**
 * Whether the process that runs a job is gone. Its transaction went with it, so nothing of the
 * job was written. PGlite: the database belongs to one process (the data-dir lock), so a job
 * this process is not running is nobody's. PostgreSQL, shared by servers and CLI imports: the
 * owner is gone when it was on this machine and its pid no longer exists, when its advisory
 * lock (held on the import's connection from before the job row exists) is free, or when its
 * heartbeat is stale.
 */
async function ownerGone(db: Kysely<DB>, job: RunningJob): Promise<boolean> {
  if (isRunningHere(job.id)) return false;
  if (!postgresPoolOf(db)) return true;
  if (job.owner_host === IMPORT_OWNER.host && job.owner_pid !== null && job.owner_pid !== IMPORT_OWNER.pid && !isProcessAlive(job.owner_pid)) return true;
  // Same host and pid but not running here: a process before this one had the pid (a container restarted).
  if (job.owner_host === IMPORT_OWNER.host && job.owner_pid === IMPORT_OWNER.pid) return true;
  if (job.stale) return true;
  // Lock and unlock must happen on one connection.
  return db.connection().execute(async (conn) => {
    const free = await sql<{ free: boolean }>`SELECT pg_try_advisory_lock(${RUNNING_IMPORT_LOCK}, hashtext(${job.id})) AS free`.execute(conn);
    if (!free.rows[0]?.free) return false;
    await sql`SELECT pg_advisory_unlock(${RUNNING_IMPORT_LOCK}, hashtext(${job.id}))`.execute(conn);
    return true;
  });
}

/**
 * Marks as failed (import_interrupted), audited, the 'running' jobs whose process is gone (see
 * ownerGone): a stopped or crashed server's, a killed CLI import's. Called when the server starts,
 * when a CLI import starts, and by the job list and job page for the running jobs they show, so
 * a killed import stops showing 'running' at once instead of at the next restart. `ids` limits
 * it to those jobs. A database without the import tables yet has nothing to fail. Needs only the
 * database: whoever asks, the audit names the system as the one who ended the job.
 *
 * @example
 * const failed = await failInterruptedImports({ db }, {}); // ids of the jobs marked failed
 */
export async function failInterruptedImports({ db }: Pick<ReadContext<Actor | null>, 'db'>, options: { ids?: readonly string[] } = {}): Promise<string[]> {
  if (options.ids && options.ids.length === 0) return [];
  // An app built only to describe itself (`lianxin openapi`) runs on an empty, unmigrated database.
  if (!options.ids) {
    const table = await sql<{ t: string | null }>`SELECT to_regclass('import_job')::text AS t`.execute(db);
    if (!table.rows[0]?.t) return [];
  }
  let query = db
    .selectFrom('import_job')
    .select(['id', 'owner_host', 'owner_pid'])
    .select(sql<boolean>`coalesce(heartbeat_at, created_at) < now() - make_interval(secs => ${HEARTBEAT_STALE_MS / 1000})`.as('stale'))
    .where('status', '=', 'running');
  if (options.ids) query = query.where('id', 'in', options.ids);
  const failed: string[] = [];
  for (const job of await query.execute()) {
    if (!(await ownerGone(db, job))) continue;
    const done = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('import_job')
        .set({ status: 'failed', problem: 'import_interrupted', finished_at: new Date() })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .returning(['region_id'])
        .executeTakeFirst();
      if (!row) return false;
      const region = row.region_id ? await trx.selectFrom('region').select(['id', 'path', 'county_code']).where('id', '=', row.region_id).executeTakeFirst() : undefined;
      await recordAudit({ db: trx, source: LIVENESS_SOURCE }, {
        action: 'import.households',
        entityType: 'import',
        entityId: job.id,
        region: region ?? null,
        after: { status: 'failed', problem: 'import_interrupted', owner: { host: job.owner_host, pid: job.owner_pid } },
      });
      return true;
    });
    if (done) failed.push(job.id);
  }
  return failed;
}
