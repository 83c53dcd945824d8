import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/database.ts';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { getCaseRates } from '../../src/server/modules/case-rates/index.ts';
import { seedDemo } from '../../src/server/modules/demo/index.ts';
import { actorFor } from '../../src/server/modules/fieldwork/testing/actors.ts';
import { computeWaveResults } from '../../src/server/modules/survey-results/index.ts';
import { getCampaignCoverage } from '../../src/server/modules/visit-reports/index.ts';
import { DIALECTS } from '../../test/support/dialects.ts';
import { formatLoopDataset, writeLoopDataset, type LoopDataset } from './loop-dataset.ts';

// The generator of `npm run bench -- --only loop` at a small scale: what it wrote, and that the
// figures the assessment reads can be computed from it.
describe.each(DIALECTS)('the loop benchmark dataset ($name)', (dialect) => {
  let database: Database;
  let loop: LoopDataset;
  beforeAll(async () => {
    database = await dialect.open();
    await seedDemo({ db: database.db, actor: null, source: cliAuditSource('test') });
    loop = await writeLoopDataset(database.db, { households: 600, cases: 1_300, visits: 900, completesPerWave: 650, tasksPerTownship: 3, activitiesPerTownship: 4 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('writes the sizes asked for, each step timed', () => {
    const c = loop.counts;
    expect(c.households).toBe(600);
    expect(c.cases).toBe(1_300);
    expect(c.assignments).toBeGreaterThanOrEqual(1_280);
    expect(c.callbacks).toBeGreaterThan(900);
    expect(c.targets).toBe(600);
    expect(c.visits).toBe(900);
    expect(c.visitPolicies).toBeGreaterThan(150);
    expect(c.interviews).toBe(1_300);
    expect(c.answers).toBe(1_300 * 19);
    expect(c.tasks).toBe(39);
    expect(c.activities).toBe(52);
    expect(loop.steps.map((s) => s.step)).toEqual(['registry', 'cases', 'visits', 'waves', 'rectification', 'publicity', 'analyze']);
    expect(formatLoopDataset(loop)).toContain('1,300 cases');
  });

  it('registers the cases in the quarter, with their assignment and call-backs', async () => {
    const db = database.db;
    const span = await db.selectFrom('resident_case').select(({ fn }) => [fn.min('registered_at').as('first'), fn.max('registered_at').as('last')]).executeTakeFirstOrThrow();
    expect(new Date(span.first as Date).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-09-30T16:00:00Z'));
    expect(new Date(span.last as Date).getTime()).toBeLessThan(Date.parse('2026-12-31T16:00:00Z'));
    const unassigned = await db.selectFrom('resident_case').select(({ fn }) => fn.countAll<string>().as('n')).where('current_assignment_id', 'is', null).where('status', '<>', 'registered').executeTakeFirstOrThrow();
    expect(Number(unassigned.n)).toBe(0);
    const admin = await actorFor(db, 'admin');
    const rates = await getCaseRates({ db, actor: admin }, { month: '2026-11', level: 'township', now: loop.now });
    expect(rates.rows).toHaveLength(13);
    expect(rates.rows.reduce((s, r) => s + r.response.n, 0)).toBeGreaterThan(300);
  });

  it('writes two closed waves whose figures compute for all 13 townships, the second more satisfied', async () => {
    const db = database.db;
    const waves = await db.selectFrom('survey_wave').select(['id', 'status', 'questionnaire_version_id']).where('id', 'in', [loop.previousWaveId, loop.waveId]).orderBy('id').execute();
    expect(waves.map((w) => w.status)).toEqual(['closed', 'closed']);
    expect(waves[0]!.questionnaire_version_id).toBe(waves[1]!.questionnaire_version_id);
    const [first, second] = await Promise.all([computeWaveResults({ db, actor: null }, { waveId: loop.previousWaveId }), computeWaveResults({ db, actor: null }, { waveId: loop.waveId })]);
    for (const results of [first, second]) {
      expect(results.townships).toHaveLength(13);
      expect(results.townships.every((t) => !t.index.suppressed && t.index.n >= 40)).toBe(true);
      expect(results.county.index.suppressed).toBe(false);
    }
    const index = (r: typeof first) => (r.county.index.suppressed ? Number.NaN : r.county.index.estimate);
    expect(index(second)).toBeGreaterThan(index(first));
  });

  it('writes the campaign with its coverage, the rectification tasks and the publicity', async () => {
    const db = database.db;
    const admin = await actorFor(db, 'admin');
    const coverage = await getCampaignCoverage({ db, actor: admin }, { campaignId: loop.campaignId, now: loop.now });
    expect(coverage.rows).toHaveLength(13);
    expect(coverage.total.targets).toBe(600);
    expect(coverage.total.coverage).toBeGreaterThan(0.5);
    const tasks = await db.selectFrom('rectification_task').select(['status', 'wave_id', 'due_on', 'accepted_at', 'submitted_at', 'figure_key', 'title']).execute();
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['accepted', 'submitted', 'open']));
    expect(tasks.every((t) => t.wave_id === loop.previousWaveId && /^domain:[a-z_]+:score$/.test(t.figure_key!))).toBe(true);
    // Some accepted by their deadline, some late: the on-time rate is neither 0 nor 1.
    const accepted = tasks.filter((t) => t.status === 'accepted');
    const onTime = accepted.filter((t) => new Date(t.submitted_at!).toISOString().slice(0, 10) <= String(t.due_on).slice(0, 10));
    expect(onTime.length).toBeGreaterThan(0);
    expect(onTime.length).toBeLessThan(accepted.length);
    const policies = await db.selectFrom('publicity_activity_policy').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(policies.n)).toBeGreaterThanOrEqual(52);
    const spot = await db.selectFrom('city_spot_check').selectAll().execute();
    expect(spot).toHaveLength(1);
  });
});
