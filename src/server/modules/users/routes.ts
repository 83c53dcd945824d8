import type { FastifyInstance } from 'fastify';
import { usersApi } from '../../../shared/api/users.ts';
import { ADMIN_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { createUser } from './create-user.ts';
import { endUserSessions } from './end-user-sessions.ts';
import { getUser } from './get-user.ts';
import { listUserSessions } from './list-user-sessions.ts';
import { listUsers } from './list-users.ts';
import { resetPassword } from './reset-password.ts';
import { updateUser } from './update-user.ts';

const adminRead = { kind: 'roles', roles: ADMIN_ROLES, write: false } as const;
const adminWrite = { kind: 'roles', roles: ADMIN_ROLES, write: true } as const;

export function userRoutes(app: FastifyInstance, { db }: AppContext) {
  defineRoute(app, usersApi.listUsers, {
    access: adminRead,
    summary: 'Accounts in your subtree',
    tags: ['users'],
    handler: async ({ query, actor }) => listUsers({ db, actor }, query),
  });

  defineRoute(app, usersApi.getUser, {
    access: adminRead,
    summary: 'One account',
    tags: ['users'],
    handler: async ({ params, actor }) => getUser({ db, actor }, { id: params.id }),
  });

  defineRoute(app, usersApi.createUser, {
    access: adminWrite,
    summary: 'Create an account in your subtree',
    tags: ['users'],
    handler: async ({ body, actor }, req) => createUser({ db, actor, source: auditSourceOf(req) }, body),
  });

  defineRoute(app, usersApi.updateUser, {
    access: adminWrite,
    summary: 'Change roles, region, department, status; lift a lockout',
    tags: ['users'],
    handler: async ({ params, body, actor }, req) => updateUser({ db, actor, source: auditSourceOf(req) }, { id: params.id, changes: body }),
  });

  defineRoute(app, usersApi.resetPassword, {
    access: adminWrite,
    summary: 'Set a new password for an account; its sessions end',
    tags: ['users'],
    handler: async ({ params, body, actor }, req) => {
      await resetPassword({ db, actor, source: auditSourceOf(req) }, { id: params.id, newPassword: body.newPassword });
      return { ok: true as const };
    },
  });

  defineRoute(app, usersApi.listUserSessions, {
    access: adminRead,
    summary: 'The live sessions (signed-in devices) of an account you manage, newest first',
    tags: ['users'],
    handler: async ({ params, actor }) => listUserSessions({ db, actor }, { id: params.id }),
  });

  defineRoute(app, usersApi.endUserSessions, {
    access: adminWrite,
    summary: 'End one session of an account you manage (a lost phone), or all of them; the device gets 401 session_ended at its next request',
    tags: ['users'],
    handler: async ({ params, body, actor }, req) => endUserSessions({ db, actor, source: auditSourceOf(req) }, { id: params.id, sessionId: body.sessionId }),
  });
}
