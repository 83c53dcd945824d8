/**
 * Opaque cursors for keyset pagination: the sort key of the last row, base64url JSON.
 * A cursor that does not decode is the caller's mistake: 400 invalid_cursor.
 */
import { z } from 'zod';
import { badRequest } from './errors.ts';

export const encodeCursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** @example decodeCursor(encodeCursor({ id: '42' }), z.object({ id: z.string() })); // { id: '42' } */
export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, schema: T): z.output<T> | null {
  if (cursor === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the error below
  }
  throw badRequest('invalid_cursor');
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one. */
export function pageOf<Row, Item>(rows: Row[], limit: number, toItem: (r: Row) => Item, keyOf: (r: Row) => unknown) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  return { items: pageRows.map(toItem), nextCursor: more ? encodeCursor(keyOf(pageRows[pageRows.length - 1]!)) : null };
}
