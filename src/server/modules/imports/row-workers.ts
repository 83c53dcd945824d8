/**
 * The import's row workers: a few worker threads that validate, encrypt, hash and format the
 * rows (stageBatch) while the importing thread only reads batches from the spreadsheet worker,
 * hands them out and streams the COPY text they send back to the database. That per-row work
 * was about three quarters of the importing thread's time (profiled at Ningyang scale), and
 * the thread that talks to the database was the bottleneck of the reading phase.
 *
 * Batches are numbered and their results taken in that order, so rows reach the staging table,
 * and issues the issue log, exactly as without workers. A worker that dies (an exception, out
 * of memory, terminated) fails the import with an error that says so; the others are stopped
 * with it. Workers of an import that ended cleanly are kept, unreferenced, for the next one
 * (starting one costs ~0.3 s: the TypeScript loader, the pinyin dictionary).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SheetRow } from '../../spreadsheets/index.ts';
import type { StagedBatch } from './import-stage.ts';
import type { FromRowWorker, RowWorkerContext, ToRowWorker } from './row-worker-protocol.ts';

const ENTRY = new URL('./row-worker.mjs', import.meta.url);

/** Heap of one worker: a batch, its results and a bounded pinyin cache need a few MB; a runaway is stopped here. */
export const ROW_WORKER_MEMORY_MB = 64;
/** Batches a worker may hold (one working, one waiting), so that it never waits for the importing thread. */
const AHEAD_PER_WORKER = 2;

/**
 * Workers an import of a large file uses by default: one core is left to the importing thread,
 * the spreadsheet worker and PostgreSQL, the others (at most three) take the rows; none on a
 * single core. On two cores that is one: measured at Ningyang scale, two were faster still, but
 * each worker costs 60–70 MB (its own heap, JIT and TypeScript loader) and two took the importing
 * process to about 370 MB, past the 300 MB it must stay under (README, "Import against its ceiling").
 *
 * @example
 * defaultRowWorkers(); // 1 on a 2-core machine, 3 on 4 cores or more
 */
export function defaultRowWorkers(): number {
  const cores = os.availableParallelism();
  return cores < 2 ? 0 : Math.min(3, cores - 1);
}

interface Slot {
  worker: Worker;
  /** Batches sent and not yet answered. */
  busy: number;
}

const idle: { worker: Worker; memoryMb: number }[] = [];
const ignore = () => {};
function forget(this: Worker) {
  const at = idle.findIndex((w) => w.worker === this);
  if (at >= 0) idle.splice(at, 1);
}

function takeWorker(memoryMb: number): Worker {
  const at = idle.findIndex((w) => w.memoryMb === memoryMb);
  if (at >= 0) {
    const { worker } = idle.splice(at, 1)[0]!;
    worker.off('error', ignore);
    worker.off('exit', forget);
    worker.ref();
    return worker;
  }
  return new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 4, stackSizeMb: 4 } });
}

/**
 * One import's row workers, seen from the importing thread.
 *
 * @example
 * const workers = new RowWorkers(2, context);
 * workers.submit(rows);                    // as often as `full` allows
 * const staged = await workers.next();     // results in the order submitted
 * await workers.close(true);
 */
export class RowWorkers {
  readonly #slots: Slot[] = [];
  readonly #results = new Map<number, StagedBatch>();
  readonly #memoryMb: number;
  #submitted = 0;
  #taken = 0;
  #failure: Error | null = null;
  #waiter: (() => void) | null = null;
  #closed = false;

  constructor(size: number, context: RowWorkerContext, memoryMb = ROW_WORKER_MEMORY_MB) {
    this.#memoryMb = memoryMb;
    for (let i = 0; i < size; i++) {
      const worker = takeWorker(memoryMb);
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (message: FromRowWorker) => {
        slot.busy--;
        this.#results.set(message.seq, message.batch);
        this.#wake();
      });
      worker.on('error', (error: Error & { code?: string }) => {
        this.#failure ??=
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new Error(`an import worker thread ran out of memory (limit ${memoryMb} MB)`, { cause: error })
            : new Error(`an import worker thread failed: ${error.message}`, { cause: error });
        this.#wake();
      });
      worker.on('exit', (code) => {
        this.#failure ??= new Error(`an import worker thread stopped (exit code ${code})`);
        this.#wake();
      });
      worker.postMessage({ t: 'start', context } satisfies ToRowWorker);
      this.#slots.push(slot);
    }
  }

  /** Batches submitted and not yet taken. */
  get pending() {
    return this.#submitted - this.#taken;
  }

  /** True when every worker holds as many batches as it may: take a result before submitting more. */
  get full() {
    return this.pending >= this.#slots.length * AHEAD_PER_WORKER;
  }

  /** True when the next result in order is there (`next` will not wait). */
  get ready() {
    return this.#results.has(this.#taken) || this.#failure !== null;
  }

  /** Sends a batch to the least busy worker. */
  submit(rows: SheetRow[]) {
    if (this.#failure) throw this.#failure;
    let slot = this.#slots[0]!;
    for (const s of this.#slots) if (s.busy < slot.busy) slot = s;
    slot.busy++;
    slot.worker.postMessage({ t: 'batch', seq: this.#submitted++, rows } satisfies ToRowWorker);
  }

  /** The next result in the order submitted; throws once a worker has failed. */
  async next(): Promise<StagedBatch> {
    for (;;) {
      if (this.#failure) throw this.#failure;
      const batch = this.#results.get(this.#taken);
      if (batch) {
        this.#results.delete(this.#taken++);
        return batch;
      }
      if (this.#taken >= this.#submitted) throw new Error('row workers: nothing submitted');
      await new Promise<void>((resolve) => (this.#waiter = resolve));
    }
  }

  #wake() {
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.();
  }

  /**
   * Ends the import's use of its workers: after a clean end (every result taken) they are kept
   * for the next import, else stopped.
   */
  async close(clean: boolean) {
    if (this.#closed) return;
    this.#closed = true;
    const keep = clean && !this.#failure && this.pending === 0;
    await Promise.all(
      this.#slots.map(async ({ worker }) => {
        worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
        if (keep && idle.length < 3) {
          worker.unref();
          worker.on('error', ignore);
          worker.on('exit', forget);
          idle.push({ worker, memoryMb: this.#memoryMb });
        } else {
          // A worker that failed may have exited already: terminate() then resolves at once.
          worker.on('error', ignore);
          await worker.terminate();
        }
      }),
    );
  }
}
