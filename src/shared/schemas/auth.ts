import { z } from 'zod';
import { ZLocale } from '../locale.ts';
import { ZRole } from '../roles.ts';
import { noInvisibleCharacters, ZId, ZRegionCode } from './common.ts';

/** Unique without regard to case: `ADMIN` is the account `admin` (a unique index on lower(username)). */
export const ZUsername = z.string().check(noInvisibleCharacters).trim().min(2).max(64).regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/, {
  message: 'letters, digits, Chinese characters, _ . - only',
});

export const ZLoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  /** The device's name, so an admin can end a lost phone's sessions ("张三的手机"); optional. */
  deviceLabel: z.string().check(noInvisibleCharacters).trim().min(1).max(60).optional(),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** The signed-in user as the web app sees it. */
export const ZMe = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(ZRole),
  locale: ZLocale,
  region: z.object({ id: ZId, code: ZRegionCode, name: z.string(), nameEn: z.string().nullable(), level: z.string() }),
  department: z.object({ id: ZId, code: z.string(), name: z.string(), nameEn: z.string().nullable() }).nullable(),
  /** Send back in the X-CSRF-Token header on every write. */
  csrfToken: z.string(),
  sessionExpiresAt: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

/** At least 8 characters, with a letter and a digit. */
export const ZNewPassword = z
  .string()
  .min(8)
  .max(256)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { message: 'needs letters and digits' });

export const ZChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: ZNewPassword,
});

export const ZSetLocaleRequest = z.strictObject({ locale: ZLocale });
