import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/time.ts';
import type { TCampaignDefinitionInput, TMyWork } from '../../../shared/visits/index.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { loadActor } from '../auth/index.ts';
import { getMyWork } from './get-my-work.ts';

const GANGCHENG = '370921104';
const VILLAGE = '370921104201';
const VILLAGE_2 = '370921104202';
const JIANGJI = '370921105';
const JIANGJI_VILLAGE = '370921105201';
const today = localDate();

const hardshipDefinition = (name = '冬季走访慰问'): TCampaignDefinitionInput => ({
  kind: 'hardship',
  name,
  period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
  done: { deadline: '2026-12-31', minVisitsHardship: 2 },
  aidStandards: [
    { categoryCode: 'tekun', items: [{ code: 'tekun_cash', name: '特困慰问金', amountFen: 50_000, goods: [{ code: 'rice', name: '大米', unit: '袋', quantity: 1 }] }] },
    { categoryCode: 'dibao', items: [{ code: 'dibao_cash', name: '低保慰问金', amountFen: 30_000 }] },
  ],
  budgets: [{ townshipCode: GANGCHENG, budgetFen: 2_000_000 }],
  graceDays: 7,
});

for (const dialect of DIALECTS) {
  describe(`campaigns [${dialect.name}]`, () => {
    let t: TestApp;
    const h = { paired: '', tekun: '', plain: '', second: '', jiangji: '' };
    let sequence = 200;
    let cadreId: string;
    let cadre2Id: string;
    let countyCampaign: string;
    let townshipCampaign: string;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      const add = async (key: keyof typeof h, villageCode: string, hardship: string[], phones: string[] = []) => {
        const made = await insertHousehold(db, testCipher, {
          villageCode,
          householdNo: `C-${key}`,
          members: [{ name: `户主${key}`, idNumber: idNumber('1950-01-01', sequence++), relationship: '户主', phones }],
          hardship,
        });
        h[key] = made.householdId;
      };
      await add('paired', VILLAGE, ['dibao'], ['13812345678']);
      await add('tekun', VILLAGE, ['tekun']);
      await add('plain', VILLAGE, []);
      await add('second', VILLAGE_2, ['elderly_alone']);
      await add('jiangji', JIANGJI_VILLAGE, ['dibao']);
      const g = await t.as('gangcheng');
      cadre2Id = (await g.post('/api/users', { username: 'cadre2', displayName: '刘干部', password: 'Cadre2026x', roles: ['village_cadre'], regionCode: VILLAGE })).json().id;
      cadreId = (await g.get('/api/users?q=cadre')).json().items.find((u: { username: string }) => u.username === 'cadre').id;
      expect((await g.post(`/api/households/${h.paired}/pairings`, { cadreId, startedOn: today, reason: '包村干部' })).statusCode).toBe(201);
    });
    afterAll(async () => t?.close());

    it('drafts a county campaign, checks its regions and categories, and audits it', async () => {
      const admin = await t.as('admin');
      const bad = await admin.post('/api/visit-campaigns', { definition: hardshipDefinition(), regionCodes: [GANGCHENG, VILLAGE] });
      expect(bad.json().code).toBe('campaign_region_invalid');
      const unknown = await admin.post('/api/visit-campaigns', {
        definition: { ...hardshipDefinition(), aidStandards: [{ categoryCode: 'nosuch', items: [{ code: 'x_cash', name: 'x', amountFen: 1 }] }] },
        regionCodes: [GANGCHENG],
      });
      expect(unknown.json().code).toBe('campaign_category_unknown');
      const budget = await admin.post('/api/visit-campaigns', { definition: { ...hardshipDefinition(), budgets: [{ townshipCode: JIANGJI, budgetFen: 1 }] }, regionCodes: [GANGCHENG] });
      expect(budget.json().code).toBe('campaign_budget_invalid');

      const res = await admin.post('/api/visit-campaigns', { definition: { ...hardshipDefinition(), aidStandards: [] }, regionCodes: [GANGCHENG, JIANGJI_VILLAGE] });
      expect(res.statusCode).toBe(201);
      countyCampaign = res.json().id;
      expect(res.json()).toMatchObject({ status: 'draft', kind: 'hardship', regionCode: '370921', targets: 0, canManage: true, regions: [{ code: GANGCHENG }, { code: JIANGJI_VILLAGE }] });
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'region_path']).where('entity_type', '=', 'visit_campaign').where('entity_id', '=', countyCampaign).execute();
      expect(audit.map((a) => a.action)).toEqual(['visit_campaign.create']);
    });

    it('keeps a township admin to its own area: sees the county campaign, cannot change it, cannot reach another township', async () => {
      const g = await t.as('gangcheng');
      const list = (await g.get('/api/visit-campaigns')).json().items;
      expect(list.find((c: { id: string }) => c.id === countyCampaign)).toMatchObject({ canManage: false });
      const change = await g.put(`/api/visit-campaigns/${countyCampaign}`, { definition: hardshipDefinition(), regionCodes: [GANGCHENG] });
      expect(change.statusCode).toBe(403);
      expect(change.json().code).toBe('campaign_not_organiser');
      const outside = await g.post('/api/visit-campaigns', { definition: hardshipDefinition(), regionCodes: [JIANGJI_VILLAGE] });
      expect(outside.statusCode).toBe(404);
      const leader = await t.as('leader');
      expect((await leader.get(`/api/visit-campaigns/${countyCampaign}`)).statusCode).toBe(200);
      expect((await leader.post(`/api/visit-campaigns/${countyCampaign}/open`)).statusCode).toBe(403);
    });

    it('refuses to open a hardship campaign without aid standards, then opens it with the hardship households and their paired cadres', async () => {
      const admin = await t.as('admin');
      const refused = await admin.post(`/api/visit-campaigns/${countyCampaign}/open`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('campaign_no_aid_standard');
      const updated = await admin.put(`/api/visit-campaigns/${countyCampaign}`, { definition: hardshipDefinition(), regionCodes: [GANGCHENG, JIANGJI_VILLAGE] });
      expect(updated.statusCode).toBe(200);
      const opened = await admin.post(`/api/visit-campaigns/${countyCampaign}/open`);
      expect(opened.statusCode).toBe(200);
      const body = opened.json();
      expect(body.status).toBe('open');
      const rows = await t.database.db.selectFrom('visit_target').selectAll().where('campaign_id', '=', countyCampaign).orderBy('household_id').execute();
      const byHousehold = new Map(rows.map((r) => [r.household_id, r]));
      // Hardship households only: the plain one is not a target.
      expect([...byHousehold.keys()].sort()).toEqual([h.paired, h.tekun, h.second, h.jiangji].sort());
      expect(byHousehold.get(h.paired)).toMatchObject({ hardship: true, category_codes: ['dibao'], cadre_id: cadreId });
      expect(byHousehold.get(h.tekun)).toMatchObject({ category_codes: ['tekun'], cadre_id: null });
      const gangcheng = body.townships.find((x: { townshipCode: string }) => x.townshipCode === GANGCHENG);
      expect(gangcheng).toMatchObject({ targets: 3, hardship: 3, assigned: 1 });
      expect(body.townships.find((x: { townshipCode: string }) => x.townshipCode === JIANGJI)).toMatchObject({ targets: 1 });
      // The township admin's view stops at its township.
      const g = await t.as('gangcheng');
      const seen = (await g.get(`/api/visit-campaigns/${countyCampaign}`)).json();
      expect(seen.townships.map((x: { townshipCode: string }) => x.townshipCode)).toEqual([GANGCHENG]);
      expect(seen.targets).toBe(3);
      const again = await admin.post(`/api/visit-campaigns/${countyCampaign}/open`);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('campaign_not_draft');
      const edit = await admin.put(`/api/visit-campaigns/${countyCampaign}`, { definition: hardshipDefinition(), regionCodes: [GANGCHENG] });
      expect(edit.json().code).toBe('campaign_not_draft');
    });

    it('opens a township campaign of every household, invisible to another township', async () => {
      const g = await t.as('gangcheng');
      const created = await g.post('/api/visit-campaigns', {
        definition: { kind: 'all_households', name: '大走访', period: { startsOn: '2026-11-01', endsOn: '2026-12-31' }, done: { deadline: '2026-12-31' } },
        regionCodes: [VILLAGE],
      });
      expect(created.statusCode).toBe(201);
      townshipCampaign = created.json().id;
      const opened = (await g.post(`/api/visit-campaigns/${townshipCampaign}/open`)).json();
      expect(opened.villages).toEqual([expect.objectContaining({ villageCode: VILLAGE, targets: 3, hardship: 2, assigned: 1 })]);
      const j = await t.as('jiangji');
      expect((await j.get(`/api/visit-campaigns/${townshipCampaign}`)).statusCode).toBe(404);
      expect((await j.get('/api/visit-campaigns')).json().items.map((c: { id: string }) => c.id)).toEqual([countyCampaign]);
    });

    it('reassigns a village’s targets in bulk, chosen ones back to the village’s cadres, and checks the cadre', async () => {
      const g = await t.as('gangcheng');
      const jiangjiId = (await (await t.as('jiangji')).get('/api/auth/me')).json().id;
      const notEligible = await g.post(`/api/visit-campaigns/${countyCampaign}/reassign`, { villageCode: VILLAGE, cadreId: jiangjiId });
      expect(notEligible.json().code).toBe('visit_cadre_not_eligible');
      const outside = await g.post(`/api/visit-campaigns/${countyCampaign}/reassign`, { villageCode: JIANGJI_VILLAGE, cadreId: cadre2Id });
      expect(outside.statusCode).toBe(404);
      const all = await g.post(`/api/visit-campaigns/${countyCampaign}/reassign`, { villageCode: VILLAGE, cadreId: cadre2Id });
      expect(all.json()).toEqual({ reassigned: 2 });
      const wrong = await g.post(`/api/visit-campaigns/${countyCampaign}/reassign`, { villageCode: VILLAGE, householdIds: [h.second], cadreId: null });
      expect(wrong.json().code).toBe('visit_targets_not_found');
      const back = await g.post(`/api/visit-campaigns/${countyCampaign}/reassign`, { villageCode: VILLAGE, householdIds: [h.tekun], cadreId: null });
      expect(back.json()).toEqual({ reassigned: 1 });
      const page = (await g.get(`/api/visit-campaigns/${countyCampaign}/targets?villageCode=${VILLAGE}`)).json();
      expect(page.total).toBe(2);
      expect(page.items.map((i: { householdNo: string; cadre: { username: string } | null; headName: string }) => [i.householdNo, i.cadre?.username ?? null, i.headName])).toEqual([
        ['C-paired', 'cadre2', '户主paired'],
        ['C-tekun', null, '户主tekun'],
      ]);
      const cadres = (await g.get(`/api/visit-campaigns/${countyCampaign}/cadres?villageCode=${VILLAGE}`)).json().items.map((c: { username: string }) => c.username);
      expect(cadres).toEqual(expect.arrayContaining(['cadre', 'cadre2', 'gangcheng', 'admin']));
      expect(cadres).not.toContain('jiangji');
      const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'visit_campaign.reassign').orderBy('id').execute();
      expect(audit.at(-1)?.after).toMatchObject({ villageCode: VILLAGE, cadre: null, scope: 'households', householdIds: [h.tekun], reassigned: 1 });
    });

    it('gives the cadre a work package with what is due, the aid received and only masked numbers', async () => {
      const db = t.database.db;
      const cadre = (await loadActor({ db, actor: null }, { username: 'cadre' }))!;
      const cadre2 = (await loadActor({ db, actor: null }, { username: 'cadre2' }))!;
      const village = await db.selectFrom('region').select(['id', 'parent_id']).where('code', '=', VILLAGE).executeTakeFirstOrThrow();
      const visit = async (householdId: string, at: string, voided = false) => {
        const row = await db
          .insertInto('visit')
          .values({
            client_id: randomUUID(),
            county_code: '370921',
            campaign_id: countyCampaign,
            household_id: householdId,
            village_id: village.id,
            recorded_by: cadre2.id,
            kind: 'home',
            visited_at: new Date(at),
            recorded_at: new Date(at),
            body: JSON.stringify({}),
            body_sha256: '0'.repeat(64),
            ...(voided ? { voided_at: new Date(at), voided_by: cadre2.id, void_reason: '重复' } : {}),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      };
      const first = await visit(h.paired, '2026-11-20T02:00:00Z');
      await visit(h.paired, '2026-11-21T02:00:00Z', true);
      await db
        .insertInto('aid_delivery')
        .values({ county_code: '370921', visit_id: first, campaign_id: countyCampaign, household_id: h.paired, township_id: village.parent_id!, item_code: 'dibao_cash', amount_fen: '30000', acknowledgement: JSON.stringify({ kind: 'cannot_sign' }) })
        .execute();
      const now = new Date('2026-12-01T04:00:00Z');

      const work2: TMyWork = await getMyWork({ db, actor: cadre2 }, { now });
      const paired = work2.households.find((x) => x.householdId === h.paired && x.campaignId === countyCampaign)!;
      expect(paired).toMatchObject({ assignedToMe: true, required: 2, visitsCounted: 1, status: 'due', lastVisitedAt: '2026-11-20T02:00:00.000Z', aidReceived: [{ itemCode: 'dibao_cash', deliveries: 1 }] });
      expect(paired.phoneMasked).toMatch(/^138\*+5678$/);
      expect(paired.headIdMasked).toContain('*');
      expect(JSON.stringify(work2)).not.toContain('13812345678');
      // The village's group: the tekun household (unassigned); not the other village's, not Jiangji's.
      const countyHouseholds = work2.households.filter((x) => x.campaignId === countyCampaign).map((x) => x.householdId).sort();
      expect(countyHouseholds).toEqual([h.paired, h.tekun].sort());
      expect(work2.households.find((x) => x.householdId === h.tekun)?.assignedToMe).toBe(false);
      expect(work2.campaigns.find((c) => c.id === countyCampaign)?.aidStandards).toHaveLength(2);
      expect(work2.policies.length).toBeGreaterThan(5);
      // Overdue once the deadline has passed.
      const late = await getMyWork({ db, actor: cadre2 }, { now: new Date('2027-01-02T04:00:00Z') });
      expect(late.households.find((x) => x.householdId === h.paired && x.campaignId === countyCampaign)?.status).toBe('overdue');
      // The county admin is given only what is assigned to it by name.
      const admin = (await loadActor({ db, actor: null }, { username: 'admin' }))!;
      expect((await getMyWork({ db, actor: admin }, { now })).households).toEqual([]);
      // Over HTTP, for a cadre.
      const res = await (await t.as('cadre')).get('/api/visits/my-work');
      expect(res.statusCode).toBe(200);
      expect(res.json().households.map((x: { householdNo: string }) => x.householdNo)).toContain('C-tekun');
      expect(cadre.id).toBe(cadreId);
    });

    it('closes a campaign and keeps it read-only; the work package keeps it for its grace days', async () => {
      const admin = await t.as('admin');
      const closed = await admin.post(`/api/visit-campaigns/${countyCampaign}/close`);
      expect(closed.json().status).toBe('closed');
      for (const res of [
        await admin.post(`/api/visit-campaigns/${countyCampaign}/close`),
        await admin.post(`/api/visit-campaigns/${countyCampaign}/open`),
        await admin.put(`/api/visit-campaigns/${countyCampaign}`, { definition: hardshipDefinition(), regionCodes: [GANGCHENG] }),
        await admin.post(`/api/visit-campaigns/${countyCampaign}/reassign`, { villageCode: VILLAGE, cadreId: null }),
      ]) {
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('campaign_closed');
      }
      const db = t.database.db;
      const cadre2 = (await loadActor({ db, actor: null }, { username: 'cadre2' }))!;
      const inGrace = await getMyWork({ db, actor: cadre2 }, { now: new Date('2027-01-05T04:00:00Z') });
      expect(inGrace.campaigns.find((c) => c.id === countyCampaign)?.status).toBe('closed');
      const after = await getMyWork({ db, actor: cadre2 }, { now: new Date('2027-01-09T04:00:00Z') });
      expect(after.campaigns.map((c) => c.id)).not.toContain(countyCampaign);
      const actions = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'visit_campaign').where('entity_id', '=', countyCampaign).orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual(['visit_campaign.create', 'visit_campaign.update', 'visit_campaign.open', 'visit_campaign.reassign', 'visit_campaign.reassign', 'visit_campaign.close']);
    });

    it('lists policies for anyone signed in; only a county admin changes them', async () => {
      const cadre = await t.as('cadre');
      const list = await cadre.get('/api/policies');
      expect(list.json().items[0]).toMatchObject({ code: 'dibao', active: true });
      expect((await (await t.as('gangcheng')).put('/api/policies/heating', { name: '取暖补贴', nameEn: 'Heating', sort: 5, active: true })).statusCode).toBe(403);
      const admin = await t.as('admin');
      const saved = await admin.put('/api/policies/dibao', { name: '最低生活保障（低保）', nameEn: 'Dibao', sort: 10, active: false });
      expect(saved.json()).toMatchObject({ code: 'dibao', active: false });
      const db = t.database.db;
      const work = await getMyWork({ db, actor: (await loadActor({ db, actor: null }, { username: 'cadre' }))! }, {});
      expect(work.policies.map((p) => p.code)).not.toContain('dibao');
      const entry = await db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'policy').executeTakeFirstOrThrow();
      expect(entry).toEqual({ action: 'policy.update', entity_id: 'dibao' });
    });
  });
}
