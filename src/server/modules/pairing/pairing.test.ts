import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/time.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';

const VILLAGE = '370921104201';
const VILLAGE_2 = '370921104202';
const today = localDate();

for (const dialect of DIALECTS) {
  describe(`pairing [${dialect.name}]`, () => {
    let t: TestApp;
    const households: string[] = [];
    let cadreId: string;
    let secondCadreId: string;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      for (let i = 0; i < 3; i++) {
        const h = await insertHousehold(db, testCipher, {
          villageCode: VILLAGE,
          householdNo: `P-${i}`,
          members: [{ name: `王${i}`, idNumber: idNumber('1950-01-01', 100 + i), relationship: '户主' }],
          hardship: i < 2 ? ['dibao'] : [],
        });
        households.push(h.householdId);
      }
      await insertHousehold(db, testCipher, { villageCode: VILLAGE_2, householdNo: 'P-9', members: [{ name: '赵九', idNumber: idNumber('1940-01-01', 109), relationship: '户主' }], hardship: ['elderly_alone'] });
      const g = await t.as('gangcheng');
      const created = await g.post('/api/users', { username: 'cadre2', displayName: '刘干部', password: 'Cadre2026x', roles: ['village_cadre'], regionCode: VILLAGE });
      secondCadreId = created.json().id;
      cadreId = (await g.get('/api/users?q=cadre')).json().items.find((u: { username: string }) => u.username === 'cadre').id;
    });
    afterAll(async () => t?.close());

    it('pairs a responsible cadre with a hardship household, once', async () => {
      const g = await t.as('gangcheng');
      const res = await g.post(`/api/households/${households[0]}/pairings`, { cadreId, startedOn: today, reason: '包村干部' });
      expect(res.statusCode).toBe(201);
      expect(res.json().pairings[0]).toMatchObject({ role: 'responsible', cadre: { username: 'cadre' }, endedOn: null });
      const again = await g.post(`/api/households/${households[0]}/pairings`, { cadreId: secondCadreId, startedOn: today });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('pairing_exists');
      const helper = await g.post(`/api/households/${households[0]}/pairings`, { cadreId: secondCadreId, role: 'helper', startedOn: today });
      expect(helper.statusCode).toBe(201);
      const notHardship = await g.post(`/api/households/${households[2]}/pairings`, { cadreId, startedOn: today });
      expect(notHardship.json().code).toBe('not_hardship_household');
    });

    it('refuses a cadre outside the admin’s area and a date in the future', async () => {
      const j = await t.as('jiangji');
      const jId = (await j.get('/api/auth/me')).json().id;
      const g = await t.as('gangcheng');
      const outside = await g.post(`/api/households/${households[1]}/pairings`, { cadreId: jId, startedOn: today });
      expect(outside.json().code).toBe('cadre_not_eligible');
      const future = await g.post(`/api/households/${households[1]}/pairings`, { cadreId, startedOn: '2099-01-01' });
      expect(future.json().code).toBe('invalid_date');
    });

    it('transfers with a reason and keeps the history', async () => {
      const g = await t.as('gangcheng');
      const before = (await g.get(`/api/households/${households[0]}`)).json();
      const responsible = before.pairings.find((p: { role: string; endedOn: string | null }) => p.role === 'responsible' && !p.endedOn);
      // The helper cannot also become responsible while helping: end the help first.
      const helper = before.pairings.find((p: { role: string }) => p.role === 'helper');
      expect((await g.post(`/api/pairings/${helper.id}/end`, { on: today, reason: '改为负责人' })).statusCode).toBe(200);
      const res = await g.post(`/api/pairings/${responsible.id}/transfer`, { toCadreId: secondCadreId, on: today, reason: '原干部调岗' });
      expect(res.statusCode).toBe(200);
      const pairings = res.json().pairings;
      expect(pairings.filter((p: { endedOn: string | null }) => !p.endedOn)).toEqual([expect.objectContaining({ role: 'responsible', cadre: expect.objectContaining({ username: 'cadre2' }), startReason: '原干部调岗' })]);
      expect(pairings.find((p: { id: string }) => p.id === responsible.id)).toMatchObject({ endedOn: today, endReason: '原干部调岗' });
      const again = await g.post(`/api/pairings/${responsible.id}/end`, { on: today, reason: 'x' });
      expect(again.json().code).toBe('pairing_ended');
    });

    it('bulk-assigns a village’s unpaired hardship households and reports coverage from county to village', async () => {
      const g = await t.as('gangcheng');
      const bulk = await g.post('/api/pairings/bulk-assign', { villageCode: VILLAGE, cadreId, startedOn: today });
      expect(bulk.json()).toEqual({ assigned: 1, skipped: 1 });
      const bulkHistory = (await g.get(`/api/households/${households[1]}`)).json().history;
      expect(bulkHistory[0]).toMatchObject({ action: 'household.pairing_started', after: { cadre: 'cadre', bulk: true } });
      const admin = await t.as('admin');
      const county = (await admin.get('/api/pairings/report')).json();
      expect(county.region.code).toBe('370921');
      expect(county.totals).toEqual({ hardshipHouseholds: 3, withResponsible: 2, withoutResponsible: 1 });
      expect(county.rows).toHaveLength(13);
      expect(county.rows.find((r: { region: { code: string } }) => r.region.code === '370921104')).toMatchObject({ hardshipHouseholds: 3, withoutResponsible: 1 });
      const township = (await g.get('/api/pairings/report?regionCode=370921104')).json();
      expect(township.rows.find((r: { region: { code: string } }) => r.region.code === VILLAGE)).toMatchObject({ hardshipHouseholds: 2, withResponsible: 2 });
      expect(township.rows.find((r: { region: { code: string } }) => r.region.code === VILLAGE_2)).toMatchObject({ hardshipHouseholds: 1, withoutResponsible: 1 });
      const loads = Object.fromEntries(township.cadres.map((c: { cadre: { username: string }; responsibleFor: number }) => [c.cadre.username, c.responsibleFor]));
      expect(loads).toMatchObject({ cadre: 1, cadre2: 1 });
      const unpaired = (await g.get('/api/residents?paired=false')).json().items.map((r: { name: string }) => r.name);
      expect(unpaired).toEqual(['赵九']);
    });
  });
}
