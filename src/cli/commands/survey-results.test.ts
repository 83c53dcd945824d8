/**
 * `lianxin survey results` as an operator runs it: a real process on a PGlite data directory
 * (and on a PostgreSQL database when TEST_DATABASE_URL is set) holding a closed wave.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { cliAuditSource } from '../../server/modules/audit/index.ts';
import { seedDemo } from '../../server/modules/demo/index.ts';
import { computeWaveResults } from '../../server/modules/survey-results/index.ts';
import { ZSurveyResults } from '../../shared/schemas/survey-results.ts';
import { hasPostgres, openThrowawayPostgres, runsPglite, testDatabaseUrl } from '../../../test/support/dialects.ts';
import { insertFieldworkWave, insertInterviewOutcomes } from '../../../test/support/survey-fixture.ts';
import { testCipher } from '../../../test/support/test-app.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/lianxin.js');
/** Each run starts Node and transpiles the CLI (a few seconds on a busy machine). */
const CLI_TIMEOUT = 180_000;

interface Target {
  name: string;
  env: NodeJS.ProcessEnv;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

function lianxin(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function pgliteTarget(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-survey-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.LIANXIN_DATA_KEY;
  return { name: 'pglite', env, open: () => openDatabase({ driver: 'pglite', dataDir: dir }), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function postgresTarget(): Promise<Target> {
  const database = await openThrowawayPostgres();
  const url = new URL(testDatabaseUrl!);
  const name = (await database.db.selectNoFrom((eb) => eb.fn<string>('current_database').as('db')).executeTakeFirstOrThrow()).db;
  url.pathname = `/${name}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url.toString(), LIANXIN_DATA_KEY: Buffer.alloc(32, 7).toString('base64'), LOG_LEVEL: 'silent' };
  return { name: 'postgres', env, open: () => openDatabase({ driver: 'postgres', connectionString: url.toString() }), cleanup: () => database.close() };
}

const TARGETS: (() => Promise<Target>)[] = [...(runsPglite ? [pgliteTarget] : []), ...(hasPostgres ? [postgresTarget] : [])];

for (const makeTarget of TARGETS) {
  describe(`lianxin survey results [${makeTarget === pgliteTarget ? 'pglite' : 'postgres'}]`, () => {
    let target: Target;
    let waveId = '';
    let expected: unknown;
    beforeAll(async () => {
      target = await makeTarget();
      const database = await target.open();
      try {
        await migrate(database.db);
        await seedDemo({ db: database.db, actor: null, source: cliAuditSource('test') });
        const interviewerIds = (await database.db.selectFrom('app_user').select('id').where('username', 'in', ['interviewer1', 'interviewer2']).execute()).map((u) => u.id);
        const wave = await insertFieldworkWave(database.db, testCipher, { casesPerTownship: 10, status: 'closed' });
        await insertInterviewOutcomes(database.db, wave, { interviewerIds, outcomes: { complete: 8, refused: 2 }, seed: 11 });
        waveId = wave.waveId;
        expected = await computeWaveResults({ db: database.db, actor: null }, { waveId });
      } finally {
        await database.close();
      }
    }, CLI_TIMEOUT);
    afterAll(async () => target?.cleanup());

    it('prints the API response shape with --json and a readable table without it', { timeout: CLI_TIMEOUT }, async () => {
      const json = await lianxin(['survey', 'results', '--wave', waveId, '--json'], target.env);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const parsed = ZSurveyResults.parse(JSON.parse(json.stdout));
      expect(parsed.townships).toHaveLength(13);
      expect(parsed.county.index).toMatchObject({ suppressed: false, n: 13 * 8, method: 'stratified' });
      const { generatedAt: _a, ...got } = parsed;
      const { generatedAt: _b, ...want } = expected as typeof parsed;
      expect(got).toEqual(want);

      const text = await lianxin(['survey', 'results', '--wave', waveId], target.env);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('满意度指数 index');
      expect(text.stdout).toContain('堽城镇 370921104');
      expect(text.stdout).toMatch(/宁阳县 \(county, SE \d+\.\d\d\)/);
      expect(text.stdout).toContain('各领域得分 domain scores');
      expect(text.stdout).not.toContain('道路需要维修');
    });

    it('refuses an unknown wave and a malformed id clearly, with exit code 2', { timeout: CLI_TIMEOUT }, async () => {
      const missing = await lianxin(['survey', 'results', '--wave', '987654', '--json'], target.env);
      expect(missing.code).toBe(2);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toContain('There is no survey wave 987654.');
      expect(missing.stderr).toContain('没有编号为 987654 的调查轮次');
      const malformed = await lianxin(['survey', 'results', '--wave', 'abc'], target.env);
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain('--wave: a wave id is a positive whole number');
      const help = await lianxin(['survey', 'results', '--help'], target.env);
      expect(help.stdout).toMatch(/Usage: lianxin survey results \[options\]/);
      expect(help.stdout).toContain('调查结果');
    });
  });
}
