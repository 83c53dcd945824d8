/**
 * Errors that mean "the database cannot be reached right now" rather than "this statement is
 * wrong": the server was restarted or failed over, an administrator ended the connection, the
 * network dropped. A request that meets one answers 503 (try again), not 500 (our bug).
 */

/** SQLSTATE of a lost or refused connection: class 08, the 57P shutdown codes, too many clients. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Node socket errors of a connection that is gone or cannot be made. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What `pg` says when a connection ends under it (it sets no code on these). */
const PG_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

/**
 * True when `error` (or one of its causes) says the connection to the database was lost or
 * could not be made.
 *
 * @example
 * isConnectionLost(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })); // true
 * isConnectionLost(Object.assign(new Error('duplicate key'), { code: '23505' })); // false
 */
export function isConnectionLost(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || SOCKET_CODES.has(code))) return true;
    if (PG_MESSAGES.includes(e.message)) return true;
  }
  return false;
}
