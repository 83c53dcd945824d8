/**
 * The phone's IndexedDB store (Dexie): the work package, the outbox of visit records with their
 * photos and signature as Blobs, and each record's sync state. One database per account
 * (`lianxin-phone-<userId>`), so a shared phone never sends one cadre's records under another's
 * session; signing out deletes them all (`clearPhoneStores`).
 *
 * Only masked numbers are stored: `saveWork` refuses a package with a full ID number
 * (`assertMaskedOnly`).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { TAcknowledgement, TMyWork, TVisitReceipt, TVisitRecordInput } from '../../shared/visits/index.ts';
import type { SyncFields } from './sync-rules.ts';
import { assertMaskedOnly } from './work-package.ts';

/** The work package as downloaded, and when. */
export interface StoredWork {
  key: 'current';
  work: TMyWork;
  fetchedAt: string;
}

/** A visit record as the form saved it: the body without its files' hashes, which the upload gives. */
export type DraftBody = Omit<TVisitRecordInput, 'photos' | 'acknowledgement'> & {
  clientId: string;
  visitedAt: string;
  /** `signed`: the signature file of this record; `cannot_sign`: the witness. */
  acknowledgement?: { kind: 'signed' } | Extract<TAcknowledgement, { kind: 'cannot_sign' }>;
};

/** A record of the outbox. */
export interface OutboxRecord extends SyncFields {
  clientId: string;
  body: DraftBody;
  /** For the outbox list without opening the work package. */
  householdName: string;
  campaignName: string;
  /** When the form was first saved (ISO UTC). */
  createdAt: string;
  /** The server's receipt once sent. */
  receipt: TVisitReceipt | null;
  sentAt: string | null;
}

/** A photo or the signature of a record, kept until the record is sent. */
export interface OutboxFile {
  id: string;
  clientId: string;
  kind: 'photo' | 'signature';
  /** Order of the photos in the record. */
  position: number;
  /** The image until the record is sent; then null (the server holds it, the hash stays for a resend). */
  blob: Blob | null;
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
  /** From the file (camera's time); the server's reading of the image's metadata wins. */
  takenAt: string | null;
  /** The server's content hash once uploaded (content-addressed: uploading again gives the same). */
  sha256: string | null;
  capturedAt: string | null;
}

/** Settings of the store: the last successful sync. */
export interface StoredMeta {
  key: 'lastSync';
  at: string;
}

export type PhoneDb = Dexie & {
  work: EntityTable<StoredWork, 'key'>;
  records: EntityTable<OutboxRecord, 'clientId'>;
  files: EntityTable<OutboxFile, 'id'>;
  meta: EntityTable<StoredMeta, 'key'>;
};

const PREFIX = 'lianxin-phone-';
/** Who used the phone app last on this device, so it opens offline before the session is confirmed. */
const LAST_USER_KEY = 'lianxin.phone.lastUser';

export interface PhoneUser {
  id: string;
  displayName: string;
}

/** Opens (creating when new) the store of one account. */
export function openPhoneDb(userId: string): PhoneDb {
  const db = new Dexie(`${PREFIX}${userId}`) as PhoneDb;
  db.version(1).stores({
    work: 'key',
    records: 'clientId, state, createdAt',
    files: 'id, clientId',
    meta: 'key',
  });
  return db;
}

export function rememberPhoneUser(user: PhoneUser): void {
  try {
    localStorage.setItem(LAST_USER_KEY, JSON.stringify(user));
  } catch {
    // private mode: offline start then needs the session
  }
}

export function lastPhoneUser(): PhoneUser | null {
  try {
    const raw = localStorage.getItem(LAST_USER_KEY);
    const value = raw ? (JSON.parse(raw) as Partial<PhoneUser>) : null;
    return value && typeof value.id === 'string' && typeof value.displayName === 'string' ? { id: value.id, displayName: value.displayName } : null;
  } catch {
    return null;
  }
}

/** Stores a downloaded work package, after checking it holds masked numbers only. */
export async function saveWork(db: PhoneDb, work: TMyWork, now = new Date()): Promise<void> {
  assertMaskedOnly(work);
  await db.work.put({ key: 'current', work, fetchedAt: now.toISOString() });
}

/**
 * Saves a new record and its files in one transaction: the record is pending from this moment
 * and its `clientId` never changes again.
 */
export async function addToOutbox(
  db: PhoneDb,
  record: Omit<OutboxRecord, keyof SyncFields | 'receipt' | 'sentAt'>,
  files: (Omit<OutboxFile, 'id' | 'clientId' | 'sha256' | 'capturedAt' | 'blob'> & { blob: Blob })[],
): Promise<void> {
  await db.transaction('rw', db.records, db.files, async () => {
    await db.records.add({ ...record, state: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null, receipt: null, sentAt: null });
    await db.files.bulkAdd(files.map((f) => ({ ...f, id: crypto.randomUUID(), clientId: record.clientId, sha256: null, capturedAt: null })));
  });
}

/** Names of every phone store on this device (all accounts). */
async function phoneDbNames(): Promise<string[]> {
  const last = lastPhoneUser();
  const known = last ? [`${PREFIX}${last.id}`] : [];
  if (typeof indexedDB.databases !== 'function') return known;
  const all = await indexedDB.databases();
  return [...new Set([...known, ...all.map((d) => d.name ?? '').filter((n) => n.startsWith(PREFIX))])];
}

/** Records not yet taken by the server, over every phone store of this device (what signing out would lose). */
export async function countUnsent(): Promise<number> {
  let total = 0;
  for (const name of await phoneDbNames()) {
    const db = openPhoneDb(name.slice(PREFIX.length));
    try {
      total += await db.records.where('state').equals('pending').count();
    } finally {
      db.close();
    }
  }
  return total;
}

/** Deletes every phone store of this device and forgets the last user: what signing out does. */
export async function clearPhoneStores(): Promise<void> {
  for (const name of await phoneDbNames()) await Dexie.delete(name);
  try {
    localStorage.removeItem(LAST_USER_KEY);
  } catch {
    // nothing was kept
  }
}
