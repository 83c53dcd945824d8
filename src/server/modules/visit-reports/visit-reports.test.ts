/**
 * The visit reports through the API: scope by campaign and region, the roster and summary files,
 * the flags with their evidence and the county's review (audited), the workbench.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { ROSTER_HEADERS } from './export-roster.ts';
import { insertAidDelivery, insertCampaign, insertStoredFile, insertTargets, insertVisits, userId } from './testing/visit-fixture.ts';

const G = '370921104';
const DEFINITION = {
  kind: 'hardship' as const,
  name: '冬季走访慰问',
  period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
  done: { deadline: '2026-12-31', minVisitsHardship: 1 },
  aidStandards: [{ categoryCode: 'dibao', items: [{ code: 'dibao_cash', name: '慰问金', amountFen: 50000, goods: [{ code: 'rice', name: '大米', unit: '袋', quantity: 1 }] }] }],
  budgets: [{ townshipCode: G, budgetFen: 40000 }],
};

for (const dialect of DIALECTS) {
  describe(`visit reports [${dialect.name}]`, () => {
    let t: TestApp;
    let campaignId: string;
    let jiangjiCampaign: string;
    const households: string[] = [];
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      campaignId = await insertCampaign(db, { regionCode: '370921', definition: DEFINITION });
      jiangjiCampaign = await insertCampaign(db, { regionCode: '370921105', definition: { ...DEFINITION, budgets: [] } });
      const names = ['=HYPERLINK("x")', '李四', '王五'];
      for (const [i, name] of names.entries()) {
        const h = await insertHousehold(db, testCipher, { villageCode: `${G}20${i + 1}`, householdNo: `VR-${i}`, members: [{ name, idNumber: idNumber('1950-01-01', 300 + i), relationship: '户主' }], hardship: ['dibao'] });
        households.push(h.householdId);
      }
      const cadre = await userId(db, 'cadre');
      await insertTargets(db, campaignId, households.map((householdId) => ({ householdId, hardship: true, categoryCodes: ['dibao'], cadreId: cadre })));
      const photo = await insertStoredFile(db, { countyCode: '370921', seed: 'same', perceptualHash: '0f0f0f0f0f0f0f0f' });
      const [v1, v2] = await insertVisits(db, [
        { campaignId, householdId: households[0]!, recordedBy: cadre, visitedAt: '2026-12-01T02:00:00Z', photos: [photo] },
        { campaignId, householdId: households[1]!, recordedBy: cadre, visitedAt: '2026-12-01T15:30:00Z', photos: [photo] },
      ]);
      await insertAidDelivery(db, { visitId: v1!, campaignId, householdId: households[0]!, itemCode: 'dibao_cash', amountFen: 50000, goods: [{ code: 'rice', quantity: 1 }], acknowledgement: { kind: 'cannot_sign', witnessName: '赵证人' } });
      await insertAidDelivery(db, { visitId: v2!, campaignId, householdId: households[1]!, itemCode: 'dibao_cash', amountFen: 30000, acknowledgement: { kind: 'signed', signatureSha256: 'a'.repeat(64) } });
    });
    afterAll(async () => t?.close());

    it('reports coverage with drill-down and budgets, scoped to the caller', async () => {
      const admin = await t.as('admin');
      const county = (await admin.get(`/api/visit-reports/campaigns/${campaignId}/coverage`)).json();
      expect(county.total).toMatchObject({ targets: 3, visited: 2, hardshipTargets: 3, plannedFen: 150000, deliveredFen: 80000 });
      expect(county.rows.map((r: { region: { code: string } }) => r.region.code)).toEqual([G]);
      expect(county.budgets.find((b: { township: { code: string } }) => b.township.code === G)).toMatchObject({ budgetFen: 40000, deliveredFen: 80000, remainingFen: -40000, overBudget: true });
      const township = await t.as('gangcheng');
      const own = (await township.get(`/api/visit-reports/campaigns/${campaignId}/coverage`)).json();
      expect(own.region.code).toBe(G);
      expect(own.breadcrumb.map((b: { code: string }) => b.code)).toEqual([G]);
      expect((await township.get(`/api/visit-reports/campaigns/${jiangjiCampaign}/coverage`)).statusCode).toBe(404);
      expect((await township.get(`/api/visit-reports/campaigns/${campaignId}/coverage?regionCode=370921105`)).statusCode).toBe(404);
      const village = (await township.get(`/api/visit-reports/campaigns/${campaignId}/coverage?regionCode=${G}201`)).json();
      expect(village.rowsAre).toBe('cadres');
      expect(village.rows[0]).toMatchObject({ cadre: { username: 'cadre' }, targets: 1, visited: 1 });
      // The deadline (2026-12-31) is ahead of the clock: the household not visited is due, not overdue.
      const missing = (await township.get(`/api/visit-reports/campaigns/${campaignId}/missing?status=due`)).json();
      expect(missing.total).toBe(1);
      expect(missing.items[0]).toMatchObject({ headName: '王五', householdNo: 'VR-2' });
      expect(JSON.stringify(missing)).not.toMatch(/\d{17}[\dX]/);
      const list = (await township.get('/api/visit-reports/campaigns')).json();
      expect(list.items.map((c: { id: string }) => c.id)).toEqual([campaignId]);
    });

    it('exports the roster with the exact columns, yuan, acknowledgements and safe cells', async () => {
      const admin = await t.as('admin');
      const res = await admin.get(`/api/visit-reports/campaigns/${campaignId}/roster.xlsx`);
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(2).values).toEqual([undefined, ...ROSTER_HEADERS]);
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, printTitlesRow: '1:2' });
      const rows = [3, 4, 5].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
      expect(rows[0]).toEqual([1, `'=HYPERLINK("x")`, expect.any(String), expect.stringContaining('低保'), 500, '大米1袋', '无法签字（见证人：赵证人）']);
      expect(rows[1]!.slice(4).map((v) => v ?? '')).toEqual([300, '', '已签收 2026-12-01']);
      // Not yet visited: the standard, and an empty cell for the signature on paper.
      expect(rows[2]!.slice(4, 6)).toEqual([500, '大米1袋']);
      expect(rows[2]![6] ?? '').toBe('');
      const notHardship = await insertCampaign(t.database.db, { regionCode: '370921', definition: { ...DEFINITION, kind: 'all_households', aidStandards: [], budgets: [] } });
      const refused = await admin.get(`/api/visit-reports/campaigns/${notHardship}/roster.xlsx`);
      expect([refused.statusCode, refused.json().code]).toEqual([409, 'campaign_not_hardship']);
      const summary = await admin.get(`/api/visit-reports/campaigns/${campaignId}/summary.docx`);
      expect(summary.statusCode).toBe(200);
      expect(summary.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['visit_campaign.export_roster', 'visit_campaign.export_summary']).execute();
      expect(audit.map((a) => a.action).sort()).toEqual(['visit_campaign.export_roster', 'visit_campaign.export_summary']);
    });

    it('lists flags with evidence, lets the county review one (audited), and refuses unknown keys', async () => {
      const admin = await t.as('admin');
      const flags = (await admin.get(`/api/visit-reports/campaigns/${campaignId}/flags`)).json();
      const kinds = flags.items.map((f: { kind: string }) => f.kind).sort();
      expect(kinds).toEqual(['night', 'same_photo']);
      const same = flags.items.find((f: { kind: string }) => f.kind === 'same_photo');
      expect(same.visits.map((v: { headName: string }) => v.headName).sort()).toEqual(['=HYPERLINK("x")', '李四'].sort());
      const night = flags.items.find((f: { kind: string }) => f.kind === 'night');
      const res = await admin.post(`/api/visit-reports/campaigns/${campaignId}/flag-reviews`, { flagKey: night.key, conclusion: 'explained', note: '夜间送医' });
      expect(res.statusCode).toBe(200);
      const after = (await admin.get(`/api/visit-reports/campaigns/${campaignId}/flags`)).json();
      expect(after.counts).toEqual({ total: 2, unreviewed: 1 });
      expect(after.items.find((f: { key: string }) => f.key === night.key).review).toMatchObject({ conclusion: 'explained', note: '夜间送医' });
      const unknown = await admin.post(`/api/visit-reports/campaigns/${campaignId}/flag-reviews`, { flagKey: 'night:1:2020-01-01', conclusion: 'confirmed', note: 'x' });
      expect(unknown.statusCode).toBe(404);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'visit_flag.review').execute();
      expect(audit).toHaveLength(1);
      expect((await (await t.as('leader')).post(`/api/visit-reports/campaigns/${campaignId}/flag-reviews`, { flagKey: night.key, conclusion: 'confirmed', note: 'x' })).statusCode).toBe(403);
    });

    it('puts due visits on the cadre’s workbench and progress and flags on the county’s', async () => {
      const cadre = (await (await t.as('cadre')).get('/api/workbench')).json();
      const due = cadre.cards.find((c: { kind: string }) => c.kind === 'visits-due');
      expect(due.campaigns).toEqual([{ campaign: { id: campaignId, name: '冬季走访慰问', deadline: '2026-12-31' }, households: 1, done: 1, due: 0, overdue: 0 }]);
      const admin = (await (await t.as('admin')).get('/api/workbench')).json();
      expect(admin.cards.find((c: { kind: string }) => c.kind === 'visit-progress').campaigns.length).toBeGreaterThan(0);
      expect(admin.todos.find((x: { key: string }) => x.key === 'visits.flags_unreviewed')?.count).toBeGreaterThan(0);
    });
  });
}
