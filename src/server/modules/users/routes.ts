import type { FastifyInstance } from 'fastify';
import { ADMIN_ROLES } from '../../../shared/roles.ts';
import { page, ZOk } from '../../../shared/schemas/common.ts';
import {
  ZCreateUserRequest,
  ZListUsersQuery,
  ZResetPasswordRequest,
  ZUpdateUserRequest,
  ZUser,
  ZUserIdParams,
} from '../../../shared/schemas/users.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';
import { resetPassword } from './reset-password.ts';
import { updateUser } from './update-user.ts';
import { findUserInScope } from './user-rules.ts';
import { toUser } from './user-queries.ts';

const adminRead = { kind: 'roles', roles: ADMIN_ROLES, write: false } as const;
const adminWrite = { kind: 'roles', roles: ADMIN_ROLES, write: true } as const;

export function userRoutes(app: FastifyInstance, { db }: AppContext) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/users',
    access: adminRead,
    summary: 'Accounts in your subtree',
    tags: ['users'],
    querystring: ZListUsersQuery,
    response: page(ZUser),
    handler: async ({ query }, req) => listUsers(db, req.actor!, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/users/:id',
    access: adminRead,
    summary: 'One account',
    tags: ['users'],
    params: ZUserIdParams,
    response: ZUser,
    handler: async ({ params }, req) => toUser(await findUserInScope(db, req.actor!, params.id)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/users',
    access: adminWrite,
    summary: 'Create an account in your subtree',
    tags: ['users'],
    body: ZCreateUserRequest,
    response: ZUser,
    status: 201,
    handler: async ({ body }, req) => createUser(db, req.actor!, body, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/users/:id',
    access: adminWrite,
    summary: 'Change roles, region, department, status; lift a lockout',
    tags: ['users'],
    params: ZUserIdParams,
    body: ZUpdateUserRequest,
    response: ZUser,
    handler: async ({ params, body }, req) => updateUser(db, req.actor!, params.id, body, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/password',
    access: adminWrite,
    summary: "Set a new password for an account; its sessions end",
    tags: ['users'],
    params: ZUserIdParams,
    body: ZResetPasswordRequest,
    response: ZOk,
    handler: async ({ params, body }, req) => {
      await resetPassword(db, req.actor!, params.id, body.newPassword, auditSourceOf(req));
      return { ok: true as const };
    },
  });
}
