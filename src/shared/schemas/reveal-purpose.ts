/**
 * Why someone looks at a full ID number or phone (查看目的). Personal-information practice asks
 * that each use of sensitive data have a stated purpose; a reveal without one is refused (400)
 * and the purpose is recorded in the reveal's audit entry (`after.purpose`).
 */
import { z } from 'zod';
import { noInvisibleCharacters } from './common.ts';

/** The purposes a person chooses from; 其他 needs words. */
export const REVEAL_PURPOSES = [
  'home_visit', // 入户走访核实
  'assistance', // 帮扶救助办理
  'petition', // 诉求办理联系
  'data_correction', // 数据核对更正
  'other', // 其他（须说明）
] as const;
export type TRevealPurposeCode = (typeof REVEAL_PURPOSES)[number];

/** Purposes the server records itself: a survey dial's purpose is the survey, not a choice. */
export const AUTOMATIC_REVEAL_PURPOSES = ['survey_call', 'survey_recheck'] as const;

export const REVEAL_NOTE_MAX = 100;

export const REVEAL_NOTE_REQUIRED_MESSAGE = 'say the purpose in words when it is "other"';

/**
 * The purpose sent with a reveal: a code, and words (required for `other`, at most 100
 * characters, no invisible characters). An empty note becomes null.
 *
 * @example
 * ZRevealPurpose.parse({ code: 'home_visit' }); // { code: 'home_visit', note: null }
 * ZRevealPurpose.safeParse({ code: 'other' }).success; // false
 */
export const ZRevealPurpose = z
  .strictObject({
    code: z.enum(REVEAL_PURPOSES),
    note: z.string().check(noInvisibleCharacters).trim().max(REVEAL_NOTE_MAX).nullish(),
  })
  .transform((p) => ({ code: p.code, note: p.note ? p.note : null }))
  .refine((p) => p.code !== 'other' || p.note !== null, { message: REVEAL_NOTE_REQUIRED_MESSAGE, path: ['note'] });
export type TRevealPurpose = z.output<typeof ZRevealPurpose>;

/** The body of `POST /api/residents/:id/reveal-id-number` and `POST /api/resident-phones/:id/reveal`. */
export const ZRevealRequest = z.strictObject({ purpose: ZRevealPurpose });
export type TRevealRequest = z.input<typeof ZRevealRequest>;

/** A purpose as stored in an audit entry (chosen or automatic), read back for the audit view. */
export const ZRecordedPurpose = z.object({
  code: z.enum([...REVEAL_PURPOSES, ...AUTOMATIC_REVEAL_PURPOSES]),
  note: z.string().nullable(),
});
export type TRecordedPurpose = z.infer<typeof ZRecordedPurpose>;
