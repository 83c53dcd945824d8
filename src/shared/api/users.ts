/** Accounts and departments (see `contract.ts`). */
import { z } from 'zod';
import { page, ZOk } from '../schemas/common.ts';
import {
  ZCreateUserRequest,
  ZDepartment,
  ZEndUserSessionsRequest,
  ZEndUserSessionsResult,
  ZListUsersQuery,
  ZResetPasswordRequest,
  ZUpdateUserRequest,
  ZUser,
  ZUserIdParams,
  ZUserSession,
} from '../schemas/users.ts';
import { defineContract } from './contract.ts';

export const usersApi = {
  listUsers: defineContract({ method: 'GET', url: '/api/users', querystring: ZListUsersQuery, response: page(ZUser) }),
  getUser: defineContract({ method: 'GET', url: '/api/users/:id', params: ZUserIdParams, response: ZUser }),
  createUser: defineContract({ method: 'POST', url: '/api/users', body: ZCreateUserRequest, response: ZUser, status: 201 }),
  updateUser: defineContract({ method: 'PATCH', url: '/api/users/:id', params: ZUserIdParams, body: ZUpdateUserRequest, response: ZUser }),
  resetPassword: defineContract({ method: 'POST', url: '/api/users/:id/password', params: ZUserIdParams, body: ZResetPasswordRequest, response: ZOk }),
  /** The account's live sessions (devices), newest first. */
  listUserSessions: defineContract({ method: 'GET', url: '/api/users/:id/sessions', params: ZUserIdParams, response: z.object({ items: z.array(ZUserSession) }) }),
  /** End one of the account's sessions, or all of them (a lost phone); the device is told at its next request. */
  endUserSessions: defineContract({ method: 'POST', url: '/api/users/:id/sessions/end', params: ZUserIdParams, body: ZEndUserSessionsRequest, response: ZEndUserSessionsResult }),
};

export const departmentsApi = {
  listDepartments: defineContract({ method: 'GET', url: '/api/departments', response: z.object({ items: z.array(ZDepartment) }) }),
};
