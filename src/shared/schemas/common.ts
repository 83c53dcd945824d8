import { z } from 'zod';

/** Official division code: 6 (county and above), 9 (township), 12 (village) or 15 (grid) digits. */
export const ZRegionCode = z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{15})$/, {
  message: 'division code: 6, 9, 12 or 15 digits',
});

/** An id as the API sends it: a decimal string (int8 in the database). */
/** A code of a configured list (hardship categories, aid items, goods, policies): lower-case letters, digits and `_`, 2 to 40 characters. */
export const ZListCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'a code: lower-case letters, digits and _' });

export const ZId = z.string().regex(/^[1-9]\d{0,17}$/, { message: 'an id: a positive whole number' });

/** A calendar date. PostgreSQL has no year 0: '0000-01-01' would fail in SQL (a 500), so it is refused here. */
export const ZIsoDate = z.iso.date().refine((d) => !d.startsWith('0000'), { message: 'must be between the years 1 and 9999' });

/** An instant with its offset. PGlite cannot send one outside years 1–9999 (UTC) to the database: refused here, not a 500. */
export const ZInstant = z.iso.datetime({ offset: true }).refine(
  (v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= 1 && year <= 9999;
  },
  { message: 'must be between the years 1 and 9999' },
);

/** Cursor pagination: pass back `nextCursor` as `cursor` for the next page. */
export const ZPageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const ZOk = z.object({ ok: z.literal(true) });

/**
 * Invisible and direction-changing characters: zero-width space, non-joiner and joiner, the
 * left-to-right and right-to-left marks (U+200B–U+200F), the bidi embeddings and overrides
 * (U+202A–U+202E), the bidi isolates (U+2066–U+2069) and the byte-order mark (U+FEFF). In a
 * name they make two different strings look alike (`admin` and `ad\u200Bmin`) or show text in
 * another order than it is stored, so a list of people or accounts could be made to lie.
 */
export const INVISIBLE_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

export const INVISIBLE_CHARACTERS_MESSAGE = 'must not contain invisible or direction-changing characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF)';

/** @example hasInvisibleCharacters('张\u200B三'); // true */
export const hasInvisibleCharacters = (value: string) => INVISIBLE_CHARACTERS.test(value);

/**
 * The one refinement every name field uses (people, accounts, regions, categories). Checked on
 * the text as sent, before `.trim()`, which would quietly drop a leading or trailing U+FEFF.
 *
 * @example
 * const ZTitle = z.string().check(noInvisibleCharacters).trim().max(40);
 */
export const noInvisibleCharacters = z.refine<string>((v) => !hasInvisibleCharacters(v), { message: INVISIBLE_CHARACTERS_MESSAGE });

/**
 * A name as people type it: no invisible or direction-changing characters, trimmed, 1 to `max`
 * characters.
 *
 * @example
 * const ZDisplayName = zName(64);
 * ZDisplayName.parse(' 王伟 '); // '王伟'
 * ZDisplayName.safeParse('王\u202E伟').success; // false
 */
export const zName = (max: number) => z.string().check(noInvisibleCharacters).trim().min(1).max(max);
