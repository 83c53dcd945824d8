import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, insertInterviewOutcomes, writeCaseOutcomes, type CaseOutcomeRecord, type FieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { twoSidedT } from '../../stats/index.ts';
import type { DB } from '../../db/schema.ts';
import { actorFor } from '../fieldwork/testing/actors.ts';
import { computeWaveResults, forgetWaveResults, warmClosedWaves } from './index.ts';

const A = '370921104'; // 堽城镇, gangcheng's township; population 40,000 in the fixture
const B = '370921105'; // 蒋集镇, jiangji's; 41,000
const C = '370921106'; // 42,000, three interviews only

/* The tiny wave, answered by hand. S satisfied (100), B basically (60), D dissatisfied (0), K don't know. */
type Sat = 'S' | 'B' | 'D' | 'K';
const SAT: Record<Sat, string> = { S: 'satisfied', B: 'basically', D: 'dissatisfied', K: 'dont_know' };
interface Person {
  q: string; // Q1..Q9 as nine letters
  aware: string; // Q10a..d: H heard, N not
  visited: 'yes' | 'no' | 'dont_remember';
  seconds: number;
}
const TINY: Record<string, Person[]> = {
  [A]: [
    { q: 'SSSSSSSSS', aware: 'HHHH', visited: 'yes', seconds: 600 },
    { q: 'BBBBBBBBB', aware: 'HHNN', visited: 'no', seconds: 620 },
    { q: 'DDDDDDDDD', aware: 'NNNN', visited: 'no', seconds: 580 },
    { q: 'SSSSSDDDD', aware: 'HNNN', visited: 'yes', seconds: 100 },
    { q: 'KSSSSSSSK', aware: 'HHHN', visited: 'dont_remember', seconds: 640 },
    { q: 'BDKKKKKKK', aware: 'HHHH', visited: 'yes', seconds: 610 },
  ],
  [B]: [
    { q: 'SSSSSSSSS', aware: 'HHHH', visited: 'yes', seconds: 500 },
    { q: 'SBBBBBBBB', aware: 'HHNN', visited: 'yes', seconds: 520 },
    { q: 'BBBBBBBBB', aware: 'HNNN', visited: 'no', seconds: 540 },
    { q: 'DBBBBBBBB', aware: 'NNNN', visited: 'yes', seconds: 560 },
    { q: 'SDSSSSSSS', aware: 'HHHH', visited: 'no', seconds: 580 },
  ],
  [C]: [
    { q: 'SSSSSSSSS', aware: 'HHHH', visited: 'yes', seconds: 500 },
    { q: 'SSSSSSSSS', aware: 'HHHH', visited: 'yes', seconds: 510 },
    { q: 'SSSSSSSSS', aware: 'HHHH', visited: 'yes', seconds: 520 },
  ],
};
const SCORE: Record<Sat, number | null> = { S: 100, B: 60, D: 0, K: null };

function answersOf(p: Person, township: string): Record<string, string | { text: string }> {
  const answers: Record<string, string | { text: string }> = { S1: 'yes', S2: 'a36_50', S3: township, Q11: p.visited, Q12: { text: '秘密的开放回答' }, Q13: 'no' };
  [...p.q].forEach((letter, k) => (answers[`Q${k + 1}`] = SAT[letter as Sat]));
  [...p.aware].forEach((letter, k) => (answers[`Q10${'abcd'[k]}`] = letter === 'H' ? 'heard' : 'not_heard'));
  return answers;
}

/* Plain formulas, written out independently of the stats module. */
const Z = 1.959963984540054;
const T975 = { 4: 2.7764451051977934, 5: 2.5705818356363146 } as Record<number, number>; // scipy.stats.t.ppf(0.975, df)
const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const varOf = (v: number[]) => v.reduce((s, x) => s + (x - meanOf(v)) ** 2, 0) / (v.length - 1);
const indexOf = (p: Person) => {
  const valid = [...p.q].map((l) => SCORE[l as Sat]).filter((s): s is number => s !== null);
  return meanOf(valid);
};
const wilson = (k: number, n: number) => {
  const p = k / n;
  const centre = 2 * n * p + Z * Z;
  const half = Z * Math.sqrt(Z * Z + 4 * n * p * (1 - p));
  return { lower: (centre - half) / (2 * (n + Z * Z)), upper: (centre + half) / (2 * (n + Z * Z)) };
};

