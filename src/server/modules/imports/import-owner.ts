/**
 * Which process runs an import, and whether it still does. A job row says 'running' from its
 * start to its end; if its process dies in between (killed, out of memory, power), nothing ends
 * it, so readers check the owner before believing the row: see fail-interrupted-imports.ts.
 */
import os from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Whether an owner's process still exists: shared with the upload spool, which asks it of its files' writers.
export { isProcessAlive } from '../../process-alive.ts';

/** This process, as written on the jobs it runs. */
export const IMPORT_OWNER = { host: os.hostname(), pid: process.pid } as const;

/** How often a running job's heartbeat_at is refreshed. */
export const HEARTBEAT_MS = 20_000;
/**
 * A job whose heartbeat is older than this is taken for dead even if its PostgreSQL connection
 * still holds the job's lock (a hung process, or a pooler that keeps the session open). Fifteen
 * missed beats: a busy event loop or a slow pool does not get a live import failed.
 */
export const HEARTBEAT_STALE_MS = 5 * 60_000;

/** Jobs this process is running now (every import in this process, server or CLI). */
const liveHere = new Set<string>();

/** @example if (isRunningHere(job.id)) continue; // ours, alive */
export const isRunningHere = (jobId: string) => liveHere.has(jobId);

/**
 * Marks a job as this process's until the returned stop() is called, and keeps its heartbeat
 * fresh meanwhile (one write at a time: on PGlite a beat waits behind the merge's transaction).
 *
 * @example
 * const stop = ownImportJob(db, jobId);
 * try { … } finally { stop() }
 */
export function ownImportJob(db: Kysely<DB>, jobId: string): () => void {
  liveHere.add(jobId);
  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    db.updateTable('import_job')
      .set({ heartbeat_at: new Date() })
      .where('id', '=', jobId)
      .where('status', '=', 'running')
      .execute()
      // A missed beat is harmless; fifteen in a row would be a process that is not working anyway.
      .catch(() => {})
      .finally(() => {
        beating = false;
      });
  }, HEARTBEAT_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    liveHere.delete(jobId);
  };
}
