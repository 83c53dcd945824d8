/**
 * What a use case is given by whoever calls it (a route, a CLI command, the demo seed): the
 * database, who is acting and, for changes, where the change comes from for the audit log.
 * A use case takes this context first and its own inputs as one typed options object second:
 *
 *   renameRegion(ctx, { code, name, effectiveOn })
 *
 * so a route passes the same context to every use case it calls, and a new input is a new
 * member of the options, not a seventh positional argument. Use cases that handle personal
 * numbers add the cipher: `ReadContext & { cipher: FieldCipher }`.
 */
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.ts';
import type { Actor } from './http/context.ts';
import type { AuditSource } from './modules/audit/index.ts';

/** A read: the database and the actor whose scope it is narrowed to. */
export interface ReadContext<A extends Actor | null = Actor> {
  db: Kysely<DB>;
  /** `null` only where a use case says so: the command line, which acts for the deployment. */
  actor: A;
}

/** A change: a read context plus the audit source (request id, client IP or CLI command). */
export interface WriteContext<A extends Actor | null = Actor> extends ReadContext<A> {
  source: AuditSource;
}
