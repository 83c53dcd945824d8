/**
 * The county admin's side of Open311 (第三方系统接入): the client systems allowed to file cases
 * through `/open311/v2` and their API keys, and the notification outbox's list (短信通知).
 * The Open311 endpoints themselves speak the GeoReport v2 specification, not these schemas.
 */
import { z } from 'zod';
import { ZId, zName } from './common.ts';

export const ZOpen311Client = z.object({
  id: ZId,
  name: z.string(),
  /** The key's first characters, to tell keys apart (the key itself is never shown again). */
  keyPrefix: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** Cases this client filed. */
  requests: z.number().int(),
});
export type TOpen311Client = z.infer<typeof ZOpen311Client>;

export const ZCreateOpen311Client = z.strictObject({ name: zName(100) });

/** The answer to a creation: the only time the key is shown. */
export const ZCreatedOpen311Client = z.object({ client: ZOpen311Client, apiKey: z.string() });

export const ZOpen311ClientParams = z.strictObject({ id: ZId });

export const NOTIFICATION_KINDS = ['accepted', 'resolved', 'callback', 'reopened', 'reminder'] as const;
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/** One message of the outbox as the county admin sees it: the phone masked, the text in full (it holds no personal data). */
export const ZNotification = z.object({
  id: ZId,
  caseNo: z.string().nullable(),
  kind: z.enum(NOTIFICATION_KINDS),
  phoneMasked: z.string(),
  body: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  sender: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = z.strictObject({
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The previous page's `nextCursor` (opaque). */
  cursor: z.string().max(200).optional(),
});

export const ZNotificationList = z.object({
  items: z.array(ZNotification),
  nextCursor: z.string().nullable(),
  /** Messages per status in the county, for the section's summary. */
  counts: z.object({ pending: z.number().int(), sending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
  /** Which sender delivers (SMS_SENDER): dev writes to the outbox log instead of sending. */
  sender: z.enum(['dev', 'webhook']),
});
