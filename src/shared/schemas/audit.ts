import { z } from 'zod';
import { ZId, ZInstant, ZRegionCode } from './common.ts';

export const ZAuditEntry = z.object({
  id: ZId,
  at: z.string(),
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZListAuditQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  regionCode: ZRegionCode.optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
});
