/**
 * Every module keeps a front door. A unit is a domain module (`src/server/modules/<module>/`) or a
 * platform folder of `src/server/` with an `index.ts` (scope, stats, spreadsheets, uploads,
 * telephony …). Code outside a unit imports only its `index.ts`; what is not exported there is the
 * unit's own business and may change without telling anyone. This test reads every source file
 * (server, CLI, web, tests, benchmarks) and fails on an import past a front door. The exceptions:
 *
 * - a unit's own files (its tests included) import its internals;
 * - `src/server/app.ts` registers each module's `routes.ts` (the only way routes are reached);
 * - test code (`*.test.ts`, `test/`, `bench/`) imports a unit's `testing/` helpers, and nothing
 *   else imports a `testing/` folder;
 * - a few light doors, listed below with their reason: files that import nothing at run time,
 *   which the command line reads at start without loading the module behind them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Files outside a unit may import these besides its index.ts; each must import nothing but types. */
const LIGHT_DOORS: Record<string, string> = {
  'src/server/modules/demo/demo-defaults.ts': 'the demo password and size, shown in `lianxin --help` without loading the demo',
  'src/server/modules/backup/backup-error.ts': 'a backup refusal explained by the command line without loading the database code',
};

/**
 * The relative module specifiers of a source file, with their line numbers: static imports and
 * re-exports, side-effect imports and dynamic `import('…')` of a literal.
 *
 * @example
 * specifiers("import { a } from '../x/y.ts';\nconst m = await import('./z.ts');");
 * // => [{ line: 1, spec: '../x/y.ts', typeOnly: false }, { line: 2, spec: './z.ts', typeOnly: false }]
 */
export function specifiers(source: string): { line: number; spec: string; typeOnly: boolean }[] {
  const pattern = /\b(?:(import|export)\s+(type\s+)?(?:[\w*{},\s$]*?\s+from\s+)?|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\3/g;
  return [...source.matchAll(pattern)].map((m) => ({
    line: source.slice(0, m.index).split('\n').length,
    spec: m[4]!,
    typeOnly: Boolean(m[2]),
  }));
}

/** The unit a repository path belongs to (`src/server/modules/survey`, `src/server/stats`), if any. */
function unitOf(path: string): string | null {
  const module = /^src\/server\/modules\/[^/]+/.exec(path);
  if (module) return module[0];
  const platform = /^src\/server\/[^/]+(?=\/)/.exec(path);
  return platform && existsSync(join(ROOT, platform[0], 'index.ts')) ? platform[0] : null;
}

const isTestCode = (path: string) => /\.test\.tsx?$/.test(path) || path.startsWith('test/') || path.startsWith('bench/');

/**
 * Why an import from one file of the repository to another passes a front door it should not, or
 * null when it is allowed.
 *
 * @example
 * trespass('src/server/modules/pairing/routes.ts', 'src/server/modules/registry/get-household.ts');
 * // => 'imports src/server/modules/registry/get-household.ts: use src/server/modules/registry/index.ts'
 */
export function trespass(from: string, to: string): string | null {
  const unit = unitOf(to);
  const inside = unit !== null && from.startsWith(`${unit}/`);
  const rest = unit === null ? '' : to.slice(unit.length + 1);
  if (rest.startsWith('testing/') && !isTestCode(from)) return `imports the test helper ${to} outside test code`;
  if (unit === null || inside || rest === 'index.ts') return null;
  if (rest.startsWith('testing/')) return null;
  if (from === 'src/server/app.ts' && rest === 'routes.ts') return null;
  if (to in LIGHT_DOORS) return null;
  return `imports ${to}: use ${unit}/index.ts${rest === 'routes.ts' ? ' (routes are registered by src/server/app.ts only)' : ''}`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(?:ts|tsx|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

const FILES = ['src', 'test', 'bench'].flatMap(sourceFiles);
const importsOf = (file: string) =>
  specifiers(readFileSync(join(ROOT, file), 'utf8')).map((s) => ({ ...s, to: relative(ROOT, normalize(join(ROOT, dirname(file), s.spec))) }));

describe('specifiers and trespass', () => {
  it('find every kind of import', () => {
    const source = [
      "import { a, type B } from '../a/b.ts';",
      "import type { C } from './c.ts';",
      "export { d } from './d.ts';",
      "import './side-effect.ts';",
      "const [{ e }] = await Promise.all([import('../../e.ts')]);",
      "import {\n  f,\n  g,\n} from '../f.ts';",
      "import zlib from 'node:zlib';",
    ].join('\n');
    expect(specifiers(source).map((s) => [s.line, s.spec, s.typeOnly])).toEqual([
      [1, '../a/b.ts', false],
      [2, './c.ts', true],
      [3, './d.ts', false],
      [4, './side-effect.ts', false],
      [5, '../../e.ts', false],
      [6, '../f.ts', false],
    ]);
  });

  it.each([
    ['src/server/modules/pairing/routes.ts', 'src/server/modules/registry/get-household.ts', true],
    ['src/server/modules/fieldwork/get-case.ts', 'src/server/stats/aapor-dispositions.ts', true],
    ['src/cli/commands/user.ts', 'src/server/modules/users/user-queries.ts', true],
    ['src/server/modules/survey-results/routes.ts', 'src/server/modules/survey/routes.ts', true],
    ['src/server/modules/pairing/routes.ts', 'src/server/modules/registry/index.ts', false],
    ['src/server/modules/registry/routes.ts', 'src/server/modules/registry/get-household.ts', false],
    ['src/server/app.ts', 'src/server/modules/registry/routes.ts', false],
    ['src/server/modules/survey/draw-sample.test.ts', 'src/server/modules/fieldwork/testing/actors.ts', false],
    ['src/server/modules/demo/seed-demo.ts', 'src/server/modules/fieldwork/testing/actors.ts', true],
    ['src/cli/commands/serve.ts', 'src/server/modules/demo/demo-defaults.ts', false],
    ['src/server/modules/survey/routes.ts', 'src/server/http/route.ts', false],
  ])('%s → %s trespasses: %s', (from, to, expected) => {
    expect(trespass(from, to) !== null).toBe(expected);
  });
});

describe('front doors', () => {
  it('every import from outside a unit goes through its index.ts', () => {
    const found = FILES.flatMap((file) =>
      importsOf(file).flatMap(({ line, to }) => {
        const why = trespass(file, to);
        return why ? [`${file}:${line} ${why}`] : [];
      }),
    );
    expect(found).toEqual([]);
  });

  it('a front door re-exports no routes, and a light door loads nothing', () => {
    const units = [...new Set(FILES.map(unitOf).filter((u): u is string => u !== null))];
    const doors = units.filter((u) => existsSync(join(ROOT, u, 'index.ts'))).map((u) => `${u}/index.ts`);
    const routes = doors.flatMap((door) => importsOf(door).filter((s) => s.to.endsWith('/routes.ts')).map((s) => `${door}:${s.line}`));
    expect(routes).toEqual([]);
    const heavy = Object.keys(LIGHT_DOORS).flatMap((door) => importsOf(door).filter((s) => !s.typeOnly).map((s) => `${door}:${s.line} ${s.spec}`));
    expect(heavy).toEqual([]);
  });
});
