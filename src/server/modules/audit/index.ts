/**
 * The audit module's front door: every module records its changes here, in the same transaction
 * (`recordAudit`), naming who did it (`auditSourceOf` for a request, `cliAuditSource` for a command).
 */
export { auditSourceOf, cliAuditSource, recordAudit, recordAudits } from './record-audit.ts';
export type { AuditContext, AuditSource } from './record-audit.ts';
export type { AuditEntry } from './record-audit.ts';
