import { z } from 'zod';
import { ZId } from '../../../shared/schemas/common.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import type { TNotification } from '../../../shared/schemas/open311.ts';
import type { ReadContext } from '../../use-case-context.ts';

export interface ListNotificationsOptions {
  status?: TNotification['status'];
  limit: number;
  cursor?: string;
}

/**
 * The county's outbox, newest first, phones masked (the county admin checks that messages go out
 * and why some do not), with the count per status.
 *
 * @example
 * const page = await listNotifications({ db, actor }, { limit: 50 });
 */
export async function listNotifications({ db, actor }: ReadContext, { status, limit, cursor }: ListNotificationsOptions) {
  const countyCode = actor.countyCode ?? '';
  let query = db
    .selectFrom('notification_outbox as n')
    .leftJoin('resident_case as c', (j) => j.onRef('c.id', '=', 'n.case_id').onRef('c.county_code', '=', 'n.county_code'))
    .select(['n.id', 'c.case_no', 'n.kind', 'n.phone_masked', 'n.body', 'n.status', 'n.attempts', 'n.next_attempt_at', 'n.last_error', 'n.sender', 'n.sent_at', 'n.created_at'])
    .where('n.county_code', '=', countyCode);
  if (status) query = query.where('n.status', '=', status);
  const after = decodeCursor(cursor, z.object({ id: ZId }));
  if (after) query = query.where('n.id', '<', after.id);
  const rows = await query.orderBy('n.id', 'desc').limit(limit + 1).execute();
  const counted = await db
    .selectFrom('notification_outbox')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('county_code', '=', countyCode)
    .groupBy('status')
    .execute();
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const c of counted) counts[c.status] = Number(c.n);
  const toItem = (r: (typeof rows)[number]): TNotification => ({
    id: r.id,
    caseNo: r.case_no,
    kind: r.kind,
    phoneMasked: r.phone_masked,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at).toISOString(),
    lastError: r.last_error,
    sender: r.sender,
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  });
  return { ...pageOf(rows, limit, toItem, (r) => ({ id: r.id })), counts };
}
