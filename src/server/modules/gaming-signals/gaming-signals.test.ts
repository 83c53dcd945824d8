import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { insertFieldworkWave } from '../../../../test/support/survey-fixture.ts';
import type { TGamingFlag, TGamingFlagList } from '../../../shared/assessment/gaming-schemas.ts';
import { cliAuditSource } from '../audit/index.ts';
import { detectGamingSignals } from './index.ts';
import { insertGamingWaves } from './testing/gaming-fixture.ts';

const COACHED = '370921104'; // 堽城镇
const TOWNSHIPS = ['370921104', '370921105', '370921106', '370921107', '370921108', '370921109'];

for (const dialect of DIALECTS) {
  describe(`signs of gaming [${dialect.name}]`, () => {
    let t: TestApp;
    let waves: { previous: string; current: string };
    beforeAll(async () => {
      t = await startTestApp(dialect);
      waves = await insertGamingWaves(t.database.db, testCipher, { townshipCodes: TOWNSHIPS, perTownship: 40, coached: { code: COACHED, share: 0.7 } });
    });
    afterAll(async () => t?.close());

    it('flags the coached township for review, and no other for coaching', async () => {
      const admin = await t.as('admin');
      const res = await admin.post('/api/gaming-signals/detect', { waveId: waves.current });
      expect(res.statusCode).toBe(200);
      const run = res.json();
      expect(run.previousWaveId).toBe(waves.previous);
      expect(run.flags.created).toBeGreaterThanOrEqual(2);
      const list: TGamingFlagList = (await admin.get(`/api/gaming-signals?waveId=${waves.current}`)).json();
      const coaching = list.items.filter((f) => f.signal === 'uniform_answers' || f.signal === 'satisfaction_jump');
      expect(coaching.map((f) => [f.township.code, f.signal, f.severity]).sort()).toEqual([
        [COACHED, 'satisfaction_jump', 'review'],
        [COACHED, 'uniform_answers', 'review'],
      ]);
      expect(list.wave?.id).toBe(waves.current);
      expect(list.waves.map((w) => w.id)).toEqual([waves.current, waves.previous]);
      // Evidence: aggregates only, no interview, phone or answer of anyone.
      const text = JSON.stringify(list.items);
      expect(text).not.toMatch(/interview|phone|139\d{8}/i);
      const sl = coaching[0]!.evidence.measures.find((m) => m.key === 'straight_lining')!;
      expect(sl.township!).toBeGreaterThan(0.5);
      expect(sl.n).toBe(40);
    });

    it('is idempotent and keeps the review of an unchanged flag', async () => {
      const admin = await t.as('admin');
      const list: TGamingFlagList = (await admin.get(`/api/gaming-signals?waveId=${waves.current}`)).json();
      const flag = list.items.find((f) => f.signal === 'uniform_answers')!;
      const reviewed = await admin.post(`/api/gaming-signals/${flag.id}/review`, { status: 'confirmed', note: '回访核实：村干部事先打过招呼' });
      expect(reviewed.statusCode).toBe(200);
      expect((reviewed.json() as TGamingFlag).status).toBe('confirmed');
      const again = (await admin.post('/api/gaming-signals/detect', { waveId: waves.current })).json();
      expect(again.flags).toMatchObject({ created: 0, changed: 0, removed: 0, unchanged: list.items.length });
      const after: TGamingFlagList = (await admin.get(`/api/gaming-signals?waveId=${waves.current}&status=confirmed`)).json();
      expect(after.items.map((f) => [f.id, f.status, f.reviewNote, f.reviewedBy?.displayName])).toEqual([[flag.id, 'confirmed', '回访核实：村干部事先打过招呼', '县联系服务办管理员']]);
      const rows = await t.database.db.selectFrom('gaming_flag').select('id').where('wave_id', '=', waves.current).execute();
      expect(rows).toHaveLength(list.items.length);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_type']).where('action', 'in', ['gaming.detect', 'gaming.review']).execute();
      expect(audit.filter((a) => a.action === 'gaming.review')).toEqual([{ action: 'gaming.review', entity_type: 'gaming_flag' }]);
      expect(audit.filter((a) => a.action === 'gaming.detect').length).toBeGreaterThanOrEqual(2);
    });

    it('the first wave has no previous wave: nothing compared, said so', async () => {
      const run = await detectGamingSignals({ db: t.database.db, actor: null, source: cliAuditSource('test') }, { waveId: waves.previous });
      expect(run.previousWaveId).toBeNull();
      expect(run.townships.every((x) => x.notAssessed.coaching === 'no_previous_wave')).toBe(true);
      expect(run.summary['zh-CN']).toMatch(/无上一轮/);
    });

    it('refuses an open wave (409), townships (403) and the leader’s writes; the leader reads', async () => {
      const admin = await t.as('admin');
      const open = await insertFieldworkWave(t.database.db, testCipher, { townshipCodes: [COACHED], casesPerTownship: 2 });
      const res = await admin.post('/api/gaming-signals/detect', { waveId: open.waveId });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('gaming_wave_not_closed');
      const township = await t.as('gangcheng');
      expect((await township.get('/api/gaming-signals')).statusCode).toBe(403);
      expect((await township.post('/api/gaming-signals/detect', { waveId: waves.current })).statusCode).toBe(403);
      const leader = await t.as('leader');
      expect((await leader.get('/api/gaming-signals')).statusCode).toBe(200);
      expect((await leader.post('/api/gaming-signals/detect', { waveId: waves.current })).statusCode).toBe(403);
      // The default wave is the latest closed one.
      expect(((await leader.get('/api/gaming-signals')).json() as TGamingFlagList).wave?.id).toBe(waves.current);
    });

    it('a township below the minimum n is not assessed', async () => {
      const db = t.database.db;
      const small = await insertGamingWaves(db, testCipher, { townshipCodes: TOWNSHIPS.slice(0, 2), perTownship: 3, seed: 5 });
      // The small pair's second wave compares with its first (its ends_on is the latest before it).
      await db.updateTable('survey_wave').set({ starts_on: '2026-10-01', ends_on: '2026-10-20' }).where('id', '=', small.current).execute();
      const run = await detectGamingSignals({ db, actor: null, source: cliAuditSource('test') }, { waveId: small.current });
      expect(run.townships.map((x) => x.notAssessed.coaching)).toEqual(['too_few_interviews', 'too_few_interviews']);
      expect(run.flags.total).toBe(0);
    });
  });
}
