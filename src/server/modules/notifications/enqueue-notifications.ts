import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notificationText, STEP_MESSAGES } from './notification-texts.ts';

/** Steps older than this are never announced (a message about last month's acceptance helps nobody). */
export const NOTIFY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Puts a message in the outbox for each recent step a resident should hear of: acceptance
 * (签收), resolution (办结), a call-back that confirmed the case solved (回访), and a reopening
 * (重办) — only on cases whose resident agreed to be contacted and left a phone. Reads the case
 * history (`case_event`) of the last day, so the use cases that write the steps need not know
 * about messages. Each message's `dedupe_key` is `<kind>:<event id>`, unique in the table: a
 * step is queued once however often (and by however many processes) this runs. The phone is
 * copied still encrypted. Writes no audit entry: it changes no case, and the outbox is its own record.
 *
 * @example
 * const queued = await enqueueNotifications({ db }, { now: new Date() }); // 3
 */
export async function enqueueNotifications({ db }: { db: Kysely<DB> }, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const rows = await db
    .selectFrom('case_event as e')
    .innerJoin('resident_case as c', (j) => j.onRef('c.id', '=', 'e.case_id').onRef('c.county_code', '=', 'e.county_code'))
    .select(['e.id', 'e.kind', 'e.to_status', 'e.county_code', 'e.case_id', 'c.case_no', 'c.tracking_code', 'c.contact_phone_cipher', 'c.contact_phone_masked'])
    .where('e.kind', 'in', ['accept', 'resolve', 'callback', 'reopen'])
    .where('e.at', '>=', new Date(now.getTime() - NOTIFY_WINDOW_MS))
    .where('c.consent_contact', '=', true)
    .where('c.contact_phone_cipher', 'is not', null)
    .orderBy('e.id')
    .limit(5000)
    .execute();
  const messages = rows
    // A call-back announces only a confirmed solution; "not solved" is announced by the reopening, an unanswered call by nothing.
    .filter((r) => r.kind !== 'callback' || r.to_status === 'called_back')
    .map((r) => {
      const kind = STEP_MESSAGES[r.kind as keyof typeof STEP_MESSAGES];
      return {
        county_code: r.county_code,
        case_id: r.case_id,
        kind,
        dedupe_key: `${kind}:${r.id}`,
        phone_cipher: r.contact_phone_cipher!,
        phone_masked: r.contact_phone_masked!,
        body: notificationText(kind, { caseNo: r.case_no, trackingCode: r.tracking_code }),
        next_attempt_at: now,
        created_at: now,
      };
    });
  if (messages.length === 0) return 0;
  const inserted = await db.insertInto('notification_outbox').values(messages).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').execute();
  return inserted.length;
}
