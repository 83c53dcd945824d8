/**
 * Region scope is spelled in one place, src/server/scope. This test reads every .ts file under
 * src/server outside that folder and fails on a path-prefix filter written by hand: a LIKE or
 * `starts_with` against a path column (Kysely or raw SQL), a `path || '%'` pattern, or a JS
 * `startsWith` between region paths. Those are exactly the spellings that forget the escaping
 * or the trailing slash; use `inSubtree`, `isInScope` or `isPathInSubtree` instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** A column or variable that holds a region path: `path`, `r.path`, `region_path`, `regionPath`, `county_path` … */
const PATHISH = String.raw`[\w$.]*(?:path|Path)`;

const RULES: { name: string; pattern: RegExp }[] = [
  // Kysely: .where('r.path', 'like', …), eb('a.region_path', 'like', …), 'not like', 'ilike'.
  { name: "Kysely 'like' on a path column", pattern: new RegExp(String.raw`['"\`]${PATHISH}['"\`]\s*,\s*['"\`](?:not\s+)?i?like['"\`]`, 'i') },
  // Raw SQL: v.path LIKE ${…}, hh.path LIKE c.path || '%', region_path LIKE '…'.
  { name: 'SQL LIKE on a path column', pattern: new RegExp(String.raw`\b${PATHISH}\s+(?:NOT\s+)?I?LIKE\s+(?:\$\{|'|[\w.]+\s*\|\|)`, 'i') },
  // A prefix pattern built from a path in SQL: r.path || '%'.
  { name: "SQL path || '%' pattern", pattern: new RegExp(String.raw`${PATHISH}\s*\|\|\s*'%'`) },
  // starts_with(path, …) and the ^@ operator on a path.
  { name: 'SQL starts_with on a path', pattern: new RegExp(String.raw`starts_with\(\s*${PATHISH}\s*,`, 'i') },
  { name: 'SQL ^@ on a path', pattern: new RegExp(String.raw`${PATHISH}\s*\^@`) },
  // JS: region.path.startsWith(actor.regionPath), x.startsWith(wave.county_path). A literal
  // argument (url.startsWith('/api/')) is not a region path and passes.
  { name: 'JS startsWith a path', pattern: new RegExp(String.raw`\.startsWith\(\s*${PATHISH}\s*\)`) },
  { name: 'JS startsWith on a region path', pattern: /(?:regionPath|region_path|county_path|village_path|\.path)\.startsWith\(/ },
];

/**
 * The hand-written scope filters in one file's source, with their line numbers.
 *
 * @example
 * handWrittenScope(".where('r.path', 'like', `${p}%`)"); // => [{ line: 1, rule: "Kysely 'like' on a path column", text: … }]
 */
function handWrittenScope(source: string): { line: number; rule: string; text: string }[] {
  return source.split('\n').flatMap((text, i) => RULES.filter((r) => r.pattern.test(text)).map((r) => ({ line: i + 1, rule: r.name, text: text.trim() })));
}

const SERVER = fileURLToPath(new URL('..', import.meta.url));
const KERNEL = fileURLToPath(new URL('.', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return full === KERNEL.replace(/\/$/, '') ? [] : tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('handWrittenScope', () => {
  it.each([
    [".where('r.path', 'like', `${scopePath}%`)"],
    ["eb('a.region_path', 'like', `${p}%`)"],
    ['.where("path", "not like", x)'],
    ["WHERE v.path LIKE ${`${region.path}%`}"],
    ["LEFT JOIN hardship_household hh ON hh.path LIKE c.path || '%'"],
    ["eb(sql.val(actor.regionPath), 'like', sql<string>`c.path || '%'`)"],
    ['(household_path IS NOT NULL AND NOT starts_with(household_path, ${ctx.scopePath}))'],
    ['WHERE r.path ^@ ${p}'],
    ['export const isInScope = (actor, path) => path.startsWith(actor.regionPath);'],
    ['if (!actor.regionPath.startsWith(wave.county_path)) return null;'],
    ['newParent.path.startsWith(region.path)'],
  ])('flags %s', (line) => {
    expect(handWrittenScope(line)).not.toEqual([]);
  });

  it.each([
    ["query.where('r.name', 'like', `${escapeLike(q.value)}%`)"],
    ["eb('u.username', 'ilike', pattern)"],
    [".where((eb) => inSubtree(eb.ref('r.path'), scopePath))"],
    ["if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;"],
    ["const clientRoute = !path.startsWith('/api/');"],
    ["if (!lastDisposition.startsWith('T')) return lastDisposition;"],
    ['// A path like /1/5/27/ lists the ancestors.'],
    ["path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,"],
  ])('passes %s', (line) => {
    expect(handWrittenScope(line)).toEqual([]);
  });
});

describe('region scope lives only in src/server/scope', () => {
  it('finds no hand-written path-prefix filter anywhere else under src/server', () => {
    const files = tsFiles(SERVER);
    // The walk must see the modules, or the test proves nothing.
    expect(files.some((f) => f.endsWith('modules/registry/search-residents.ts'))).toBe(true);
    expect(files.some((f) => f.startsWith(KERNEL))).toBe(false);
    const found = files.flatMap((file) => handWrittenScope(readFileSync(file, 'utf8')).map((v) => `${relative(SERVER, file)}:${v.line} (${v.rule}): ${v.text}`));
    expect(found, 'use inSubtree / isInScope / isPathInSubtree from src/server/scope instead').toEqual([]);
  });
});
