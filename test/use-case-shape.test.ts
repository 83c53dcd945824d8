/**
 * The house's use-case convention (ARCHITECTURE.md, "Context and options"): a use case is the
 * function a module file exports under the file's own name (`create-user.ts` → `createUser`) and
 * takes `(ctx, options)` — a context holding the database, the actor and for changes the audit
 * source, then one typed options object. A bare database as the first argument or a third
 * positional argument fails here. Helpers exported beside a use case may take up to three
 * parameters (a query builder given an executor, say). A building block that runs inside its
 * caller's transaction and checks nothing takes `(executor, options)` instead: those are listed in
 * BUILDING_BLOCKS with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MODULES = path.resolve(import.meta.dirname, '../src/server/modules');

/** Eponymous exports that take an executor, not a context, and why. */
const BUILDING_BLOCKS: Record<string, string> = {
  'regions/insert-region.ts#insertRegion': "writes one region row inside its caller's transaction (openRegion, the demo seed, test fixtures); checks nothing",
  'cases/assign-case.ts#assignCase': "writes one dispatch (assignment, case status, history step) inside its caller's transaction: intake, dispatch, escalation, reopening and the deadline sweep check scope and step first",
};

interface ExportedFunction {
  key: string;
  name: string;
  parameters: string[];
  eponymous: boolean;
}

function moduleFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return moduleFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const camel = (fileName: string) => path.basename(fileName, '.ts').replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

function exportedFunctions(file: string): ExportedFunction[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const rel = path.relative(MODULES, file).split(path.sep).join('/');
  const found: ExportedFunction[] = [];
  const add = (name: string, parameters: ts.NodeArray<ts.ParameterDeclaration>) =>
    found.push({ key: `${rel}#${name}`, name, parameters: parameters.map((p) => p.name.getText(source)), eponymous: name === camel(file) });
  for (const statement of source.statements) {
    if (!(ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) add(statement.name.text, statement.parameters);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        const init = d.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) add(d.name.getText(source), init.parameters);
      }
    }
  }
  return found;
}

/** Why a function breaks the convention, or null. */
function breach(f: ExportedFunction): string | null {
  if (f.parameters.length > 3) return `${f.parameters.length} positional parameters`;
  if (!f.eponymous || (f.key in BUILDING_BLOCKS && f.parameters.length <= 2)) return null;
  if (f.parameters.length > 2) return 'a use case takes (ctx, options)';
  if (/^(db|trx|database|executor)$/.test(f.parameters[0] ?? '')) return 'a use case takes a context, not a bare database';
  return null;
}

describe('use cases take (ctx, options)', () => {
  const all = moduleFiles(MODULES).flatMap(exportedFunctions);

  it('in every module', () => {
    const offenders = all.filter((f) => breach(f)).map((f) => `${f.key}: ${breach(f)}`);
    expect(offenders).toEqual([]);
  });

  it('has no stale building-block exception', () => {
    const stale = Object.keys(BUILDING_BLOCKS).filter((key) => !all.some((f) => f.key === key && f.eponymous));
    expect(stale).toEqual([]);
  });
});
