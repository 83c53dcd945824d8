/**
 * Who is signed in. Loads `authApi.getMe` at start, keeps the CSRF token in the API client,
 * and sends the user to the login page when the server answers 401.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { authApi } from '../../shared/api/auth.ts';
import type { TLocale } from '../../shared/locale.ts';
import { call, onUnauthorized, setCsrfToken, type ApiError } from '../api.ts';
import { storedLocale, useI18n } from '../i18n/index.tsx';
import type { TMe } from '../types.ts';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' }
  | { status: 'signed-in'; me: TMe };

export interface Auth {
  state: AuthState;
  login(username: string, password: string): Promise<TMe>;
  logout(): Promise<void>;
  /** Changes the interface language, and the account's when signed in. */
  changeLocale(locale: TLocale): void;
  /** Loads the signed-in user again (after changing one's own account). */
  refresh(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const localeRef = useRef(locale);
  useEffect(() => {
    localeRef.current = locale;
  }, [locale]);

  /** A device choice wins and is saved to the account; without one, the account's language is used. */
  const adoptAccountLocale = useCallback(
    (me: TMe) => {
      const chosen = storedLocale();
      if (chosen === null) {
        if (me.locale !== localeRef.current) setLocale(me.locale, { persist: false });
      } else if (chosen !== me.locale) {
        void call(authApi.setLocale, { body: { locale: chosen } }).catch(() => undefined);
      }
    },
    [setLocale],
  );

  const signedIn = useCallback(
    (me: TMe) => {
      setCsrfToken(me.csrfToken);
      adoptAccountLocale(me);
      setState({ status: 'signed-in', me });
    },
    [adoptAccountLocale],
  );

  useEffect(() => {
    onUnauthorized((_error: ApiError) => {
      setCsrfToken(null);
      // Several requests may fail at once: the first one decides.
      setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : s.status === 'loading' ? { status: 'signed-out' } : s));
    });
    let cancelled = false;
    call(authApi.getMe, {}, { redirectOn401: false })
      .then((me) => !cancelled && signedIn(me))
      .catch(() => !cancelled && setState({ status: 'signed-out' }));
    return () => {
      cancelled = true;
      onUnauthorized(null);
    };
  }, [signedIn]);

  const login = useCallback(
    async (username: string, password: string) => {
      const me = await call(authApi.login, { body: { username, password } }, { redirectOn401: false });
      signedIn(me);
      return me;
    },
    [signedIn],
  );

  const logout = useCallback(async () => {
    try {
      await call(authApi.logout, {}, { redirectOn401: false });
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    }
  }, []);

  const signedInNow = state.status === 'signed-in';
  const changeLocale = useCallback(
    (next: TLocale) => {
      setLocale(next);
      if (signedInNow) {
        void call(authApi.setLocale, { body: { locale: next } }).catch(() => undefined);
        setState((s) => (s.status === 'signed-in' ? { status: 'signed-in', me: { ...s.me, locale: next } } : s));
      }
    },
    [setLocale, signedInNow],
  );

  const refresh = useCallback(async () => {
    const me = await call(authApi.getMe);
    setCsrfToken(me.csrfToken);
    setState({ status: 'signed-in', me });
  }, []);

  const value = useMemo<Auth>(() => ({ state, login, logout, changeLocale, refresh }), [state, login, logout, changeLocale, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useMe(): TMe {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe while not signed in');
  return state.me;
}
