/**
 * Sends the outbox (issue 10, point 5): for each pending record whose wait is over, its files
 * first (content-addressed: sending one again is harmless), then the record; the answer moves the
 * record along `sync-rules.ts`. After a round in which the server took something, the work
 * package is downloaded again so "what is due" counts the new visits.
 */
import { visitCampaignsApi } from '../../shared/api/visit-campaigns.ts';
import { visitFilesApi, visitsApi } from '../../shared/api/visits.ts';
import { call, isApiError, uploadCall } from '../api.ts';
import { recordBody } from './record-body.ts';
import { saveWork, type OutboxRecord, type PhoneDb } from './store.ts';
import { afterAttempt, classifyFailure, isDue, type SyncError } from './sync-rules.ts';

export interface SyncRound {
  /** Records the server took in this round (new or resend). */
  sent: number;
  /** Records that failed in this round (waiting again, in conflict or refused). */
  failed: number;
  /** The session has ended (401): the round stopped, the outbox is kept. */
  needsSignIn: boolean;
  /** The work package was downloaded again. */
  refreshed: boolean;
}

const toSyncError = (e: unknown): SyncError => {
  if (isApiError(e)) return { status: e.status, code: e.code, detail: e.detail };
  throw e;
};

/** One record: its files, then itself. Returns the error that stopped it, or null when taken. */
async function sendOne(db: PhoneDb, record: OutboxRecord): Promise<SyncError | null> {
  const files = await db.files.where('clientId').equals(record.clientId).toArray();
  for (const file of files) {
    if (file.sha256 !== null) continue;
    if (file.blob === null) throw new Error(`record ${record.clientId}: file ${file.id} has neither bytes nor a hash`);
    try {
      const stored = await uploadCall(visitFilesApi.uploadVisitFile, { query: { kind: file.kind } }, file.blob, file.mediaType);
      file.sha256 = stored.sha256;
      file.capturedAt = stored.capturedAt;
      await db.files.update(file.id, { sha256: stored.sha256, capturedAt: stored.capturedAt });
    } catch (e) {
      return toSyncError(e);
    }
  }
  const body = recordBody(record.body, files);
  if (body === null) throw new Error(`record ${record.clientId}: a file has no hash after its upload`);
  try {
    const receipt = await call(visitsApi.recordVisit, { body }, { redirectOn401: false });
    await db.transaction('rw', db.records, db.files, async () => {
      await db.records.put({ ...record, ...afterAttempt(record, null, Date.now()), receipt, sentAt: new Date().toISOString() });
      // The server holds the images now and a phone's storage is small; the hashes stay, so the
      // record can be sent again as the same body.
      await db.files.where('clientId').equals(record.clientId).modify({ blob: null });
    });
    return null;
  } catch (e) {
    return toSyncError(e);
  }
}

let running: Promise<SyncRound> | null = null;

/**
 * Sends what is due, one record after another (oldest first); one round at a time per page.
 * `force` sends pending records now even if their wait is not over ("立即发送").
 *
 * @example
 * const round = await syncOutbox(db, { force: true });
 * if (round.needsSignIn) showSignInAgain();
 */
export function syncOutbox(db: PhoneDb, options: { force?: boolean } = {}): Promise<SyncRound> {
  running ??= (async () => {
    const round: SyncRound = { sent: 0, failed: 0, needsSignIn: false, refreshed: false };
    try {
      const due = (await db.records.orderBy('createdAt').toArray()).filter((r) => isDue(r, Date.now(), options.force));
      for (const record of due) {
        const error = await sendOne(db, record);
        if (error === null) {
          round.sent++;
          continue;
        }
        if (classifyFailure(error) === 'sign_in') {
          round.needsSignIn = true;
          break;
        }
        round.failed++;
        await db.records.put({ ...record, ...afterAttempt(record, error, Date.now()) });
        // Offline or the server is down: the other records would fail the same way now.
        if (classifyFailure(error) === 'retry') break;
      }
      if (round.sent > 0) await db.meta.put({ key: 'lastSync', at: new Date().toISOString() });
      if (round.sent > 0 && !round.needsSignIn) round.refreshed = await refreshWork(db);
      return round;
    } finally {
      running = null;
    }
  })();
  return running;
}

/**
 * Downloads the work package again and stores it; false when that failed (offline, signed out):
 * the phone keeps working with the package it has.
 */
export async function refreshWork(db: PhoneDb): Promise<boolean> {
  try {
    const work = await call(visitCampaignsApi.myWork, undefined, { redirectOn401: false });
    await saveWork(db, work);
    return true;
  } catch (e) {
    if (isApiError(e)) return false;
    throw e;
  }
}
