import type { FastifyInstance } from 'fastify';
import { authApi } from '../../../shared/api/auth.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { changePassword } from './change-password.ts';
import { getMe } from './get-me.ts';
import { logOut } from './log-out.ts';
import { login } from './login.ts';
import { loadSession, SESSION_COOKIE } from './sessions.ts';
import { setLocale } from './set-locale.ts';

export function authRoutes(app: FastifyInstance, { db, env }: AppContext) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: env.COOKIE_SECURE } as const;

  defineRoute(app, authApi.login, {
    access: { kind: 'public' },
    summary: 'Sign in with username and password; sets the session cookie',
    tags: ['auth'],
    rateLimit: { max: env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' },
    handler: async ({ body }, req, reply) => {
      const { token, session } = await login(
        { db, actor: null, source: auditSourceOf(req) },
        { username: body.username, password: body.password, ttlHours: env.SESSION_TTL_HOURS, userAgent: req.headers['user-agent'] ?? null, deviceLabel: body.deviceLabel },
      );
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: session.expiresAt });
      const loaded = await loadSession(db, token);
      return getMe({ db, actor: loaded!.actor }, { session });
    },
  });

  defineRoute(app, authApi.logout, {
    access: { kind: 'signed-in', write: false },
    summary: 'Sign out: revokes this session',
    tags: ['auth'],
    handler: async ({ actor }, req, reply) => {
      await logOut({ db, actor, source: auditSourceOf(req) }, { sessionId: req.session!.id });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  });

  defineRoute(app, authApi.getMe, {
    access: { kind: 'signed-in', write: false },
    summary: 'The signed-in user, with the CSRF token to send on writes',
    tags: ['auth'],
    handler: async ({ actor }, req) => getMe({ db, actor }, { session: req.session! }),
  });

  defineRoute(app, authApi.changePassword, {
    access: { kind: 'signed-in', write: false },
    summary: "Change one's own password; other sessions are ended",
    tags: ['auth'],
    handler: async ({ body, actor }, req) => {
      await changePassword({ db, actor, source: auditSourceOf(req) }, { ...body, keepSessionId: req.session!.id });
      return { ok: true as const };
    },
  });

  defineRoute(app, authApi.setLocale, {
    access: { kind: 'signed-in', write: false },
    summary: 'Set the interface language of the signed-in user',
    tags: ['auth'],
    handler: async ({ body, actor }, req) => {
      await setLocale({ db, actor, source: auditSourceOf(req) }, { locale: body.locale });
      return { ok: true as const };
    },
  });
}
