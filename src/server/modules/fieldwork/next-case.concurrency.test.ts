/**
 * "Next case" under contention, on PostgreSQL (PGlite has one connection, so nothing runs at
 * once there): many interviewers ask at the same moment through a pool of real connections;
 * every case goes to exactly one of them and none is lost; one interviewer asking many times at
 * once (a double click, a retry) still holds one case. Without TEST_DATABASE_URL the suite
 * reports itself skipped, by name; under CI dialects.ts fails instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { testCipher } from '../../../../test/support/test-app.ts';
import { openDatabase, postgresPoolOf, type Database } from '../../db/database.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemo } from '../demo/index.ts';
import { nextCase } from './next-case.ts';
import { insertInterviewers } from './testing/actors.ts';

const INTERVIEWERS = 48;
const CASES = 100;
/** Interviewers who each ask CLICKS times at once. */
const ROUNDS = 12;
const CLICKS = 10;

const postgres = DIALECTS.find((d) => d.name === 'postgres');

describe.skipIf(!postgres)(`next case under contention [postgres]${postgres ? '' : ' (skipped: TEST_DATABASE_URL is not set)'}`, () => {
  let database: Database;
  let wide: Database;
  beforeAll(async () => {
    database = await postgres!.open();
    await seedDemo({ db: database.db, actor: null, source: cliAuditSource('test') });
    // A pool wide enough for the callers to really overlap (the default is 10).
    const url = (postgresPoolOf(database.db)!.options as { connectionString: string }).connectionString;
    wide = await openDatabase({ driver: 'postgres', connectionString: url, maxConnections: 32 });
  });
  afterAll(async () => {
    await wide?.close();
    await database?.close();
  });

  it(`gives ${INTERVIEWERS} simultaneous callers distinct cases, and every case to exactly one caller`, async () => {
    const db = wide.db;
    const wave = await insertFieldworkWave(db, testCipher, { townshipCodes: ['370921104', '370921105'], casesPerTownship: CASES / 2 });
    const now = new Date('2026-11-30T02:00:00Z');
    const ask = (actors: Awaited<ReturnType<typeof insertInterviewers>>) => Promise.all(actors.map((actor) => nextCase({ db, actor }, { waveId: wave.waveId, now })));

    const first = await insertInterviewers(db, INTERVIEWERS, { prefix: 'rush1_' });
    const round1 = await ask(first);
    const ids1 = round1.map((r) => r.case?.id);
    expect(ids1.every(Boolean)).toBe(true);
    expect(new Set(ids1).size).toBe(INTERVIEWERS);
    // Asking again (a reload) gives each the case they hold, not another.
    expect((await ask(first)).map((r) => r.case?.id)).toEqual(ids1);

    const second = await insertInterviewers(db, INTERVIEWERS, { prefix: 'rush2_' });
    const third = await insertInterviewers(db, INTERVIEWERS, { prefix: 'rush3_' });
    const [round2, round3] = await Promise.all([ask(second), ask(third)]);
    const later = [...round2, ...round3].flatMap((r) => (r.case ? [r.case.id] : []));
    // 100 cases, 144 callers: the remaining 52 handed out once each, the rest told why not.
    expect(later).toHaveLength(CASES - INTERVIEWERS);
    const all = [...ids1, ...later];
    expect(new Set(all).size).toBe(CASES);
    expect([...round2, ...round3].filter((r) => !r.case).every((r) => r.empty?.reason === 'nothing_due')).toBe(true);

    const rows = await db.selectFrom('sample_case').select(['id', 'assigned_to']).where('wave_id', '=', wave.waveId).execute();
    expect(rows.every((r) => r.assigned_to !== null)).toBe(true);
    const attempts = await db.selectFrom('call_attempt').select(['case_id', 'interviewer_id']).where('wave_id', '=', wave.waveId).execute();
    expect(attempts).toHaveLength(CASES);
    expect(new Set(attempts.map((a) => a.case_id)).size).toBe(CASES);
    const holder = new Map(rows.map((r) => [r.id, r.assigned_to]));
    expect(attempts.every((a) => holder.get(a.case_id) === a.interviewer_id)).toBe(true);
  });

  it('gives one interviewer one case however many times they ask at once (a double click, a retry)', async () => {
    const db = wide.db;
    const wave = await insertFieldworkWave(db, testCipher, { townshipCodes: ['370921104'], casesPerTownship: 60 });
    const now = new Date('2026-11-30T02:00:00Z');
    const callers = await insertInterviewers(db, ROUNDS, { prefix: 'clicker_' });
    for (const actor of callers) {
      const answers = await Promise.all(Array.from({ length: CLICKS }, () => nextCase({ db, actor }, { waveId: wave.waveId, now })));
      const ids = new Set(answers.map((r) => r.case?.id));
      expect([...ids]).toHaveLength(1);
      expect([...ids][0]).toBeTruthy();
      const held = await db.selectFrom('sample_case').select('id').where('assigned_to', '=', actor.id).where('lease_expires_at', '>', now).execute();
      expect(held.map((c) => c.id)).toEqual([...ids]);
      const attempts = await db.selectFrom('call_attempt').select('case_id').where('interviewer_id', '=', actor.id).execute();
      expect(attempts.map((a) => a.case_id)).toEqual([...ids]);
    }
  });
});