/** One complete interview's Q1 answer (other than `except`, if given) in a wave, with its township's code. */
async function oneQ1Answer(db: Kysely<DB>, waveId: string, where: { option: string } | { except: string }) {
  let q = db
    .selectFrom('interview_answer as a')
    .innerJoin('interview as i', 'i.id', 'a.interview_id')
    .innerJoin('region as r', 'r.id', 'i.township_id')
    .select(['a.interview_id', 'a.option_id', 'r.code'])
    .where('i.wave_id', '=', waveId)
    .where('i.status', '=', 'complete')
    .where('a.question_code', '=', 'Q1');
  q = 'option' in where ? q.where('a.option_id', '=', where.option) : q.where('a.option_id', '!=', where.except);
  return q.executeTakeFirstOrThrow();
}
/** Sets an interview's Q1 answer behind the platform's back (the platform cannot change a closed wave's). */
const setQ1 = (db: Kysely<DB>, interviewId: string, option: string) => db.updateTable('interview_answer').set({ option_id: option }).where('interview_id', '=', interviewId).where('question_code', '=', 'Q1').execute();

for (const dialect of DIALECTS) {
  describe(`survey results and supervision [${dialect.name}]`, () => {
    let t: TestApp;
    let tiny: FieldworkWave;
    let tinyInterviews: Map<string, string>;
    let open: FieldworkWave;
    let interviewerIds: string[];
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      interviewerIds = (await db.selectFrom('app_user').select('id').where('username', 'in', ['interviewer1', 'interviewer2']).orderBy('username').execute()).map((u) => u.id);
      tiny = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B, C], casesPerTownship: 8, status: 'closed' });
      const records: CaseOutcomeRecord[] = [];
      for (const [code, people] of Object.entries(TINY)) {
        const township = tiny.townships.find((x) => x.code === code)!;
        people.forEach((p, k) => {
          records.push({
            caseId: tiny.cases.get(code)![k]!,
            interviewerId: interviewerIds[k % 2]!,
            attempts: [{ disposition: '1.1', seconds: p.seconds }],
            interview: { status: 'complete', answers: answersOf(p, township.code), durationSeconds: p.seconds },
          });
        });
      }
      // A partial interview in A: its answers never count.
      records.push({ caseId: tiny.cases.get(A)![6]!, interviewerId: interviewerIds[0]!, attempts: [{ disposition: '1.2', seconds: 100 }], interview: { status: 'partial', answers: { S1: 'yes', Q1: 'dissatisfied' } } });
      tinyInterviews = await writeCaseOutcomes(db, records);
      open = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B, C], casesPerTownship: 12, phoneQuota: { mobile: 6, landline: 4 } });
      await insertInterviewOutcomes(db, open, { interviewerIds, outcomes: { complete: 5, partial: 1, refused: 2, no_answer: 1, non_working: 1 }, seed: 7 });
    });
    afterAll(async () => t?.close());

    it('computes township and county figures that match the hand computation', async () => {
      const s = await t.as('supervisor');
      const res = await s.get(`/api/survey/waves/${tiny.waveId}/results`);
      expect(res.statusCode).toBe(200);
      const r = res.json();
      expect(r.scope).toBe('county');
      expect(r.townships.map((x: { region: { code: string } }) => x.region.code)).toEqual([A, B, C]);
      const [ta, tb, tc] = r.townships;
      // Names in both languages from the region table: 堽城镇 / Gangcheng Town, 宁阳县 / Ningyang County.
      expect(ta.region).toEqual({ code: A, name: '堽城镇', nameEn: 'Gangcheng Town' });
      expect(r.county.region).toEqual({ code: '370921', name: '宁阳县', nameEn: 'Ningyang County' });

      // Township A: the index is the mean of each respondent's mean valid score, t(5) interval with the fpc.
      const ia = TINY[A]!.map(indexOf);
      expect(ia[3]).toBeCloseTo(500 / 9, 10);
      expect(ia[5]).toBe(30);
      const seA = Math.sqrt(((1 - 6 / 40_000) * varOf(ia)) / 6);
      expect(ta.index).toMatchObject({ suppressed: false, n: 6, method: 't', df: 5 });
      expect(ta.index.estimate).toBeCloseTo(meanOf(ia), 10);
      expect(ta.index.standardError).toBeCloseTo(seA, 10);
      expect(ta.index.interval.lower).toBeCloseTo(meanOf(ia) - T975[5]! * seA, 8);
      expect(ta.index.interval.upper).toBeCloseTo(meanOf(ia) + T975[5]! * seA, 8);
      // The same figures from an independent implementation (Python, scipy.stats.t).
      expect(ta.index).toMatchObject({ estimate: expect.closeTo(57.59259259, 7), standardError: expect.closeTo(16.00398563, 7) });
      expect(ta.index.interval).toEqual({ lower: expect.closeTo(16.45303785, 7), upper: expect.closeTo(98.73214734, 7), confidence: 0.95 });
      // Q1 in A: S, B, D, S, K, B → base 5 (don't know out), 4 satisfied, 1 dissatisfied; Wilson.
      expect(ta.satisfaction).toMatchObject({ suppressed: false, n: 5, method: 'wilson', estimate: 0.8 });
      expect(ta.satisfaction.interval.lower).toBeCloseTo(wilson(4, 5).lower, 10);
      expect(ta.satisfaction.interval.upper).toBeCloseTo(wilson(4, 5).upper, 10);
      expect(ta.satisfaction.interval.lower).toBeCloseTo(0.3755, 4); // Newcombe's table: 4/5 → 0.3755–0.9638
      expect(ta.dissatisfaction).toMatchObject({ n: 5, estimate: 0.2 });
      // Q2 in A: S B D S S D → mean 60 over 6; 4/6 satisfied.
      const q2 = ta.domains.find((d: { questionCode: string }) => d.questionCode === 'Q2');
      expect(q2).toMatchObject({ domain: 'hardship_relief', score: { n: 6, estimate: 60 }, satisfaction: { n: 6 } });
      expect(q2.satisfaction.estimate).toBeCloseTo(4 / 6, 12);
      expect(q2.score.interval.lower).toBeCloseTo(Math.max(0, 60 - T975[5]! * Math.sqrt(((1 - 6 / 40_000) * varOf([100, 60, 0, 100, 100, 0])) / 6)), 8);
      // Q9 in A: S B D D K K → base 4 < 5: suppressed, numbers dropped.
      expect(ta.domains.find((d: { questionCode: string }) => d.questionCode === 'Q9')).toMatchObject({ score: { suppressed: true, n: 4 }, satisfaction: { suppressed: true, n: 4 } });
      expect(ta.domains.find((d: { questionCode: string }) => d.questionCode === 'Q9').score.estimate).toBeUndefined();
      // Awareness: Q10a heard by 5 of 6; overall = mean share of the four policies heard.
      expect(ta.awareness.policies[0]).toMatchObject({ questionCode: 'Q10a', awareness: { n: 6 } });
      expect(ta.awareness.policies[0].awareness.estimate).toBeCloseTo(5 / 6, 12);
      expect(ta.awareness.overall.estimate).toBeCloseTo(meanOf([1, 0.5, 0, 0.25, 0.75, 1]), 12);
      // Visited: yes, no, no, yes, (don't remember), yes → 3/5.
      expect(ta.visited).toMatchObject({ n: 5, estimate: 0.6 });
      expect(ta.completes).toBe(6);
      expect(tb.index.n).toBe(5);
      // Township C: three interviews, every figure suppressed.
      expect(tc.index).toEqual({ suppressed: true, n: 3 });
      expect(tc.satisfaction).toEqual({ suppressed: true, n: 3 });

      // County index: Σ W_h ȳ_h over A and B (C is suppressed, so left out), V = Σ W_h²(1 − n_h/N_h) s_h²/n_h, Satterthwaite df.
      const ib = TINY[B]!.map(indexOf);
      const wa = 40_000 / 81_000;
      const wb = 41_000 / 81_000;
      const va = (wa * wa * (1 - 6 / 40_000) * varOf(ia)) / 6;
      const vb = (wb * wb * (1 - 5 / 41_000) * varOf(ib)) / 5;
      const estimate = wa * meanOf(ia) + wb * meanOf(ib);
      const df = (va + vb) ** 2 / (va ** 2 / 5 + vb ** 2 / 4);
      expect(r.county.index).toMatchObject({ suppressed: false, n: 11, method: 'stratified' });
      expect(r.county.index.estimate).toBeCloseTo(estimate, 10);
      expect(r.county.index.standardError).toBeCloseTo(Math.sqrt(va + vb), 10);
      expect(r.county.index.df).toBeCloseTo(df, 8);
      expect(df).toBeGreaterThan(4);
      expect(df).toBeLessThan(9);
      expect(r.county.index.interval.lower).toBeCloseTo(estimate - twoSidedT(0.95, df) * Math.sqrt(va + vb), 8);
      // scipy: estimate 65.56012803, SE 9.11490529, df 7.78565542, t.ppf(0.975, df) → 44.43996647 … 86.68028959.
      expect(r.county.index).toMatchObject({ estimate: expect.closeTo(65.56012803, 7), standardError: expect.closeTo(9.11490529, 7), df: expect.closeTo(7.78565542, 7) });
      expect(r.county.index.interval).toEqual({ lower: expect.closeTo(44.43996647, 7), upper: expect.closeTo(86.68028959, 7), confidence: 0.95 });
      // County satisfaction: 4/5 in A and 4/5 in B → 0.8; s_h² = p(1 − p)·n/(n − 1).
      const vp = wa * wa * (1 - 5 / 40_000) * (0.16 * 5) / 4 / 5 + wb * wb * (1 - 5 / 41_000) * (0.16 * 5) / 4 / 5;
      expect(r.county.satisfaction.estimate).toBeCloseTo(0.8, 12);
      expect(r.county.satisfaction.standardError).toBeCloseTo(Math.sqrt(vp), 12);
      // County Q9 rests on B alone (A's base is 4): the estimate is B's mean.
      const countyQ9 = r.county.domains.find((d: { questionCode: string }) => d.questionCode === 'Q9');
      expect(countyQ9.score).toMatchObject({ n: 5, estimate: meanOf([100, 60, 60, 60, 100]) });
      expect(r.countyExcludes).toEqual([A, C]);
      expect(r.county.completes).toBe(14);
      expect(r.county.population).toBe(123_000);
      // Ranked: A and B only (C suppressed); the difference is not significant.
      expect(r.ranking.of).toBe(2);
      expect(r.ranking.items.map((x: { code: string }) => x.code)).toEqual(meanOf(ia) > meanOf(ib) ? [A, B] : [B, A]);
      expect(r.ranking.items[0]).toMatchObject({ rank: 1, bestRank: 1, worstRank: 2 });
      expect(r.ranking.groups).toEqual([r.ranking.items.map((x: { code: string }) => x.code)]);
      // Nothing about who answered, no single answer, no open text.
      expect(res.body).not.toMatch(/秘密的开放回答|interviewer1|interviewer2|phone|139\d{8}/);
    });

    it('gives a township administrator their own township and the county only, once the wave is closed', async () => {
      const g = await t.as('gangcheng');
      const res = await g.get(`/api/survey/waves/${tiny.waveId}/results`);
      expect(res.statusCode).toBe(200);
      const r = res.json();
      expect(r.scope).toBe('township');
      expect(r.townships.map((x: { region: { code: string } }) => x.region.code)).toEqual([A]);
      expect(r.county.index.n).toBe(11);
      expect(r.ranking.items).toHaveLength(1);
      expect(r.ranking.items[0]).toMatchObject({ code: A, notSignificantlyDifferent: [] });
      expect(r.ranking.groups).toEqual([]);
      expect(r.countyExcludes).toEqual([A]);
      expect(res.body).not.toContain(B);
      const waves = (await g.get('/api/survey/results/waves')).json().items.map((w: { id: string }) => w.id);
      expect(waves).toContain(tiny.waveId);
      expect(waves).not.toContain(open.waveId);
      const during = await g.get(`/api/survey/waves/${open.waveId}/results`);
      expect(during.statusCode).toBe(409);
      expect(during.json().code).toBe('survey_results_not_final');
      expect((await g.get(`/api/survey/waves/${tiny.waveId}/progress`)).statusCode).toBe(403);
      expect((await (await t.as('cadre')).get(`/api/survey/waves/${tiny.waveId}/results`)).statusCode).toBe(403);
      expect((await (await t.as('interviewer1')).get(`/api/survey/waves/${tiny.waveId}/results`)).statusCode).toBe(403);
      expect((await g.get('/api/survey/waves/999999/results')).statusCode).toBe(404);
    });

    it('keeps a closed wave’s figures once computed, cuts each viewer’s copy from them, and never keeps an open wave', async () => {
      const db = t.database.db;
      const gangcheng = await actorFor(db, 'gangcheng');
      const now = new Date('2026-12-06T08:00:00Z');
      const codes = (r: { townships: { region: { code: string } }[] }) => r.townships.map((x) => x.region.code);
      forgetWaveResults(db);
      const coldTownship = await computeWaveResults({ db, actor: gangcheng }, { waveId: tiny.waveId, now });
      forgetWaveResults(db);
      const county = await computeWaveResults({ db, actor: null }, { waveId: tiny.waveId, now });
      // The township's view cut from the kept county figures is the one computed for it alone.
      const warmTownship = await computeWaveResults({ db, actor: gangcheng }, { waveId: tiny.waveId, now });
      expect(warmTownship).toEqual(coldTownship);
      expect(codes(warmTownship)).toEqual([A]);
      expect(warmTownship.ranking.groups).toEqual([]);
      expect(warmTownship.countyExcludes).toEqual([A]);
      expect(codes(county)).toEqual([A, B, C]);
      // Each answer is a copy: a caller changing its own leaves the kept figures alone.
      const expected = structuredClone(county);
      county.townships.length = 0;
      county.county.index = { suppressed: true, n: 0 };
      expect(await computeWaveResults({ db, actor: null }, { waveId: tiny.waveId, now })).toEqual(expected);
      // Kept: an answer changed behind the platform's back (the platform cannot change a closed
      // wave's) is not seen until the kept figures are forgotten.
      const one = await oneQ1Answer(db, tiny.waveId, { option: 'satisfied' });
      // The interview's township's base for the overall satisfaction (a don't-know leaves it).
      const satisfied = async (waveId: string, code: string) => (await computeWaveResults({ db, actor: null }, { waveId, now })).townships.find((x) => x.region.code === code)!.satisfaction.n;
      const keptN = expected.townships.find((x) => x.region.code === one.code)!.satisfaction.n;
      await setQ1(db, one.interview_id, 'dont_know');
      try {
        expect(await satisfied(tiny.waveId, one.code)).toBe(keptN);
        forgetWaveResults(db);
        expect(await satisfied(tiny.waveId, one.code)).toBe(keptN - 1);
      } finally {
        await setQ1(db, one.interview_id, 'satisfied');
        forgetWaveResults(db);
      }
      // An open wave is counted afresh on every call.
      const inOpen = await oneQ1Answer(db, open.waveId, { except: 'dont_know' });
      const before = await satisfied(open.waveId, inOpen.code);
      await setQ1(db, inOpen.interview_id, 'dont_know');
      try {
        expect(await satisfied(open.waveId, inOpen.code)).toBe(before - 1);
      } finally {
        await setQ1(db, inOpen.interview_id, inOpen.option_id!);
      }
    });

    it('warms the latest closed waves: their figures are then kept, as if a reader had asked first', async () => {
      const db = t.database.db;
      const now = new Date('2026-12-06T08:00:00Z');
      forgetWaveResults(db);
      expect(await warmClosedWaves({ db }, { perCounty: 0 })).toBe(0);
      expect(await warmClosedWaves({ db })).toBeGreaterThanOrEqual(1);
      // Kept since the warm-up: an answer changed behind the platform's back is not seen.
      const one = await oneQ1Answer(db, tiny.waveId, { option: 'satisfied' });
      const satisfiedN = async () => (await computeWaveResults({ db, actor: null }, { waveId: tiny.waveId, now })).townships.find((x) => x.region.code === one.code)!.satisfaction.n;
      await setQ1(db, one.interview_id, 'dont_know');
      try {
        const kept = await satisfiedN();
        forgetWaveResults(db);
        expect(await satisfiedN()).toBe(kept - 1);
      } finally {
        await setQ1(db, one.interview_id, 'satisfied');
        forgetWaveResults(db);
      }
    });

    it('reports progress with AAPOR dispositions and rates, an adjustable e, interviewer output and quota fill', async () => {
      const s = await t.as('supervisor');
      const res = await s.get(`/api/survey/waves/${open.waveId}/progress`);
      expect(res.statusCode).toBe(200);
      const p = res.json();
      // Per township: 5 complete, 1 partial, 2 refused, 1 no answer (T3.13 → 3.13), 1 non-working, 2 never attempted (3.11).
      const row = p.townships[0];
      expect(row).toMatchObject({
        region: { code: A },
        targetCompletes: 6,
        completes: 5,
        attempts: 5 * 2 + 1 + 2 * 2 + 1 + 1,
        cases: { sampled: 12, released: 12, finalized: 9, inProgress: 1, notAttempted: 2, assigned: 0 },
        dispositions: { I: 5, P: 1, R: 2, NC: 0, O: 0, UH: 3, UO: 0, NE: 1 },
      });
      expect(row.codes).toContainEqual({ code: '3.11', count: 2, zh: '未拨打', en: 'Not attempted' });
      expect(row.region).toEqual({ code: A, name: '堽城镇', nameEn: 'Gangcheng Town' });
      expect(p.county.region).toEqual({ code: '370921', name: '宁阳县', nameEn: 'Ningyang County' });
      expect(p.quota.townships[0].region).toEqual(row.region);
      expect(p.quota.county.region).toEqual(p.county.region);
      // A region without an English name says null, not an empty string or the Chinese name.
      const db = t.database.db;
      await db.updateTable('region').set({ name_en: null }).where('code', '=', B).execute();
      try {
        const again = (await s.get(`/api/survey/waves/${open.waveId}/progress`)).json();
        expect(again.townships[1].region).toMatchObject({ code: B, nameEn: null });
        expect(again.quota.townships[1].region).toMatchObject({ code: B, nameEn: null });
        expect((await s.get(`/api/survey/waves/${tiny.waveId}/results`)).json().townships[1].region).toMatchObject({ code: B, nameEn: null });
      } finally {
        await db.updateTable('region').set({ name_en: 'Jiangji Town' }).where('code', '=', B).execute();
      }
      const e = 24 / 27; // county-wide (I + P + R + NC + O) / (… + NE) = 8·3 / 9·3
      expect(p.eligibility).toEqual({ used: expect.closeTo(e, 12), source: 'estimated', override: null, estimated: expect.closeTo(e, 12) });
      expect(row.rates.RR1).toBeCloseTo(5 / 11, 12);
      expect(row.rates.RR3).toBeCloseTo(5 / (8 + e * 3), 12);
      expect(row.rates.COOP1).toBeCloseTo(5 / 8, 12);
      expect(row.rates.REF1).toBeCloseTo(2 / 11, 12);
      expect(row.rates.CON1).toBeCloseTo(8 / 11, 12);
      expect(p.county).toMatchObject({ completes: 15, dispositions: { I: 15, UH: 9 } });
      expect(p.county.rates.RR1).toBeCloseTo(5 / 11, 12);
      // Interviewers: completes per hour from claim-to-disposition time of their attempts.
      const total = p.interviewers.reduce((sum: number, x: { completes: number }) => sum + x.completes, 0);
      expect(total).toBe(15);
      for (const x of p.interviewers) expect(x.completesPerHour).toBeCloseTo(x.completes / x.hours, 10);
      expect(p.interviewers[0].hours).toBeGreaterThan(0);
      // Quota: 6 : 4 of each township's target of 6; the fixture's numbers are all mobile.
      expect(p.quota.shares).toEqual({ mobile: 0.6, landline: 0.4 });
      expect(p.quota.townships[0].cells).toEqual([
        { kind: 'mobile', targetShare: 0.6, targetCompletes: 4, completes: 5, share: 1 },
        { kind: 'landline', targetShare: 0.4, targetCompletes: 2, completes: 0, share: 0 },
      ]);

      const whatIf = (await s.get(`/api/survey/waves/${open.waveId}/progress?e=0.5`)).json();
      expect(whatIf.eligibility).toMatchObject({ used: 0.5, source: 'query', override: null });
      expect(whatIf.townships[0].rates.RR3).toBeCloseTo(5 / (8 + 0.5 * 3), 12);
      expect((await s.get(`/api/survey/waves/${open.waveId}/progress?e=1.5`)).statusCode).toBe(400);
      expect((await s.get(`/api/survey/waves/${open.waveId}/progress?e=`)).statusCode).toBe(400);

      const leader = await t.as('leader');
      expect((await leader.get(`/api/survey/waves/${open.waveId}/progress`)).statusCode).toBe(200);
      expect((await leader.put(`/api/survey/waves/${open.waveId}/eligibility`, { eligibility: 0.6 })).statusCode).toBe(403);
      const set = await s.put(`/api/survey/waves/${open.waveId}/eligibility`, { eligibility: 0.6 });
      expect(set.statusCode).toBe(200);
      expect(set.json().eligibility).toMatchObject({ used: 0.6, source: 'override', override: 0.6 });
      expect(set.json().townships[0].rates.RR3).toBeCloseTo(5 / (8 + 0.6 * 3), 12);
      expect((await s.get(`/api/survey/waves/${open.waveId}/progress`)).json().eligibility.source).toBe('override');
      const audit = await t.database.db.selectFrom('audit_log').select(['actor_name', 'before', 'after']).where('action', '=', 'survey.eligibility_set').where('entity_id', '=', open.waveId).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_name: 'supervisor', before: { eligibilityOverride: null }, after: { eligibilityOverride: 0.6 } });
      const cleared = await s.put(`/api/survey/waves/${open.waveId}/eligibility`, { eligibility: null });
      expect(cleared.json().eligibility.source).toBe('estimated');
      expect((await s.put(`/api/survey/waves/${open.waveId}/eligibility`, { eligibility: 1.2 })).statusCode).toBe(400);
      expect((await s.put(`/api/survey/waves/${open.waveId}/eligibility`, {})).statusCode).toBe(400);
    });

    it('flags too-short and straight-lined interviews, draws a reproducible re-check sample and records re-checks', async () => {
      const s = await t.as('supervisor');
      const flagged = await s.post(`/api/survey/waves/${tiny.waveId}/quality/flags`, {});
      expect(flagged.statusCode).toBe(200);
      // Durations of the 14 completes: the median is (540 + 560)/2 = 550 s; 40% of it is 220 s: only A's fourth (100 s) is too short.
      // Straight-lined (nine answers, one option): A's first three, B's first and third, all three of C.
      expect(flagged.json()).toEqual({ checked: 14, medianSeconds: 550, thresholdSeconds: 220, tooShort: 1, straightLining: 8, flagged: 9 });
      const db = t.database.db;
      const flagsOf = async (code: string, k: number) =>
        (await db.selectFrom('interview').select('qc_flags').where('id', '=', tinyInterviews.get(tiny.cases.get(code)![k]!)!).executeTakeFirstOrThrow()).qc_flags;
      expect(await flagsOf(A, 0)).toEqual(['straight_lining']); // nine times 满意
      expect(await flagsOf(A, 3)).toEqual(['too_short']);
      expect(await flagsOf(A, 4)).toEqual([]); // don't know + 满意: two options
      expect(await flagsOf(A, 5)).toEqual([]); // two answered only
      // A stricter threshold clears what no longer holds.
      const strict = await s.post(`/api/survey/waves/${tiny.waveId}/quality/flags`, { shortFraction: 0.1, minStraightLineAnswers: 10 });
      expect(strict.json()).toMatchObject({ tooShort: 0, straightLining: 0, flagged: 0 });
      expect(await flagsOf(A, 0)).toEqual([]);
      await s.post(`/api/survey/waves/${tiny.waveId}/quality/flags`, { shortFraction: 0.4, minStraightLineAnswers: 6 });

      const notDrawn = await s.put(`/api/survey/interviews/${tinyInterviews.get(tiny.cases.get(A)![4]!)}/recheck`, { result: 'confirmed' });
      expect(notDrawn.statusCode).toBe(409);
      expect(notDrawn.json().code).toBe('recheck_not_drawn');

      const drawn = await s.post(`/api/survey/waves/${tiny.waveId}/quality/recheck-sample`, { percent: 10, seed: 'abc' });
      expect(drawn.statusCode).toBe(200);
      expect(drawn.json()).toMatchObject({ seed: 'abc', completes: 14, random: 2, flagged: 9 });
      const total = drawn.json().total;
      expect(total).toBeGreaterThanOrEqual(9);
      expect(total).toBeLessThanOrEqual(11);
      const again = await s.post(`/api/survey/waves/${tiny.waveId}/quality/recheck-sample`, { percent: 10, seed: 'abc' });
      expect(again.json().total).toBe(total);

      const list = await s.get(`/api/survey/waves/${tiny.waveId}/quality/rechecks?limit=5`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toHaveLength(5);
      expect(list.json().summary).toEqual({ total, pending: total, confirmed: 0, notConfirmed: 0, unreachable: 0 });
      expect(list.body).not.toMatch(/phone|139\d{8}|秘密/);
      const next = await s.get(`/api/survey/waves/${tiny.waveId}/quality/rechecks?limit=5&cursor=${list.json().nextCursor}`);
      expect(next.json().items).toHaveLength(total - 5);
      const item = list.json().items.find((i: { flags: string[] }) => i.flags.includes('too_short'));
      expect(item).toMatchObject({ township: { code: A, name: '堽城镇', nameEn: 'Gangcheng Town' }, durationSeconds: 100, interviewer: { username: expect.stringMatching(/^interviewer/) }, result: null });

      const recorded = await s.put(`/api/survey/interviews/${item.interviewId}/recheck`, { result: 'not_confirmed', note: '受访者说没有接到过电话' });
      expect(recorded.statusCode).toBe(200);
      expect(recorded.json()).toMatchObject({ result: 'not_confirmed', note: '受访者说没有接到过电话', checkedBy: { username: 'supervisor' } });
      expect((await s.get(`/api/survey/waves/${tiny.waveId}/quality/rechecks?state=done`)).json().items.map((i: { interviewId: string }) => i.interviewId)).toEqual([item.interviewId]);
      const audit = await db.selectFrom('audit_log').select(['after']).where('action', '=', 'survey.recheck_recorded').where('entity_id', '=', item.interviewId).execute();
      expect(audit).toEqual([{ after: { result: 'not_confirmed', note: '受访者说没有接到过电话' } }]);
      expect((await s.put(`/api/survey/interviews/${item.interviewId}/recheck`, { result: 'maybe' })).statusCode).toBe(400);
      expect((await s.put('/api/survey/interviews/999999/recheck', { result: 'confirmed' })).statusCode).toBe(404);
      expect((await (await t.as('leader')).post(`/api/survey/waves/${tiny.waveId}/quality/flags`, {})).statusCode).toBe(403);
      expect((await s.get(`/api/survey/waves/${tiny.waveId}/quality/rechecks?cursor=nonsense`)).json().code).toBe('invalid_cursor');
    });

    it('ranks the townships of a seeded wave consistently with their intervals', async () => {
      const db = t.database.db;
      const wave = await insertFieldworkWave(db, testCipher, { casesPerTownship: 30, status: 'closed' });
      const satisfaction = Object.fromEntries(wave.townships.map((x, k) => [x.code, k < 3 ? 0.95 : k > 9 ? 0.35 : 0.7]));
      await insertInterviewOutcomes(db, wave, { interviewerIds, outcomes: { complete: 25, refused: 5 }, satisfaction, seed: 3 });
      const r = (await (await t.as('admin')).get(`/api/survey/waves/${wave.waveId}/results`)).json();
      expect(r.townships).toHaveLength(13);
      expect(r.ranking.of).toBe(13);
      const index = new Map(r.townships.map((x: { region: { code: string }; index: { estimate: number } }) => [x.region.code, x.index.estimate]));
      const order = r.ranking.items.map((x: { code: string }) => index.get(x.code));
      expect(order).toEqual([...order].sort((a, b) => b - a));
      for (const item of r.ranking.items) {
        expect(item.bestRank).toBeLessThanOrEqual(item.rank);
        expect(item.worstRank).toBeGreaterThanOrEqual(item.rank);
      }
      // The most and least satisfied townships are told apart.
      expect(r.ranking.items[0].notSignificantlyDifferent).not.toContain(r.ranking.items[12].code);
      expect(r.county.index.interval.lower).toBeLessThan(r.county.index.estimate);
      expect(r.county.index.standardError).toBeLessThan(Math.min(...r.townships.map((x: { index: { standardError: number } }) => x.index.standardError)));
      expect(r.countyExcludes).toEqual([]);
    });
  });
}
