import { z } from 'zod';
import { ZLocale } from '../locale.ts';
import { ZRole } from '../roles.ts';
import { ZUsername, ZNewPassword } from './auth.ts';
import { zName, ZId, ZRegionCode } from './common.ts';

export const ZUser = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(ZRole),
  regionCode: ZRegionCode,
  regionName: z.string(),
  departmentCode: z.string().nullable(),
  locale: ZLocale,
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

const ZRoles = z.array(ZRole).min(1).max(7).refine((r) => new Set(r).size === r.length, { message: 'roles repeat' });

export const ZCreateUserRequest = z.strictObject({
  username: ZUsername,
  displayName: zName(64),
  password: ZNewPassword,
  roles: ZRoles,
  regionCode: ZRegionCode,
  departmentCode: z.string().trim().min(1).max(32).optional(),
  locale: ZLocale.optional(),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z.strictObject({
  displayName: zName(64).optional(),
  roles: ZRoles.optional(),
  regionCode: ZRegionCode.optional(),
  departmentCode: z.string().trim().min(1).max(32).nullable().optional(),
  active: z.boolean().optional(),
  /** Clears a temporary lockout. */
  unlock: z.literal(true).optional(),
});

export const ZResetPasswordRequest = z.strictObject({ newPassword: ZNewPassword });

export const ZUserIdParams = z.strictObject({ id: ZId });

export const ZListUsersQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  regionCode: ZRegionCode.optional(),
  role: ZRole.optional(),
  q: z.string().trim().max(64).optional(),
});

export const ZDepartment = z.object({ id: ZId, code: z.string(), name: z.string(), nameEn: z.string().nullable() });
export type TDepartment = z.infer<typeof ZDepartment>;

/** A live session of an account (a signed-in phone or browser), as its admin sees it to end a lost phone's. */
export const ZUserSession = z.object({
  /** The session's id (the SHA-256 of its cookie token: naming it signs nobody in). */
  id: z.string(),
  deviceLabel: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Last use, written at most every few minutes; null when unused since sign-in. */
  lastSeenAt: z.string().nullable(),
  /** The address of its last use, or of the sign-in. */
  lastIp: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type TUserSession = z.infer<typeof ZUserSession>;

/** End one session of an account (`sessionId`), or all of them (no `sessionId`). */
export const ZEndUserSessionsRequest = z.strictObject({ sessionId: z.string().regex(/^[0-9a-f]{64}$/, { message: 'a session id: 64 hex digits' }).optional() });
export const ZEndUserSessionsResult = z.object({ ended: z.number().int() });
