/**
 * What every channel hands to the intake (受理): the clerk's form, a visit's problem, a survey's
 * open answer, a 12345 row, an Open311 request and the resident page all become this before
 * `registerCase` stores it.
 */
import { z } from 'zod';
import { ZId, ZRegionCode, noInvisibleCharacters, zName } from '../schemas/common.ts';
import { parseIdNumber } from '../registry/id-number.ts';
import { parsePhone } from '../registry/phone.ts';

/** A mobile (1[3-9] + 9 digits) or landline (0538-1234567) number; full-width digits and spaces are accepted. */
export const ZContactPhone = z
  .string()
  .max(40)
  .refine((v) => parsePhone(v).ok, { message: 'must be a mobile number (11 digits starting 1[3-9]) or a landline with its area code (0538-1234567)' });

/** A resident ID number (GB 11643: 18 characters, valid birth date and check character). */
export const ZContactIdNumber = z
  .string()
  .max(40)
  .refine((v) => parseIdNumber(v).ok, { message: 'must be an 18-character resident ID number with a valid birth date and check character' });

/** A category code (诉求分类编码): lower-case letters, digits, _ and -. */
export const ZCaseCategoryCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'a category code: lower-case letters, digits, _ and -' });

export const ZCaseIntake = z.strictObject({
  /** The category (诉求分类) by code. */
  categoryCode: ZCaseCategoryCode,
  /** Where the problem is: a village (12 digits) or, when no village is known, a township (9). */
  regionCode: ZRegionCode,
  title: zName(100),
  description: z.string().check(noInvisibleCharacters).trim().min(1).max(4000),
  address: z.string().check(noInvisibleCharacters).trim().max(200).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  urgent: z.boolean().optional(),
  contactName: z.string().check(noInvisibleCharacters).trim().max(50).optional(),
  contactPhone: ZContactPhone.optional(),
  /** Links the case to the registry's resident with this number (never stored on the case). */
  contactIdNumber: ZContactIdNumber.optional(),
  /** Links the case to a resident the clerk picked from the registry. */
  residentId: ZId.optional(),
  /** The resident agreed to be called back and told of progress. */
  consentContact: z.boolean().optional(),
});
export type TCaseIntake = z.infer<typeof ZCaseIntake>;
