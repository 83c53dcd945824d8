import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import type { Database } from '../db/database.ts';
import { escapeLike, inSubtree, isPathInSubtree, pathIds, regionPath, subtreePattern } from './in-subtree.ts';
import { isBelowScope, isInScope } from './region-scope.ts';

describe('escapeLike and subtreePattern', () => {
  it('escapes both wildcards and the escape character, and nothing else', () => {
    expect(escapeLike('/1/5/')).toBe('/1/5/');
    expect(escapeLike('%')).toBe('\\%');
    expect(escapeLike('_')).toBe('\\_');
    expect(escapeLike('\\')).toBe('\\\\');
    expect(escapeLike('/a_b/%c\\/')).toBe('/a\\_b/\\%c\\\\/');
  });
  it('appends the one unescaped wildcard at the end', () => {
    expect(subtreePattern('/1/5/')).toBe('/1/5/%');
    expect(subtreePattern('/1/_/')).toBe('/1/\\_/%');
  });
  it('refuses a path without its slashes (it would match its siblings)', () => {
    expect(() => subtreePattern('/1/2')).toThrow(/not a region path/);
    expect(() => subtreePattern('1/2/')).toThrow(/not a region path/);
    expect(() => subtreePattern('')).toThrow(/not a region path/);
    expect(() => subtreePattern('/')).toThrow(/not a region path/);
    expect(() => subtreePattern('/1//')).toThrow(/not a region path/);
    expect(regionPath('/1/')).toBe('/1/');
  });
});

describe('isPathInSubtree, isInScope, isBelowScope, pathIds', () => {
  it('includes the ancestor and its descendants, not a sibling sharing a prefix', () => {
    expect(isPathInSubtree('/1/2/', '/1/2/')).toBe(true);
    expect(isPathInSubtree('/1/2/3/', '/1/2/')).toBe(true);
    expect(isPathInSubtree('/1/22/', '/1/2/')).toBe(false);
    expect(isPathInSubtree('/1/', '/1/2/')).toBe(false);
    expect(() => isPathInSubtree('/1/22/', '/1/2')).toThrow(/not a region path/);
  });
  it('scopes an actor to their subtree; changes only strictly below it', () => {
    const actor = { regionPath: '/1/2/' };
    expect(isInScope(actor, '/1/2/')).toBe(true);
    expect(isInScope(actor, '/1/22/')).toBe(false);
    expect(isBelowScope(actor, '/1/2/')).toBe(false);
    expect(isBelowScope(actor, '/1/2/7/')).toBe(true);
    expect(isBelowScope(actor, '/1/3/')).toBe(false);
  });
  it('lists the ids along a path', () => {
    expect(pathIds('/1/5/27/')).toEqual(['1', '5', '27']);
  });
});

// a/b/c and a/bb: the classic prefix trap; then the LIKE metacharacters as ids.
const PATHS = ['/a/', '/a/b/', '/a/b/c/', '/a/bb/', '/1/', '/1/2/', '/1/22/', '/1/2/3/', '/1/_/', '/1/x/', '/1/%/', '/1/%/9/', '/1/\\/', '/1/\\/9/', '/1/\\x/'];

for (const dialect of DIALECTS) {
  describe(`inSubtree on ${dialect.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await dialect.open();
      await database.db
        .insertInto('region')
        .values(PATHS.map((path, i) => ({ code: `T${i}`, name: path, level: 'village', path, depth: pathIds(path).length - 1, opened_on: '2020-01-01' })))
        .execute();
    });
    afterAll(async () => database?.close());

    const below = async (ancestor: string) =>
      (await database.db.selectFrom('region').select('path').where((eb) => inSubtree(eb.ref('path'), ancestor)).orderBy('path').execute()).map((r) => r.path);

    it('finds a region and its descendants, never a sibling whose id shares the prefix', async () => {
      expect(await below('/a/b/')).toEqual(['/a/b/', '/a/b/c/']);
      expect(await below('/a/bb/')).toEqual(['/a/bb/']);
      expect(await below('/1/2/')).toEqual(['/1/2/', '/1/2/3/']);
      expect(await below('/a/')).toEqual(['/a/', '/a/b/', '/a/b/c/', '/a/bb/']);
    });

    it('takes % and _ and the escape character in a path literally', async () => {
      expect(await below('/1/_/')).toEqual(['/1/_/']);
      expect(await below('/1/%/')).toEqual(['/1/%/', '/1/%/9/']);
      expect(await below('/1/\\/')).toEqual(['/1/\\/', '/1/\\/9/']);
    });

    it('compares two columns the same way (a correlated "descendants of r")', async () => {
      const rows = await database.db
        .selectFrom('region as r')
        .innerJoin('region as d', (join) => join.on((eb) => inSubtree(eb.ref('d.path'), eb.ref('r.path'))))
        .select(['r.path as ancestor', 'd.path'])
        .where('r.path', 'in', ['/a/b/', '/1/2/', '/1/_/', '/1/%/'])
        .orderBy('r.path')
        .orderBy('d.path')
        .execute();
      expect(rows.map((r) => `${r.ancestor} ⊇ ${r.path}`)).toEqual(['/1/%/ ⊇ /1/%/', '/1/%/ ⊇ /1/%/9/', '/1/2/ ⊇ /1/2/', '/1/2/ ⊇ /1/2/3/', '/1/_/ ⊇ /1/_/', '/a/b/ ⊇ /a/b/', '/a/b/ ⊇ /a/b/c/']);
    });

    it('works inside raw SQL too', async () => {
      const { rows } = await sql<{ path: string }>`SELECT path FROM region WHERE ${inSubtree(sql.ref<string>('path'), '/1/2/')} ORDER BY path`.execute(database.db);
      expect(rows.map((r) => r.path)).toEqual(['/1/2/', '/1/2/3/']);
    });
  });
}
