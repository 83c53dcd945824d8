/** The audit log, read-only (see `contract.ts`). */
import { ZAuditEntry, ZListAuditQuery } from '../schemas/audit.ts';
import { page } from '../schemas/common.ts';
import { defineContract } from './contract.ts';

export const auditApi = {
  listAudit: defineContract({ method: 'GET', url: '/api/audit', querystring: ZListAuditQuery, response: page(ZAuditEntry) }),
};
