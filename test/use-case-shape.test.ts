/**
 * The house's use-case convention (ARCHITECTURE.md, "Context and options"): a use case is the
 * function a module file exports under the file's own name (`create-user.ts` → `createUser`) and
 * takes `(ctx, options)` — a context holding the database, the actor and for changes the audit
 * source, then one typed options object. A bare database as the first argument or a third
 * positional argument fails here. Helpers exported beside a use case may take up to three
 * parameters (a query builder given an executor, say). A building block that runs inside its
 * caller's transaction and checks nothing takes `(executor, options)` instead: those are listed in
 * BUILDING_BLOCKS with the reason. NOT_YET lists what still takes positional arguments; it may only
 * shrink.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MODULES = path.resolve(import.meta.dirname, '../src/server/modules');

/** `module/file.ts#name` of exported functions that do not follow the convention yet. */
const NOT_YET = new Set<string>([
  'audit/record-audit.ts#recordAudit',
  'audit/resolve-audit-names.ts#resolveAuditNames',
  'auth/change-password.ts#changePassword',
  'auth/get-me.ts#getMe',
  'auth/load-actor.ts#loadActor',
  'auth/login.ts#login',
  'backup/backup-database.ts#backupDatabase',
  'backup/restore-database.ts#restoreDatabase',
  'demo/seed-demo-registry.ts#seedDemoRegistry',
  'demo/seed-demo-survey.ts#seedDemoSurvey',
  'demo/seed-demo.ts#seedDemo',
  'demo/village-names.ts#villageNames',
  'fieldwork/fieldwork-rules.ts#assertHolder',
  'fieldwork/fieldwork-rules.ts#lockCase',
  'fieldwork/list-fieldwork-waves.ts#listFieldworkWaves',
  'imports/confirm-import.ts#confirmImport',
  'imports/confirm-import.ts#settlePreview',
  'imports/fail-interrupted-imports.ts#failInterruptedImports',
  'imports/get-import-job.ts#getImportJob',
  'imports/import-households.ts#importHouseholds',
  'imports/list-cross-scope-conflicts.ts#listCrossScopeConflicts',
  'imports/list-import-changes.ts#listImportChanges',
  'imports/list-import-issue-groups.ts#listImportIssueGroups',
  'imports/list-import-issues.ts#listImportIssues',
  'imports/list-import-jobs.ts#listImportJobs',
  'imports/resolve-cross-scope-conflict.ts#resolveCrossScopeConflict',
  'imports/write-import-report.ts#writeImportReport',
  'imports/write-import-template.ts#writeImportTemplate',
  'pairing/assign-cadre.ts#assignCadre',
  'pairing/bulk-assign.ts#bulkAssign',
  'pairing/end-pairing.ts#closePairing',
  'pairing/end-pairing.ts#endPairing',
  'pairing/list-my-pairings.ts#listMyPairings',
  'pairing/pairing-report.ts#pairingReport',
  'pairing/transfer-pairing.ts#transferPairing',
  'regions/get-deployment-region.ts#getDeploymentRegion',
  'regions/insert-region.ts#insertRegion',
  'registry/add-hardship-label.ts#addHardshipLabel',
  'registry/end-hardship-label.ts#endHardshipLabel',
  'registry/export-residents.ts#exportResidents',
  'registry/get-household.ts#getHousehold',
  'registry/list-residents.ts#listResidents',
  'registry/save-hardship-category.ts#saveHardshipCategory',
  'registry/search-residents.ts#residentQuery',
  'registry/search-residents.ts#searchResidents',
  'survey/build-registry-frame.ts#buildRegistryFrame',
  'survey/close-wave.ts#closeWave',
  'survey/create-questionnaire-version.ts#createQuestionnaireVersion',
  'survey/create-questionnaire.ts#createQuestionnaire',
  'survey/create-wave.ts#createWave',
  'survey/create-wave.ts#publishedVersionForWave',
  'survey/discard-sample.ts#discardSample',
  'survey/draw-sample.ts#drawSample',
  'survey/ensure-standard-questionnaire.ts#ensureStandardQuestionnaire',
  'survey/load-definition.ts#loadDefinition',
  'survey/open-wave.ts#openWave',
  'survey/publish-questionnaire-version.ts#publishQuestionnaireVersion',
  'survey/read-frame-file.ts#checkFrameRow',
  'survey/release-replicate.ts#releaseNextReplicate',
  'survey/save-questionnaire-draft.ts#saveQuestionnaireDraft',
  'survey/update-wave.ts#updateWave',
  'survey/upload-frame.ts#uploadFrame',
  'users/user-rules.ts#findRegionForAccounts',
  'users/user-rules.ts#resolveDepartment',
  'workbench/get-workbench.ts#getWorkbench',
]);

/** Eponymous exports that take an executor, not a context, and why. */
const BUILDING_BLOCKS: Record<string, string> = {
  'regions/insert-region.ts#insertRegion': "writes one region row inside its caller's transaction (openRegion, the demo seed, test fixtures); checks nothing",
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

  it('in every module, but those still listed as not yet', () => {
    const offenders = all.filter((f) => breach(f) && !NOT_YET.has(f.key)).map((f) => `${f.key}: ${breach(f)}`);
    expect(offenders).toEqual([]);
  });

  it('has no stale entry in the not-yet list (it may only shrink)', () => {
    const stale = [...NOT_YET].filter((key) => !all.some((f) => f.key === key && breach(f)));
    expect(stale).toEqual([]);
  });
});
