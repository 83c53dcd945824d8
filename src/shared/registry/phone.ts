/**
 * Phone numbers as residents give them: mobiles (11 digits, 1[3-9]…) and landlines (area code
 * 0xx or 0xxx, then 7–8 digits), optionally with +86 / 86 in front.
 */
import { normalizeDigits } from './normalize.ts';

export type PhoneKind = 'mobile' | 'landline';

export type PhoneResult = { ok: true; phone: string; kind: PhoneKind } | { ok: false; problem: 'phone_format' };

/**
 * Validates and canonicalises a phone number: mobiles as 11 digits, landlines as area code and
 * number without separators (e.g. 05385621234).
 *
 * @example
 * parsePhone('+86 138-1234-5678'); // { ok: true, phone: '13812345678', kind: 'mobile' }
 * parsePhone('0538-5621234');      // { ok: true, phone: '05385621234', kind: 'landline' }
 */
export function parsePhone(value: string): PhoneResult {
  let digits = normalizeDigits(value).replace(/^\((0\d{2,3})\)/, '$1').replace(/[()]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (/^86(1[3-9]\d{9})$/.test(digits)) digits = digits.slice(2);
  if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, phone: digits, kind: 'mobile' };
  // Area codes: 010, 02x (3 digits with the 0) or 0xxx (4 digits); local numbers 7–8 digits not starting with 0 or 1.
  if (/^(010|02\d|0[3-9]\d{2})[2-9]\d{6,7}$/.test(digits)) return { ok: true, phone: digits, kind: 'landline' };
  return { ok: false, problem: 'phone_format' };
}

/**
 * Masked for lists: a mobile keeps its first three and last four digits, a landline its area
 * code and last four.
 *
 * @example
 * maskPhone('13812345678'); // '138****5678'
 * maskPhone('05385621234'); // '0538****1234'
 */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const area = /^(010|02\d|0[3-9]\d{2})/.exec(phone)?.[1] ?? phone.slice(0, 4);
  return `${area}****${phone.slice(-4)}`;
}
