import crypto from 'node:crypto';
import { localDate } from '../../../shared/time.ts';

/**
 * The case number (受理编号) staff read out and type: MQ, the Shanghai date of registration and
 * the case's id, e.g. MQ20261206000123. Unique because the id is.
 *
 * @example
 * caseNumber(new Date('2026-12-06T02:00:00Z'), '123'); // 'MQ20261206000123'
 */
export function caseNumber(registeredAt: Date, id: string): string {
  return `MQ${localDate(registeredAt).replaceAll('-', '')}${id.padStart(6, '0')}`;
}

// Crockford's base32 without I, L, O, U: nothing a resident can misread on a slip of paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A resident's tracking code (查询码, also the Open311 token): 10 random characters, 50 bits, so
 * guessing one among a county's cases is hopeless under the public page's rate limit.
 *
 * @example
 * trackingCode(); // e.g. 'K7Q2M9XPA4'
 */
export function trackingCode(): string {
  const bytes = crypto.randomBytes(10);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/** A typed tracking code as stored: upper case, without spaces or dashes, O read as 0 and I/L as 1. */
export const normalizeTrackingCode = (typed: string): string =>
  typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
