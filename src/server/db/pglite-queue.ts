/**
 * PGlite has one connection. Kysely lends it to one caller at a time (a query, or a whole
 * transaction); the others wait. Kysely's own wait is a promise every waiter re-checks on each
 * release and that nobody can see, so under load requests piled up unseen until clients timed
 * out. This dialect keeps the waiters in a first-come, first-served queue whose length the server
 * reads (`pgliteWaiting`) to refuse new requests with 503 + Retry-After while it is too long.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  PGliteAdapter,
  PGliteDialect,
  type CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * A first-come, first-served lock on the single connection, with a visible queue.
 *
 * PGlite runs its queries on the event loop's thread: a query blocks it, and a request whose
 * queries all found the connection free would run from start to end without letting another
 * request even be read. The load would then wait unseen in the sockets, and a refusal could come
 * only after the wait it should spare. So the connection is always handed over on a later turn of
 * the event loop (setImmediate): between two holders the server reads what has arrived, and each
 * request joins the queue, where it is counted, as soon as it asks for the connection.
 */
export class ConnectionQueue {
  #held = false;
  #scheduled = false;
  #waiters: (() => void)[] = [];

  /** Callers waiting for the connection (not counting the one holding it). */
  get waiting(): number {
    return this.#waiters.length;
  }

  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#schedule();
    });
  }

  /** Hands the connection to the longest waiter, if any, on the next turn of the event loop. */
  release(): void {
    this.#held = false;
    this.#schedule();
  }

  #schedule() {
    if (this.#held || this.#scheduled || this.#waiters.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (this.#held) return;
      const next = this.#waiters.shift();
      if (!next) return;
      this.#held = true;
      next();
    });
  }
}

/** Kysely must not add its own lock: this driver does the queueing. */
class QueuedAdapter extends PGliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The connection as lent out: each statement waits for the next turn of the event loop first,
 * so that a long transaction (an import's merge: a few statements of seconds each) lets the
 * server read, count and if need be refuse the requests that arrive meanwhile, instead of
 * blocking the process from its first statement to its commit.
 */
class YieldingConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await nextTurn();
    return this.inner.executeQuery<R>(query);
  }
  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const innerOf = (connection: DatabaseConnection) => (connection as YieldingConnection).inner;

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
      return new YieldingConnection(await this.inner.acquireConnection());
    } catch (error) {
      this.queue.release();
      throw error;
    }
  }
  async releaseConnection(connection: DatabaseConnection) {
    try {
      await this.inner.releaseConnection(innerOf(connection));
    } finally {
      this.queue.release();
    }
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(innerOf(connection), settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(innerOf(connection));
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(innerOf(connection));
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
