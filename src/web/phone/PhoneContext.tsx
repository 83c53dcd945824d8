/**
 * What every phone page shares: the account's store, whether the network and the session are
 * there, and the sync loop (on the `online` event, on a timer, after a save, and when the cadre
 * presses "send now").
 */
import { liveQuery } from 'dexie';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { openPhoneDb, type PhoneDb, type PhoneUser } from './store.ts';
import { refreshWork, syncOutbox, type SyncRound } from './sync.ts';
import { nextWakeUp } from './sync-rules.ts';

/** How often a page with pending records looks again whether a wait is over (the backoff decides if it sends). */
const TICK_MS = 15_000;

export interface Phone {
  db: PhoneDb;
  user: PhoneUser;
  online: boolean;
  /** A session is there (calls can be made). */
  signedIn: boolean;
  /** The server ended the session during a sync: stop, keep the outbox, ask to sign in. */
  needsSignIn: boolean;
  syncing: boolean;
  lastRound: SyncRound | null;
  syncNow(force?: boolean): Promise<SyncRound | null>;
}

const PhoneContext = createContext<Phone | null>(null);

export function usePhone(): Phone {
  const value = useContext(PhoneContext);
  if (!value) throw new Error('usePhone outside <PhoneProvider>');
  return value;
}

/**
 * The current answer of an IndexedDB query, kept up to date as the store changes (Dexie's
 * liveQuery); `undefined` until the first answer.
 *
 * @example
 * const pending = useLive(() => db.records.where('state').equals('pending').count(), [db]);
 */
export function useLive<T>(query: () => Promise<T> | T, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: (e: unknown) => console.error(e) });
    return () => subscription.unsubscribe();
    // The caller names the query's inputs in deps.
  }, deps);
  return value;
}

/** navigator.onLine, following the `online` and `offline` events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function PhoneProvider({ user, signedIn, children }: { user: PhoneUser; signedIn: boolean; children: ReactNode }) {
  const db = useMemo(() => openPhoneDb(user.id), [user.id]);
  useEffect(() => () => db.close(), [db]);
  const online = useOnline();
  const [syncing, setSyncing] = useState(false);
  const [needsSignIn, setNeedsSignIn] = useState(false);
  const [lastRound, setLastRound] = useState<SyncRound | null>(null);
  const canSync = online && signedIn && !needsSignIn;
  const canSyncRef = useRef(canSync);
  canSyncRef.current = canSync;

  const syncNow = useCallback(
    async (force = false) => {
      if (!canSyncRef.current) return null;
      setSyncing(true);
      try {
        const round = await syncOutbox(db, { force });
        setLastRound(round);
        if (round.needsSignIn) setNeedsSignIn(true);
        return round;
      } finally {
        setSyncing(false);
      }
    },
    [db],
  );

  // A new session (signed in again) may send again.
  useEffect(() => {
    if (signedIn) setNeedsSignIn(false);
  }, [signedIn]);

  // Coming online (or signing in) starts a round at once; then a timer looks whether a wait is over.
  useEffect(() => {
    if (!canSync) return;
    // Then the list again, unless the round already downloaded it.
    void syncNow(true).then((round) => (round?.refreshed ? undefined : refreshWork(db)));
    const timer = window.setInterval(() => {
      void db.records
        .where('state')
        .equals('pending')
        .toArray()
        .then((pending) => {
          const wake = nextWakeUp(pending, Date.now());
          if (wake !== null && wake <= Date.now()) void syncNow();
        });
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [canSync, db, syncNow]);

  const value = useMemo<Phone>(
    () => ({ db, user, online, signedIn, needsSignIn, syncing, lastRound, syncNow }),
    [db, user, online, signedIn, needsSignIn, syncing, lastRound, syncNow],
  );
  return <PhoneContext.Provider value={value}>{children}</PhoneContext.Provider>;
}
