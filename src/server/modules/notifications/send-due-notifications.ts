import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import type { SmsSender } from './sms-sender.ts';

/** How long a claimed message is the claimer's: a process that died while sending leaves it to be retried after this. */
export const SEND_LEASE_MS = 5 * 60 * 1000;

/** The wait before attempt n+1: 1, 2, 4 … minutes, at most a day. */
export const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 24 * 60 * 60 * 1000);

export interface SendDueOptions {
  sender: SmsSender;
  maxAttempts: number;
  /** Messages claimed per run. */
  batch?: number;
  now?: Date;
}

export interface SendDueResult {
  sent: number;
  retried: number;
  failed: number;
}

interface Claimed {
  id: string;
  dedupe_key: string;
  phone_cipher: string;
  phone_masked: string;
  body: string;
  attempts: number;
}

/**
 * One run of the sender: claims the due messages (pending, or sending with an expired lease) in
 * one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)` — two senders on one PostgreSQL
 * take disjoint rows; PGlite's single connection serializes them anyway — marking them
 * `sending` with a lease and counting the attempt; then for each decrypts the phone only to
 * hand it to the sender, and records the outcome: `sent`, or back to `pending` after an
 * exponential backoff, or `failed` once `maxAttempts` are used. The outcome is written only if
 * the row is still this claim's (same status and attempt count), so a claimer whose lease ran out
 * cannot overwrite a newer claim. A row is sent twice only if a process dies between the
 * gateway's answer and this write; the gateway sees the same `dedupeKey` then. Deployment-wide
 * (all counties): it acts for no one and writes no audit entry (the outbox row is the record).
 *
 * @example
 * await sendDueNotifications({ db, cipher }, { sender: new DevSmsSender({ logFile }), maxAttempts: 6 });
 * // { sent: 3, retried: 0, failed: 0 }
 */
export async function sendDueNotifications({ db, cipher }: { db: Kysely<DB>; cipher: FieldCipher }, options: SendDueOptions): Promise<SendDueResult> {
  const now = options.now ?? new Date();
  const batch = options.batch ?? 50;
  const result: SendDueResult = { sent: 0, retried: 0, failed: 0 };
  // Messages whose last claim died with every attempt used: failed, without another send.
  const exhausted = await db
    .updateTable('notification_outbox')
    .set({ status: 'failed', last_error: 'sender stopped while sending; no attempts left' })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', now)
    .where('attempts', '>=', options.maxAttempts)
    .returning('id')
    .execute();
  result.failed += exhausted.length;

  const lease = new Date(now.getTime() + SEND_LEASE_MS);
  const claimed = (
    await sql<Claimed>`
      UPDATE notification_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ${lease}, sender = ${options.sender.name}
      WHERE id IN (
        SELECT id FROM notification_outbox
        WHERE status IN ('pending', 'sending') AND next_attempt_at <= ${now} AND attempts < ${options.maxAttempts}
        ORDER BY next_attempt_at, id
        LIMIT ${batch}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id::text AS id, dedupe_key, phone_cipher, phone_masked, body, attempts`.execute(db)
  ).rows;

  for (const row of claimed) {
    const mine = (q: ReturnType<typeof db.updateTable<'notification_outbox'>>) => q.where('id', '=', row.id).where('status', '=', 'sending').where('attempts', '=', row.attempts);
    try {
      await options.sender.send({ id: row.id, dedupeKey: row.dedupe_key, to: cipher.decrypt(row.phone_cipher), toMasked: row.phone_masked, body: row.body });
      await mine(db.updateTable('notification_outbox').set({ status: 'sent', sent_at: new Date(), last_error: null })).execute();
      result.sent += 1;
    } catch (error) {
      const message = ((error as Error).message ?? 'send failed').slice(0, 300);
      if (row.attempts >= options.maxAttempts) {
        await mine(db.updateTable('notification_outbox').set({ status: 'failed', last_error: message })).execute();
        result.failed += 1;
      } else {
        await mine(db.updateTable('notification_outbox').set({ status: 'pending', last_error: message, next_attempt_at: new Date(now.getTime() + backoffMs(row.attempts)) })).execute();
        result.retried += 1;
      }
    }
  }
  return result;
}
