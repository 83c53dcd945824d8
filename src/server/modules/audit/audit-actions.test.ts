/**
 * Every audit action the code records has a label in both languages. `recordAudit` takes only
 * `TAuditAction`, so the compiler checks the Kysely callers; this test also reads every .ts
 * file under src/server and src/cli for action literals the compiler cannot see (raw SQL
 * inserts into audit_log, a variable holding an action) and fails on one missing from
 * `AUDIT_ACTIONS`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditSourceKind } from '../../../shared/audit-actions.ts';
import { en } from '../../../web/i18n/en.ts';
import { zhCN } from '../../../web/i18n/zh-CN.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * 'survey_wave.open', 'import.cross_scope_conflict.resolve': a lower-case dotted name in quotes
 * whose first part has two letters or more ('a.action' is a Kysely column of alias a).
 */
const DOTTED = /'([a-z][a-z0-9_]+(?:\.[a-z0-9_]+)+)'/g;

/**
 * The action literals in one file: dotted names on a line that speaks of an action
 * (`action: '…'`, `const action = cond ? '…' : '…'`), and the first dotted literal of each
 * SQL `INSERT INTO audit_log … SELECT`, where the action is a constant of the statement.
 *
 * @example actionLiterals("await recordAudit({ db, source: s }, { action: 'user.create', entityType: 'user' });"); // ['user.create']
 */
export function actionLiterals(source: string): string[] {
  const found: string[] = [];
  for (const line of source.split('\n')) {
    if (/\baction\b/.test(line) && !/^\s*(?:\*|\/\/)/.test(line)) found.push(...[...line.matchAll(DOTTED)].map((m) => m[1]!));
  }
  for (const m of source.matchAll(/INSERT INTO audit_log\b[\s\S]{0,600}?'([a-z][a-z_]+(?:\.[a-z_]+)+)'/g)) found.push(m[1]!);
  return found;
}

describe('audit actions', () => {
  it('finds action literals, in code and in raw SQL', () => {
    expect(actionLiterals("const action = locked ? 'auth.locked' : 'auth.login_failed';")).toEqual(['auth.locked', 'auth.login_failed']);
    expect(actionLiterals("INSERT INTO audit_log (a, action)\n SELECT ${x}::text, 'household.imported', 'household'")).toEqual(['household.imported']);
    expect(actionLiterals("// action: 'not.code'\nimport x from './a.ts';")).toEqual([]);
  });

  it('records only actions of AUDIT_ACTIONS, anywhere in src/server and src/cli', () => {
    const files = [...sourceFiles(join(ROOT, 'src/server')), ...sourceFiles(join(ROOT, 'src/cli'))];
    const unknown = files.flatMap((file) =>
      actionLiterals(readFileSync(file, 'utf8'))
        .filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))
        .map((a) => `${relative(ROOT, file)}: ${a}`),
    );
    expect(unknown).toEqual([]);
    const seen = new Set(files.flatMap((file) => actionLiterals(readFileSync(file, 'utf8'))));
    // The reading works: it finds every action of the list somewhere.
    expect(AUDIT_ACTIONS.filter((a) => !seen.has(a))).toEqual([]);
  });

  it('gives every action and kind of record a label in Chinese and English', () => {
    const missing = [...AUDIT_ACTIONS.map((a) => `audit.action.${a}`), ...AUDIT_ENTITY_TYPES.map((e) => `audit.entityType.${e}`)].filter(
      (key) => !(key in zhCN) || !(key in en) || !(zhCN as Record<string, string>)[key] || !(en as Record<string, string>)[key],
    );
    expect(missing).toEqual([]);
  });

  it('tells people, commands and the server apart', () => {
    expect(auditSourceKind('gangcheng', 'req-1')).toEqual({ kind: 'web', command: null });
    expect(auditSourceKind('cli:serve', null)).toEqual({ kind: 'system', command: null });
    expect(auditSourceKind('cli:import households', null)).toEqual({ kind: 'cli', command: 'import households' });
    // A failed sign-in as "cli:serve" came through the web, and says so.
    expect(auditSourceKind('cli:serve', 'req-7')).toEqual({ kind: 'web', command: null });
  });
});
