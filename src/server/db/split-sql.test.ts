import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from './split-sql.ts';

describe('splitSqlStatements', () => {
  it('splits at top-level semicolons and drops comments', () => {
    expect(splitSqlStatements('CREATE TABLE a (x int); -- c;\nSELECT 1;')).toEqual(['CREATE TABLE a (x int)', 'SELECT 1']);
  });
  it('keeps semicolons inside strings, identifiers and block comments', () => {
    expect(splitSqlStatements(`SELECT 'a;b', "c;d" /* e; */; SELECT 'it''s;'`)).toEqual([
      `SELECT 'a;b', "c;d"`,
      `SELECT 'it''s;'`,
    ]);
  });
  it('keeps dollar-quoted function bodies whole', () => {
    const fn = `CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RAISE EXCEPTION 'x;y';\nEND $$`;
    expect(splitSqlStatements(`${fn};\nSELECT 2;`)).toEqual([fn, 'SELECT 2']);
    expect(splitSqlStatements(`SELECT $tag$a;$$;b$tag$; SELECT 3`)).toEqual(['SELECT $tag$a;$$;b$tag$', 'SELECT 3']);
  });
  it('returns nothing for an empty or comment-only script', () => {
    expect(splitSqlStatements('  -- only\n/* a comment */ ;; ')).toEqual([]);
  });
});
