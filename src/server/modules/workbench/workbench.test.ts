import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TWorkbench, TWorkbenchCard } from '../../../shared/schemas/workbench.ts';
import { localDate } from '../../../shared/time.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { insertFieldworkWave, insertInterviewOutcomes, type FieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';

const COUNTY = '370921';
const A = '370921104'; // 堽城镇, gangcheng's township
const B = '370921105'; // 蒋集镇, jiangji's
const CADRE_VILLAGE = `${A}201`; // the demo cadre's village
const B_VILLAGE = `${B}201`;

const card = <K extends TWorkbenchCard['kind']>(w: TWorkbench, kind: K) => w.cards.find((c): c is Extract<TWorkbenchCard, { kind: K }> => c.kind === kind);

for (const dialect of DIALECTS) {
  describe(`workbench [${dialect.name}]`, () => {
    let t: TestApp;
    let older: FieldworkWave;
    let latest: FieldworkWave;
    let running: FieldworkWave;
    let workbench: (username: string) => Promise<{ body: TWorkbench; text: string }>;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      const interviewerIds = (await db.selectFrom('app_user').select('id').where('username', 'in', ['interviewer1', 'interviewer2']).execute()).map((u) => u.id);
      // Two closed waves: the older one reportable in both townships, the latest with 4 completes
      // each (every figure suppressed); and one in fieldwork.
      older = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B], casesPerTownship: 8, status: 'closed', startsOn: '2026-01-01', endsOn: '2026-03-31', phoneBlock: 1 });
      await insertInterviewOutcomes(db, older, { interviewerIds, outcomes: { complete: 7 }, seed: 3 });
      latest = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B], casesPerTownship: 4, status: 'closed', startsOn: '2026-04-01', endsOn: '2026-06-30', phoneBlock: 2 });
      await insertInterviewOutcomes(db, latest, { interviewerIds, outcomes: { complete: 4 }, seed: 4 });
      running = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B], casesPerTownship: 6, phoneBlock: 3 });
      await insertInterviewOutcomes(db, running, { interviewerIds, outcomes: { complete: 2, refused: 1 }, seed: 5 });

      // Hardship households: two in gangcheng's township (one paired with the demo cadre), one in jiangji's.
      const paired = await insertHousehold(db, testCipher, {
        villageCode: CADRE_VILLAGE,
        householdNo: 'W-1',
        members: [
          { name: '李秀英', idNumber: idNumber('1980-02-02', 202), relationship: '配偶' },
          { name: '张建国', idNumber: idNumber('1978-01-01', 101), relationship: '户主' },
        ],
        hardship: ['dibao'],
      });
      await insertHousehold(db, testCipher, { villageCode: CADRE_VILLAGE, householdNo: 'W-2', members: [{ name: '王五', idNumber: idNumber('1950-01-01', 103), relationship: '户主' }], hardship: ['elderly_alone'] });
      await insertHousehold(db, testCipher, { villageCode: B_VILLAGE, householdNo: 'W-3', members: [{ name: '赵六', idNumber: idNumber('1945-01-01', 105), relationship: '户主' }], hardship: ['dibao'] });
      const g = await t.as('gangcheng');
      const cadreId = (await (await t.as('cadre')).get('/api/auth/me')).json().id;
      const res = await g.post(`/api/households/${paired.householdId}/pairings`, { cadreId, startedOn: localDate() });
      expect(res.statusCode).toBe(201);

      workbench = async (username) => {
        const res = await (await t.as(username)).get('/api/workbench');
        expect(res.statusCode, res.body).toBe(200);
        return { body: res.json() as TWorkbench, text: res.body };
      };
    });
    afterAll(async () => t?.close());

    it('shows a county leader the county index with its trend, and the county’s pairing coverage', async () => {
      const { body } = await workbench('leader');
      expect(body.region).toMatchObject({ code: COUNTY, level: 'county' });
      expect(body.cards.map((c) => c.kind)).toEqual(['satisfaction', 'pairing-coverage']);
      expect(body.todos).toEqual([]); // a leader assigns nobody
      const index = card(body, 'satisfaction')!;
      expect(index).toMatchObject({ scope: 'county', area: { code: COUNTY, name: '宁阳县' }, wave: { id: latest.waveId }, countyIndex: null });
      // The latest wave's figures are all below 5 answers per township: suppressed, no number.
      expect(index.index).toEqual({ suppressed: true, n: 0 });
      expect(index.trend.map((p) => p.wave.id)).toEqual([older.waveId, latest.waveId]);
      // The same figure the results page gives the leader.
      const results = (await (await t.as('leader')).get(`/api/survey/waves/${older.waveId}/results`)).json();
      expect(index.trend[0]!.index).toEqual(results.county.index);
      expect(index.trend[0]!.index).toMatchObject({ suppressed: false, n: 14, method: 'stratified' });
      expect(card(body, 'pairing-coverage')).toMatchObject({ region: { code: COUNTY }, hardshipHouseholds: 3, withResponsible: 1, withoutResponsible: 2 });
    });

    it('adds to a county admin the unpaired households to deal with and the waves in fieldwork', async () => {
      const { body } = await workbench('admin');
      expect(body.cards.map((c) => c.kind)).toEqual(['satisfaction', 'fieldwork', 'pairing-coverage']);
      expect(body.todos).toEqual([{ key: 'pairing.unpaired', module: 'pairing', count: 2, more: false, href: '/pairing' }]);
    });

    it('shows a township admin their own township only, beside the county', async () => {
      const { body, text } = await workbench('gangcheng');
      expect(body.region).toMatchObject({ code: A, name: '堽城镇' });
      const index = card(body, 'satisfaction')!;
      expect(index).toMatchObject({ scope: 'township', area: { code: A, name: '堽城镇' }, wave: { id: latest.waveId } });
      expect(index.index).toEqual({ suppressed: true, n: 4 });
      const results = (await (await t.as('gangcheng')).get(`/api/survey/waves/${older.waveId}/results`)).json();
      expect(index.trend[0]!.index).toEqual(results.townships[0].index);
      expect(index.trend[0]!.index).toMatchObject({ suppressed: false, n: 7, method: 't' });
      expect(index.countyIndex).toEqual({ suppressed: true, n: 0 });
      expect(card(body, 'pairing-coverage')).toMatchObject({ region: { code: A }, hardshipHouseholds: 2, withResponsible: 1, withoutResponsible: 1 });
      expect(body.todos).toEqual([{ key: 'pairing.unpaired', module: 'pairing', count: 1, more: false, href: '/pairing' }]);
      // Nothing of the other township: no code, no name, no household.
      for (const foreign of [B, '蒋集镇', 'W-3', '赵六']) expect(text).not.toContain(foreign);

      const other = await workbench('jiangji');
      expect(card(other.body, 'satisfaction')!.area.code).toBe(B);
      expect(card(other.body, 'pairing-coverage')).toMatchObject({ region: { code: B }, hardshipHouseholds: 1, withResponsible: 0 });
      for (const foreign of [A, '堽城镇', 'W-1', '张建国']) expect(other.text).not.toContain(foreign);
    });

    it('shows a village cadre the households they are paired with, and no survey figures', async () => {
      const { body } = await workbench('cadre');
      expect(body.cards.map((c) => c.kind)).toEqual(['my-pairings']);
      expect(card(body, 'my-pairings')).toMatchObject({
        total: 1,
        items: [{ householdNo: 'W-1', headName: '张建国', village: { code: CADRE_VILLAGE }, role: 'responsible', since: localDate(), hardship: ['dibao'] }],
      });
    });

    it('shows an interviewer the workstation and a supervisor the waves in fieldwork with progress', async () => {
      const interviewer = await workbench('interviewer1');
      expect(interviewer.body.cards.map((c) => c.kind)).toEqual(['workstation']);
      expect(card(interviewer.body, 'workstation')!.waves.map((w) => w.id)).toEqual([running.waveId]);

      const supervisor = await workbench('supervisor');
      expect(supervisor.body.cards.map((c) => c.kind)).toEqual(['fieldwork']);
      const progress = (await (await t.as('supervisor')).get(`/api/survey/waves/${running.waveId}/progress`)).json();
      expect(card(supervisor.body, 'fieldwork')!.waves).toEqual([
        {
          wave: { id: running.waveId, name: progress.wave.name, status: 'fieldwork', startsOn: progress.wave.startsOn, endsOn: progress.wave.endsOn, questionnaireVersionId: progress.wave.questionnaireVersionId },
          targetCompletes: progress.county.targetCompletes,
          completes: 4,
          released: 12,
          inProgress: progress.county.cases.inProgress,
          notAttempted: progress.county.cases.notAttempted,
          attempts: progress.county.attempts,
          rates: progress.county.rates,
        },
      ]);
    });

    it('gives a department handler an empty workbench until their modules contribute', async () => {
      const { body } = await workbench('minzheng');
      expect(body).toMatchObject({ region: { code: COUNTY }, cards: [], todos: [] });
    });
  });
}
