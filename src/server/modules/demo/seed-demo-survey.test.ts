import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { testCipher } from '../../../../test/support/test-app.ts';
import type { DB } from '../../db/schema.ts';
import { cliAuditSource } from '../audit/index.ts';
import { isCallingTime, nextCase } from '../fieldwork/index.ts';
import { actorFor } from '../fieldwork/testing/actors.ts';
import { countDispositions } from '../../stats/index.ts';
import { computeWaveResults } from '../survey-results/index.ts';
import { seedDemo } from './seed-demo.ts';
import { seedDemoRegistry } from './seed-demo-registry.ts';
import { seedDemoSurvey, type SeedDemoSurveyResult } from './seed-demo-survey.ts';
import { seedDemoLoop } from './seed-demo-loop.ts';
import { compareWaves } from '../../stats/index.ts';
import { listGamingFlags } from '../gaming-signals/index.ts';

const source = cliAuditSource('test');
/** A fixed "today" (Asia/Shanghai 2026-11-30 10:00): the first closed wave is 2026 Q2, the second (the loop's step 2) Q3, the open one Q4. */
const NOW = new Date('2026-11-30T02:00:00Z');

for (const dialect of DIALECTS) {
  describe(`demo survey [${dialect.name}]`, () => {
    let database: Awaited<ReturnType<typeof dialect.open>>;
    let db: Kysely<DB>;
    let seeded: SeedDemoSurveyResult;

    beforeAll(async () => {
      database = await dialect.open();
      db = database.db;
      await seedDemo({ db, actor: null, source });
      await seedDemoRegistry({ db, actor: null, source, cipher: testCipher });
      seeded = await seedDemoSurvey({ db, actor: null, source, cipher: testCipher }, { now: NOW });
    }, 600_000); // the whole demo county and a simulated quarter of fieldwork: over 120 s on PGlite at load 25
    afterAll(async () => database?.close());

    const closedId = () => seeded.closedWave!.id;
    const openId = () => seeded.openWave!.id;

    it('leaves a closed wave of two quarters ago (the loop\'s first) and an open wave of this quarter in fieldwork', async () => {
      expect(seeded).toMatchObject({ created: true, skipped: null });
      const waves = await db.selectFrom('survey_wave').select(['id', 'name', 'status', 'starts_on', 'ends_on', 'calling_hours', 'opened_at', 'closed_at']).orderBy('id').execute();
      expect(waves.map((w) => [w.name, w.status])).toEqual([
        ['2026年第二季度群众满意度调查', 'closed'],
        ['2026年第四季度群众满意度调查', 'fieldwork'],
      ]);
      const [closed, open] = waves;
      expect([closed!.starts_on, closed!.ends_on]).toEqual(['2026-06-08', '2026-06-25']);
      // The closed wave's stamps lie in its period, not at the moment of seeding.
      expect(closed!.opened_at!.toISOString().slice(0, 10)).toBe('2026-06-08');
      expect(closed!.closed_at!.getTime()).toBeLessThan(new Date('2026-06-27T00:00:00Z').getTime());
      expect(open!.starts_on).toBe('2026-11-30');
      expect(typeof open!.calling_hours === 'string' ? JSON.parse(open!.calling_hours) : open!.calling_hours).toEqual([{ from: '08:00', to: '21:00' }]);
      // Both on the county's standard questionnaire.
      const versions = await db.selectFrom('survey_wave as w').innerJoin('questionnaire_version as v', 'v.id', 'w.questionnaire_version_id').innerJoin('questionnaire as q', 'q.id', 'v.questionnaire_id').select(['q.standard', 'v.status']).execute();
      expect(versions).toEqual([
        { standard: true, status: 'published' },
        { standard: true, status: 'published' },
      ]);
    });

    it('opens the current wave with replicate 1 released and nothing called, so interviewers can start at once', async () => {
      const replicates = await db.selectFrom('wave_replicate').select(['replicate', 'released_at', 'size']).where('wave_id', '=', openId()).orderBy('replicate').execute();
      expect(replicates.length).toBe(5);
      expect(replicates.map((r) => r.released_at !== null)).toEqual([true, false, false, false, false]);
      expect(seeded.openWave!.released).toBe(replicates[0]!.size);
      expect(seeded.openWave!.released).toBeGreaterThan(100);
      const attempts = await db.selectFrom('call_attempt').select((eb) => eb.fn.countAll<string>().as('n')).where('wave_id', '=', openId()).executeTakeFirstOrThrow();
      expect(Number(attempts.n)).toBe(0);
    });

    it('simulated the closed wave in its period and calling hours, by both demo interviewers', async () => {
      const attempts = await db
        .selectFrom('call_attempt as a')
        .innerJoin('app_user as u', 'u.id', 'a.interviewer_id')
        .select(['u.username', 'a.assigned_at', 'a.ended_at'])
        .where('a.wave_id', '=', closedId())
        .execute();
      expect(attempts.length).toBe(seeded.closedWave!.calls);
      expect(new Set(attempts.map((a) => a.username))).toEqual(new Set(['interviewer1', 'interviewer2']));
      const hours = [
        { from: '09:00', to: '11:30' },
        { from: '14:00', to: '20:30' },
      ];
      for (const a of attempts) {
        const assignedAt = new Date(a.assigned_at);
        expect(isCallingTime(hours, assignedAt), assignedAt.toISOString()).toBe(true);
        expect(a.ended_at).not.toBeNull();
        expect(assignedAt.getTime()).toBeGreaterThanOrEqual(new Date('2026-06-08T01:00:00Z').getTime());
        expect(a.ended_at!.getTime()).toBeLessThan(new Date('2026-06-25T13:00:00Z').getTime());
      }
    });

    it('has at least 18 complete interviews in every township of the closed wave', async () => {
      const rows = await sql<{ code: string; completes: number }>`
        SELECT r.code, count(i.id)::int AS completes
          FROM wave_stratum s JOIN region r ON r.id = s.township_id
          LEFT JOIN interview i ON i.wave_id = s.wave_id AND i.township_id = s.township_id AND i.status = 'complete'
         WHERE s.wave_id = ${closedId()} GROUP BY r.code ORDER BY r.code`.execute(db);
      expect(rows.rows.length).toBe(13);
      for (const row of rows.rows) expect(row.completes, row.code).toBeGreaterThanOrEqual(18);
      expect(Math.min(...rows.rows.map((r) => r.completes))).toBe(seeded.closedWave!.minTownshipCompletes);
    });

    it('ends with a realistic mix of AAPOR dispositions: about half of the numbers called give an interview', async () => {
      const cases = await db.selectFrom('sample_case').select(['final_disposition', 'last_disposition']).where('wave_id', '=', closedId()).where('attempts', '>', 0).execute();
      const codes = cases.map((c) => c.final_disposition ?? c.last_disposition!);
      const groups = countDispositions(codes);
      for (const group of ['I', 'R', 'NC', 'UH', 'NE'] as const) expect(groups[group], group).toBeGreaterThan(0);
      const share = groups.I / cases.length;
      expect(share).toBeGreaterThan(0.4);
      expect(share).toBeLessThan(0.65);
      const finals = new Set(codes);
      // 空号, refusals, screened out as not eligible, never answered after the last attempt.
      for (const code of ['4.31', '2.11', '4.70', '3.13']) expect(finals, code).toContain(code);
      // Temporary outcomes along the way: no answer, busy, appointments and callbacks.
      const temporary = await db.selectFrom('call_attempt').select('disposition').distinct().where('wave_id', '=', closedId()).execute();
      const used = new Set(temporary.map((t) => t.disposition));
      for (const code of ['T3.13', 'T3.12', 'T3.16', 'T2.21', 'T2.11']) expect(used, code).toContain(code);
    });

    it('keeps appointments: numbers given an appointment later complete', async () => {
      const kept = await sql<{ n: number }>`
        SELECT count(DISTINCT c.id)::int AS n FROM sample_case c
         WHERE c.wave_id = ${closedId()} AND c.final_disposition = '1.1'
           AND EXISTS (SELECT 1 FROM call_attempt a WHERE a.case_id = c.id AND a.disposition IN ('T2.21', 'T2.12'))`.execute(db);
      expect(kept.rows[0]!.n).toBeGreaterThan(5);
      // A resumed interview kept the answers of its first part.
      const resumed = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM interview i
         WHERE i.wave_id = ${closedId()} AND i.status = 'complete'
           AND EXISTS (SELECT 1 FROM call_attempt a WHERE a.case_id = i.case_id AND a.disposition = 'T2.12')`.execute(db);
      expect(resumed.rows[0]!.n).toBeGreaterThan(0);
    });

    it('has answers with "don’t know", awareness, visits and a few open problems', async () => {
      const answers = await sql<{ question_code: string; option_id: string | null; n: number }>`
        SELECT a.question_code, a.option_id, count(*)::int AS n FROM interview_answer a JOIN interview i ON i.id = a.interview_id
         WHERE i.wave_id = ${closedId()} AND i.status = 'complete' GROUP BY 1, 2`.execute(db);
      const count = (code: string, option: string | null) => answers.rows.filter((a) => a.question_code === code && a.option_id === option).reduce((n, a) => n + a.n, 0);
      expect(count('Q1', 'dont_know')).toBeGreaterThan(0);
      expect(count('Q8', 'dont_know')).toBeGreaterThan(count('Q6', 'dont_know'));
      expect(count('Q10a', 'heard')).toBeGreaterThan(count('Q10a', 'not_heard'));
      expect(count('Q11', 'yes')).toBeGreaterThan(0);
      expect(count('Q11', 'no')).toBeGreaterThan(0);
      const problems = count('Q12', null);
      expect(problems).toBeGreaterThan(20);
      expect(problems).toBeLessThan(seeded.closedWave!.completes / 2);
    });

    it('gives results a statistician can rank: every township reported, real differences and overlapping intervals', async () => {
      const results = await computeWaveResults({ db, actor: null }, { waveId: closedId() });
      expect(results.townships.length).toBe(13);
      const estimates: number[] = [];
      for (const township of results.townships) {
        expect(township.index.suppressed, township.region.name).toBe(false);
        if (!township.index.suppressed) {
          expect(township.index.n).toBeGreaterThanOrEqual(5);
          estimates.push(township.index.estimate);
        }
      }
      expect(Math.max(...estimates) - Math.min(...estimates)).toBeGreaterThan(15);
      expect(results.county.index.suppressed).toBe(false);
      expect(results.ranking.items.length).toBe(13);
      // Neighbours in the ranking overlap (groups of townships not told apart), yet the ends differ.
      expect(results.ranking.groups.length).toBeGreaterThan(0);
      const top = results.ranking.items.find((i) => i.rank === 1)!;
      const bottom = results.ranking.items.find((i) => i.rank === 13)!;
      expect(top.notSignificantlyDifferent).not.toContain(bottom.code);
    });

    it('never shows a full phone number in what it returns or audits', async () => {
      expect(JSON.stringify(seeded)).not.toMatch(/1[3-9]\d{9}|0538-?\d{7}/);
      const audit = await db.selectFrom('audit_log').select(['after']).where('action', '=', 'survey.disposition').limit(50).execute();
      expect(audit.length).toBe(50);
      for (const entry of audit) expect(JSON.stringify(entry.after)).not.toMatch(/1[3-9]\d{9}|0538-?\d{7}/);
    });

    it('is idempotent: seeding again adds no wave', async () => {
      const again = await seedDemoSurvey({ db, actor: null, source, cipher: testCipher }, { now: NOW });
      expect(again).toMatchObject({ created: false, skipped: 'exists', closedWave: null, openWave: null });
      const waves = await db.selectFrom('survey_wave').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(waves.n)).toBe(2);
    });

    it('hands interviewer1 a case of the open wave during its calling hours', async () => {
      const interviewer = await actorFor(db, 'interviewer1');
      const next = await nextCase({ db, actor: interviewer }, { now: new Date('2026-11-30T12:30:00Z') });
      expect(next.case?.wave.id).toBe(openId());
      expect(next.case?.phoneMasked).toMatch(/\*/);
    });

    // The loop's step 2 (second wave) and step 5 (gaming), after two accepted tasks standing in for step 1.
    describe('the second wave and its signs of gaming', () => {
      const TASKS = [
        { township: '370921104', question: 'Q4', domain: 'medical' as const },
        { township: '370921107', question: 'Q8', domain: 'employment' as const },
        { township: '370921110', question: 'Q3', domain: 'environment' as const },
      ];
      let loop: Awaited<ReturnType<typeof seedDemoLoop>>;
      beforeAll(async () => {
        const county = await db.selectFrom('region').select(['id', 'path']).where('code', '=', '370921').executeTakeFirstOrThrow();
        for (const [k, task] of TASKS.entries()) {
          const t = await db.selectFrom('region').select(['id', 'path']).where('code', '=', task.township).executeTakeFirstOrThrow();
          await db
            .insertInto('rectification_task')
            .values({ county_code: '370921', task_no: `ZG2026-T${k}`, source: 'survey', status: 'accepted', township_id: t.id, region_path: t.path, owner_region_id: t.id, wave_id: closedId(), figure_key: `domain:${task.question}:score`, domain: task.domain, title: '整改', problem: '满意度低', due_on: '2026-08-31', accepted_at: new Date('2026-08-30T02:00:00Z') })
            .execute();
        }
        void county;
        loop = await seedDemoLoop({ db, actor: null, source, cipher: testCipher }, { now: NOW });
      }, 900_000);

      it('closes the last quarter\'s wave between the first and the open one', async () => {
        const waves = await db.selectFrom('survey_wave').select(['name', 'status', 'starts_on']).orderBy('starts_on').execute();
        expect(waves.map((w) => [w.name, w.status])).toEqual([
          ['2026年第二季度群众满意度调查', 'closed'],
          ['2026年第三季度群众满意度调查', 'closed'],
          ['2026年第四季度群众满意度调查', 'fieldwork'],
        ]);
        expect(loop.steps.map((s) => s.step)).toEqual(['rectification', 'second-wave', 'publicity', 'assessment', 'gaming']);
        // The tasks above stand for the first step's work, so it finds them and does nothing.
        expect(loop.steps[0]!.summary).toBe('tasks exist already: nothing to do');
        expect(loop.steps[3]!.summary).toMatch(/published/);
      });

      it('moves the domains of accepted tasks: some show "improved" by compareWaves', async () => {
        const second = await db.selectFrom('survey_wave').select('id').where('name', '=', '2026年第三季度群众满意度调查').executeTakeFirstOrThrow();
        const before = await computeWaveResults({ db, actor: null }, { waveId: closedId() });
        const after = await computeWaveResults({ db, actor: null }, { waveId: second.id });
        const verdicts = TASKS.map((task) => {
          const score = (r: typeof before) => r.townships.find((x) => x.region.code === task.township)!.domains.find((d) => d.questionCode === task.question)!.score;
          const b = score(before);
          const a = score(after);
          if (b.suppressed || a.suppressed) return 'suppressed';
          return compareWaves({ before: { estimate: b.estimate, standardError: b.standardError! }, after: { estimate: a.estimate, standardError: a.standardError! } }).verdict;
        });
        expect(verdicts.filter((v) => v === 'improved').length, verdicts.join(', ')).toBeGreaterThanOrEqual(1);
        expect(verdicts).not.toContain('worse');
      });

      // Skipped until the coached township was chosen at the bottom of the first wave: the first
      // choice (八仙桥街道, index 84) rose 9 points, a jump its interval could not tell from the county's;
      // and the honest 华丰镇, rectified and low by chance in the first wave, was flagged for its rise.
      it('flags the coached township for review, and no other township for coaching, county-only', async () => {
        const admin = await actorFor(db, 'admin');
        const list = await listGamingFlags({ db, actor: admin }, {});
        expect(list.wave?.name).toBe('2026年第三季度群众满意度调查');
        const coaching = list.items.filter((f) => f.signal === 'uniform_answers' || f.signal === 'satisfaction_jump');
        const coached = loop.steps.find((s) => s.step === 'second-wave')!.summary.match(/(\d{9}) coached/)![1]!;
        expect(coaching.map((f) => [f.township.code, f.signal, f.severity]).sort()).toEqual([
          [coached, 'satisfaction_jump', 'review'],
          [coached, 'uniform_answers', 'review'],
        ]);
        expect(TASKS.map((t) => t.township)).not.toContain(coached);
        const township = await actorFor(db, 'gangcheng');
        // A township never reads the flags (the route refuses the role; the use case does not find the county).
        await expect(listGamingFlags({ db, actor: township }, {})).rejects.toMatchObject({ status: 404 });
      });

      it('is idempotent: running the loop again adds nothing', async () => {
        const count = async () => ({
          waves: Number((await db.selectFrom('survey_wave').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
          flags: Number((await db.selectFrom('gaming_flag').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
          audit: Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
        });
        const before = await count();
        const again = await seedDemoLoop({ db, actor: null, source, cipher: testCipher }, { now: NOW });
        expect(again.steps.map((s) => s.summary)).toEqual(['tasks exist already: nothing to do', 'skipped (exists)', 'skipped (exists)', expect.stringMatching(/already published$/), 'skipped (done)']);
        expect(await count()).toEqual(before);
      });
    });
  });
}

describe('demo survey on a small registry', () => {
  it('is skipped when the registry cannot fill the samples', async () => {
    const database = await DIALECTS[0]!.open();
    try {
      await seedDemo({ db: database.db, actor: null, source });
      await seedDemoRegistry({ db: database.db, actor: null, source, cipher: testCipher }, { households: 50 });
      const result = await seedDemoSurvey({ db: database.db, actor: null, source, cipher: testCipher }, { now: NOW });
      expect(result).toMatchObject({ created: false, skipped: 'registry_too_small' });
      const waves = await database.db.selectFrom('survey_wave').select('id').execute();
      expect(waves).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
