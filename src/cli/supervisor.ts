/**
 * `lianxin serve` runs the server in a worker process under a small supervisor (a `node:cluster`
 * primary that opens no database): when the worker dies (an uncaught error, the kernel's OOM
 * killer, a `kill -9`), the supervisor logs why and starts a new one, waiting longer after each
 * crash in a row, and gives up after too many, so a server that cannot start does not spin. The
 * worker's data-dir lock dies with it (its pid is gone), so the new worker takes it over.
 * SIGTERM and SIGINT are passed on to the worker, which closes the app and the database cleanly.
 */
import cluster, { type Worker } from 'node:cluster';

export interface RestartPolicy {
  /** Wait before the first restart; doubled for each further crash in a row. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A worker that ran this long was healthy: its crash starts a new count. */
  stableAfterMs: number;
  /** Crashes in a row (each before stableAfterMs) after which the supervisor gives up. */
  maxCrashes: number;
}

export const RESTART_POLICY: RestartPolicy = { baseDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000, maxCrashes: 5 };

/** The CLI's exit code for a mistake in how it was called or configured (see main.ts). */
export const CONFIGURATION_EXIT_CODE = 2;

export interface WorkerExit {
  code: number | null;
  signal: string | null;
  uptimeMs: number;
}

export type AfterExit = { action: 'restart'; delayMs: number; crashesInARow: number } | { action: 'stop'; exitCode: number; reason: string };

/**
 * What the supervisor does when the worker has exited without being asked to.
 *
 * @example
 * afterWorkerExit(0, { code: null, signal: 'SIGKILL', uptimeMs: 600_000 }); // { action: 'restart', delayMs: 1000, crashesInARow: 1 }
 * afterWorkerExit(4, { code: 1, signal: null, uptimeMs: 2_000 }); // restart after 16 s, crash 5
 * afterWorkerExit(5, { code: 1, signal: null, uptimeMs: 2_000 }); // { action: 'stop', exitCode: 1, … }
 */
export function afterWorkerExit(crashesInARow: number, exit: WorkerExit, policy: RestartPolicy = RESTART_POLICY): AfterExit {
  if (exit.signal === null && exit.code === 0) return { action: 'stop', exitCode: 0, reason: 'the server stopped normally' };
  if (exit.signal === null && exit.code === CONFIGURATION_EXIT_CODE) {
    return { action: 'stop', exitCode: CONFIGURATION_EXIT_CODE, reason: 'the server refused to start (see its message above); a restart would meet the same problem' };
  }
  const crashes = exit.uptimeMs >= policy.stableAfterMs ? 1 : crashesInARow + 1;
  if (crashes > policy.maxCrashes) {
    return { action: 'stop', exitCode: 1, reason: `the server crashed ${crashes} times in a row, each within ${policy.stableAfterMs / 1000} s of starting; giving up` };
  }
  return { action: 'restart', delayMs: Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (crashes - 1)), crashesInARow: crashes };
}

/**
 * How a worker's end reads in the log.
 *
 * @example
 * describeExit({ code: null, signal: 'SIGKILL', uptimeMs: 12_300 }); // 'was killed by SIGKILL after 12.3 s'
 */
export function describeExit(exit: WorkerExit): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  return `${how} after ${(exit.uptimeMs / 1000).toFixed(1)} s`;
}

/** Whether this process is the worker the supervisor started (it then runs the server itself). */
export const isSupervisedWorker = () => cluster.isWorker;

/** Grace period for a clean shutdown before the worker is killed. */
const SHUTDOWN_GRACE_MS = 15_000;

/**
 * Runs as the supervisor: forks the worker (the same command line, run again by `node:cluster`)
 * and keeps one alive until SIGTERM/SIGINT or a stop decision; then exits the process.
 *
 * @example
 * if (!isSupervisedWorker()) return supervise(); // in `lianxin serve`
 */
export function supervise(policy: RestartPolicy = RESTART_POLICY, log: (line: string) => void = (line) => console.error(line)): Promise<never> {
  // The worker accepts its connections itself; the supervisor only hands it the listening socket.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let worker: Worker | null = null;
  let startedAt = 0;
  let crashesInARow = 0;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | null = null;
  return new Promise<never>(() => {
    const start = () => {
      restartTimer = null;
      startedAt = Date.now();
      worker = cluster.fork();
      log(`supervisor: started the server, pid ${worker.process.pid}`);
      worker.on('exit', (code, signal) => {
        worker = null;
        const exit: WorkerExit = { code, signal, uptimeMs: Date.now() - startedAt };
        if (stopping) {
          log(`supervisor: the server ${describeExit(exit)}; stopped`);
          process.exit(signal ? 1 : (code ?? 0));
        }
        const next = afterWorkerExit(crashesInARow, exit, policy);
        if (next.action === 'stop') {
          log(`supervisor: the server ${describeExit(exit)}; ${next.reason}`);
          process.exit(next.exitCode);
        }
        crashesInARow = next.crashesInARow;
        log(`supervisor: the server ${describeExit(exit)}; restarting in ${next.delayMs / 1000} s (crash ${crashesInARow} in a row, at most ${policy.maxCrashes})`);
        restartTimer = setTimeout(start, next.delayMs);
      });
    };
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      if (!worker) process.exit(0);
      log(`supervisor: ${signal}: stopping the server (pid ${worker.process.pid})`);
      worker.process.kill('SIGTERM');
      setTimeout(() => {
        log(`supervisor: the server did not stop within ${SHUTDOWN_GRACE_MS / 1000} s; killing it`);
        worker?.process.kill('SIGKILL');
      }, SHUTDOWN_GRACE_MS).unref();
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    start();
  });
}
