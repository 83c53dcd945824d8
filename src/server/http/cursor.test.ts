import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts';
import { AppError } from './errors.ts';

const Key = z.object({ id: z.string().regex(/^\d+$/) });

describe('cursors', () => {
  it('round-trips a key', () => {
    expect(decodeCursor(encodeCursor({ id: '42' }), Key)).toEqual({ id: '42' });
    expect(decodeCursor(undefined, Key)).toBeNull();
  });
  it.each(['', 'not-base64!', encodeCursor({ id: 'x' }), encodeCursor([1]), Buffer.from('{').toString('base64url')])('rejects %j with 400 invalid_cursor', (bad) => {
    try {
      decodeCursor(bad, Key);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).code).toBe('invalid_cursor');
    }
  });
  it('pages: a next cursor only when there are more rows than the limit', () => {
    const rows = [{ id: '5' }, { id: '4' }, { id: '3' }];
    expect(pageOf(rows, 2, (r) => r.id, (r) => r)).toEqual({ items: ['5', '4'], nextCursor: encodeCursor({ id: '4' }) });
    expect(pageOf(rows, 3, (r) => r.id, (r) => r)).toEqual({ items: ['5', '4', '3'], nextCursor: null });
  });
});
