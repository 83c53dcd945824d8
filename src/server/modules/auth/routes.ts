import type { FastifyInstance } from 'fastify';
import { ZOk } from '../../../shared/schemas/common.ts';
import { ZChangePasswordRequest, ZLoginRequest, ZMe, ZSetLocaleRequest } from '../../../shared/schemas/auth.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf, recordAudit } from '../audit/index.ts';
import { regionOfUser } from '../../scope/index.ts';
import { changePassword } from './change-password.ts';
import { getMe } from './get-me.ts';
import { login } from './login.ts';
import { loadSession, revokeSession, SESSION_COOKIE } from './sessions.ts';

export function authRoutes(app: FastifyInstance, { db, env }: AppContext) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: env.COOKIE_SECURE } as const;

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/login',
    access: { kind: 'public' },
    summary: 'Sign in with username and password; sets the session cookie',
    tags: ['auth'],
    body: ZLoginRequest,
    response: ZMe,
    rateLimit: { max: env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' },
    handler: async ({ body }, req, reply) => {
      const { token, session } = await login(db, {
        username: body.username,
        password: body.password,
        ttlHours: env.SESSION_TTL_HOURS,
        userAgent: req.headers['user-agent'] ?? null,
        source: auditSourceOf(req),
      });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires: session.expiresAt });
      const loaded = await loadSession(db, token);
      return getMe(db, loaded!.actor, session);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/logout',
    access: { kind: 'signed-in', write: false },
    summary: 'Sign out: revokes this session',
    tags: ['auth'],
    response: ZOk,
    handler: async ({ actor }, req, reply) => {
      await revokeSession(db, req.session!.id);
      await recordAudit(db, auditSourceOf(req), { action: 'auth.logout', entityType: 'user', entityId: actor.id, region: await regionOfUser(db, actor.id) });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/auth/me',
    access: { kind: 'signed-in', write: false },
    summary: 'The signed-in user, with the CSRF token to send on writes',
    tags: ['auth'],
    response: ZMe,
    handler: async ({ actor }, req) => getMe(db, actor, req.session!),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/password',
    access: { kind: 'signed-in', write: false },
    summary: "Change one's own password; other sessions are ended",
    tags: ['auth'],
    body: ZChangePasswordRequest,
    response: ZOk,
    handler: async ({ body, actor }, req) => {
      await changePassword(db, actor, req.session!, body, auditSourceOf(req));
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/auth/locale',
    access: { kind: 'signed-in', write: false },
    summary: 'Set the interface language of the signed-in user',
    tags: ['auth'],
    body: ZSetLocaleRequest,
    response: ZOk,
    handler: async ({ body, actor }, req) => {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('app_user').set({ locale: body.locale }).where('id', '=', actor.id).execute();
        await recordAudit(trx, auditSourceOf(req), { action: 'user.locale', entityType: 'user', entityId: actor.id, region: await regionOfUser(trx, actor.id), before: { locale: actor.locale }, after: { locale: body.locale } });
      });
      return { ok: true as const };
    },
  });
}
