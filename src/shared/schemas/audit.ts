import { z } from 'zod';
import { ZId, ZInstant, ZRegionCode } from './common.ts';
import { ZRecordedPurpose } from './reveal-purpose.ts';

/**
 * A record's human name for the audit view: a household by its head and number, a resident by
 * name and masked ID number, a wave, user or region by its name. `detail` is the second line
 * (household number, masked ID number, username, division code).
 */
export const ZAuditEntityName = z.object({ name: z.string(), nameEn: z.string().nullable(), detail: z.string().nullable() });
export type TAuditEntityName = z.infer<typeof ZAuditEntityName>;

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
  /** The operator's display name, when the viewer may see that account (else only `actorName`). */
  actorDisplayName: z.string().nullable(),
  /** A person in the web app, a command at the server, or the server itself (`cli:serve`). */
  source: z.object({ kind: z.enum(['web', 'cli', 'system']), command: z.string().nullable() }),
  /** The record's name, when it still exists and the viewer may see it. */
  entityName: ZAuditEntityName.nullable(),
  regionName: z.object({ name: z.string(), nameEn: z.string().nullable() }).nullable(),
  /** Why a full ID number or phone was revealed (reveals and dials). */
  purpose: ZRecordedPurpose.nullable(),
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
