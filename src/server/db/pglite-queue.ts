/**
 * PGlite has one connection. Kysely lends it to one caller at a time (a query, or a whole
 * transaction); the others wait. Kysely's own wait is a promise every waiter re-checks on each
 * release and that nobody can see, so under load requests piled up unseen until clients timed
 * out. This dialect keeps the waiters in a first-come, first-served queue whose length the server
 * reads (`pgliteWaiting`) to refuse new requests with 503 + Retry-After while it is too long.
 */
import type { PGlite } from '@electric-sql/pglite';
import { PGliteAdapter, PGliteDialect, type DatabaseConnection, type Driver, type DialectAdapter, type TransactionSettings, type QueryCompiler } from 'kysely';

/** A first-come, first-served lock on the single connection, with a visible queue. */
export class ConnectionQueue {
  #held = false;
  #waiters: (() => void)[] = [];

  /** Callers waiting for the connection (not counting the one holding it). */
  get waiting(): number {
    return this.#waiters.length;
  }

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Hands the connection to the longest waiter, if any. */
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#held = false;
  }
}

/** Kysely must not add its own lock: this driver does the queueing. */
class QueuedAdapter extends PGliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

class QueuedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly queue: ConnectionQueue,
  ) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.queue.acquire();
    try {
      return await this.inner.acquireConnection();
    } catch (error) {
      this.queue.release();
      throw error;
    }
  }
  async releaseConnection(connection: DatabaseConnection) {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.queue.release();
    }
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']) {
    await this.inner.savepoint!(connection, name, compileQuery);
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']) {
    await this.inner.rollbackToSavepoint!(connection, name, compileQuery);
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']) {
    await this.inner.releaseSavepoint!(connection, name, compileQuery);
  }
  destroy() {
    return this.inner.destroy();
  }
}

/**
 * Kysely's PGlite dialect with the connection lent through a visible FIFO queue.
 *
 * @example
 * const queue = new ConnectionQueue();
 * const db = new Kysely<DB>({ dialect: new QueuedPGliteDialect(pglite, queue) });
 * queue.waiting; // callers waiting for the connection right now
 */
export class QueuedPGliteDialect extends PGliteDialect {
  constructor(
    pglite: PGlite,
    private readonly queue: ConnectionQueue,
  ) {
    super({ pglite });
  }
  override createAdapter(): DialectAdapter {
    return new QueuedAdapter();
  }
  override createDriver(): Driver {
    return new QueuedDriver(super.createDriver(), this.queue);
  }
}
