import { z } from 'zod';

/** Official division code: 6 (county and above), 9 (township), 12 (village) or 15 (grid) digits. */
export const ZRegionCode = z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{15})$/, {
  message: 'division code: 6, 9, 12 or 15 digits',
});

/** An id as the API sends it: a decimal string (int8 in the database). */
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
