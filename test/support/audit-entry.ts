import type { AuditEntry } from '../../src/server/modules/audit/index.ts';

/**
 * An entry of an action no real code records (`test.extra`), for tests of the log's mechanics
 * (append-only, backups): outside the typed `AUDIT_ACTIONS` on purpose, so it is cast.
 *
 * @example await recordAudit({ db, source }, testEntry('test.extra'));
 */
export const testEntry = (action: `test.${string}`) => ({ action, entityType: 'test' }) as unknown as AuditEntry;
