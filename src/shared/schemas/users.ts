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
