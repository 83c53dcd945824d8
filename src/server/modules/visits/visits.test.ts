import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/time.ts';
import { addDays, type TVisitRecordInput } from '../../../shared/visits/index.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { insertCampaign, insertStoredFile } from './testing/campaign-fixture.ts';

const GANGCHENG = '370921104';
const VILLAGE = `${GANGCHENG}201`;
const VILLAGE_2 = `${GANGCHENG}202`;
const today = localDate();
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

for (const dialect of DIALECTS) {
  describe(`visits [${dialect.name}]`, () => {
    let t: TestApp;
    let n = 0;
    let campaignId: string;
    /** Households of the open campaign: dibao (two), tekun, elderly alone, one not targeted, one in the neighbouring village. */
    const h: Record<'dibao' | 'dibao2' | 'tekun' | 'elderly' | 'untargeted' | 'village2', string> = {} as never;
    let cadre: Client;
    let cadre2: Client;
    let gangcheng: Client;
    let jiangji: Client;

    const household = async (villageCode: string, hardship: string[]) => {
      n += 1;
      const r = await insertHousehold(t.database.db, testCipher, {
        villageCode,
        householdNo: `V-${n}`,
        members: [{ name: `周${n}`, idNumber: idNumber('1948-03-01', 200 + n), relationship: '户主' }],
        hardship,
      });
      return r.householdId;
    };
    const record = (o: Partial<TVisitRecordInput> & { householdId: string }): TVisitRecordInput => ({
      clientId: crypto.randomUUID(),
      campaignId,
      visitedAt: hourAgo(),
      kind: 'home',
      situation: '家中老人身体尚可',
      ...o,
    });
    const witness = { kind: 'cannot_sign', witnessName: '李见证' } as const;
    const count = async (table: 'visit' | 'aid_delivery' | 'visit_resend_conflict' | 'audit_log') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      t = await startTestApp(dialect);
      h.dibao = await household(VILLAGE, ['dibao']);
      h.dibao2 = await household(VILLAGE, ['dibao']);
      h.tekun = await household(VILLAGE, ['tekun']);
      h.elderly = await household(VILLAGE, ['elderly_alone']);
      h.untargeted = await household(VILLAGE, []);
      h.village2 = await household(VILLAGE_2, ['dibao']);
      campaignId = await insertCampaign(t.database.db, {
        regionCode: '370921',
        startsOn: addDays(today, -20),
        endsOn: addDays(today, 20),
        budgets: [{ townshipCode: GANGCHENG, budgetFen: 100000 }],
        targets: [
          { householdId: h.dibao, categoryCodes: ['dibao'] },
          { householdId: h.dibao2, categoryCodes: ['dibao'] },
          { householdId: h.tekun, categoryCodes: ['tekun'] },
          { householdId: h.elderly, categoryCodes: ['elderly_alone'] },
          { householdId: h.village2, categoryCodes: ['dibao'] },
        ],
      });
      gangcheng = await t.as('gangcheng');
      jiangji = await t.as('jiangji');
      cadre = await t.as('cadre');
      const created = await gangcheng.post('/api/users', { username: 'cadre_b', displayName: '第二部手机', password: 'Cadre2026x', roles: ['village_cadre'], regionCode: VILLAGE });
      expect(created.statusCode).toBe(201);
      cadre2 = await t.as('cadre_b', 'Cadre2026x');
    });
    afterAll(async () => t?.close());

    it('stores a full record in one audited transaction, without personal numbers in the audit entry', async () => {
      const photo = await insertStoredFile(t.database.db, { kind: 'photo' });
      const signature = await insertStoredFile(t.database.db, { kind: 'signature' });
      const body = record({
        householdId: h.dibao2,
        met: [{ name: '周老人', relation: '户主' }],
        problems: [{ text: '屋顶漏雨', domain: 'hardship_relief' }],
        policiesExplained: ['dibao', 'medical_insurance'],
        aid: [{ itemCode: 'dibao_cash', amountFen: 30000 }, { itemCode: 'rice', goods: [{ code: 'rice_10kg', quantity: 1 }] }],
        acknowledgement: { kind: 'signed', signatureSha256: signature },
        photos: [{ sha256: photo, capturedAt: hourAgo() }],
        hardshipProposals: [{ action: 'add', categoryCode: 'serious_illness', reason: '户主今年确诊重病' }],
      });
      const res = await cadre.post('/api/visits', body);
      expect(res.statusCode).toBe(201);
      const receipt = res.json();
      expect(receipt).toMatchObject({ clientId: body.clientId, outcome: 'new', late: false, aidConflicts: 0 });
      const db = t.database.db;
      const visitId = receipt.visitId as string;
      expect(await db.selectFrom('aid_delivery').select(['item_code', 'amount_fen']).where('visit_id', '=', visitId).orderBy('item_code').execute()).toEqual([
        { item_code: 'dibao_cash', amount_fen: '30000' },
        { item_code: 'rice', amount_fen: '0' },
      ]);
      expect(await db.selectFrom('visit_photo').select('sha256').where('visit_id', '=', visitId).execute()).toEqual([{ sha256: photo }]);
      expect((await db.selectFrom('visit_policy').select('policy_code').where('visit_id', '=', visitId).orderBy('policy_code').execute()).map((p) => p.policy_code)).toEqual(['dibao', 'medical_insurance']);
      expect(await db.selectFrom('visit_problem').select(['text', 'status']).where('visit_id', '=', visitId).execute()).toEqual([{ text: '屋顶漏雨', status: 'open' }]);
      expect(await db.selectFrom('hardship_proposal').select(['category_code', 'status']).where('visit_id', '=', visitId).execute()).toEqual([{ category_code: 'serious_illness', status: 'pending' }]);
      const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'visit.record').where('entity_id', '=', visitId).executeTakeFirstOrThrow();
      expect(JSON.stringify(audit)).not.toMatch(/\d{17}[\dX]/);
      expect(JSON.stringify(audit.after)).not.toContain('周老人');

      // The household page's list and the visit's detail.
      const list = (await gangcheng.get(`/api/households/${h.dibao2}/visits`)).json();
      expect(list.items).toEqual([expect.objectContaining({ id: visitId, aidLines: 2, photos: 1, problems: 1, recordedBy: expect.objectContaining({ username: 'cadre' }) })]);
      const detail = await gangcheng.get(`/api/visits/${visitId}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ photoHashes: [photo], record: { clientId: body.clientId }, problemRows: [{ text: '屋顶漏雨' }] });
      expect((await jiangji.get(`/api/visits/${visitId}`)).statusCode).toBe(404);
      expect((await jiangji.get(`/api/households/${h.dibao2}/visits`)).statusCode).toBe(404);
      const problems = (await gangcheng.get(`/api/visit-problems?regionCode=${VILLAGE}&status=open`)).json();
      expect(problems.items.map((p: { text: string }) => p.text)).toContain('屋顶漏雨');
      expect((await jiangji.get('/api/visit-problems')).json().items).toEqual([]);
    });

    it('answers a resend of the same record with the stored receipt and writes nothing', async () => {
      const body = record({ householdId: h.tekun, visitedAt: '2026-12-01T02:30:00Z'.replace('2026-12-01', addDays(today, -1)) });
      const first = await cadre.post('/api/visits', body);
      expect(first.statusCode).toBe(201);
      const before = { visits: await count('visit'), audit: await count('audit_log') };
      // The same instant spelled with milliseconds and the lists given as empty: the same body.
      const again = await cadre.post('/api/visits', { ...body, visitedAt: body.visitedAt.replace('Z', '.000Z'), problems: [], photos: [] });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual({ ...first.json(), outcome: 'resend' });
      expect({ visits: await count('visit'), audit: await count('audit_log') }).toEqual(before);
    });

    it('keeps a resend with a different body for review and answers 409 naming the differing paths', async () => {
      const body = record({ householdId: h.tekun, situation: '第一次记录' });
      const first = await cadre.post('/api/visits', body);
      expect(first.statusCode).toBe(201);
      const changed = await cadre.post('/api/visits', { ...body, situation: '手机上改过之后重发', kind: 'field' });
      expect(changed.statusCode).toBe(409);
      expect(changed.json()).toMatchObject({ code: 'visit_resend_conflict', issues: [{ path: 'kind' }, { path: 'situation' }] });
      expect(changed.json().detail).toContain('situation');
      // Sent a third time, the same different body is kept once.
      expect((await cadre.post('/api/visits', { ...body, situation: '手机上改过之后重发', kind: 'field' })).statusCode).toBe(409);
      const stored = await t.database.db.selectFrom('visit').select('body').where('client_id', '=', body.clientId).executeTakeFirstOrThrow();
      expect((stored.body as { situation: string }).situation).toBe('第一次记录');
      const open = (await gangcheng.get('/api/visit-resend-conflicts')).json().items.filter((c: { clientId: string }) => c.clientId === body.clientId);
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ diffPaths: ['kind', 'situation'], stored: { situation: '第一次记录' }, received: { situation: '手机上改过之后重发' }, receivedBy: { username: 'cadre' } });
      expect((await jiangji.get('/api/visit-resend-conflicts')).json().items).toEqual([]);
      expect((await jiangji.post(`/api/visit-resend-conflicts/${open[0].id}/review`, { note: '看看' })).statusCode).toBe(404);
      expect((await gangcheng.post(`/api/visit-resend-conflicts/${open[0].id}/review`, { note: '以首次提交为准' })).statusCode).toBe(200);
      expect((await gangcheng.post(`/api/visit-resend-conflicts/${open[0].id}/review`, { note: '再看' })).json().code).toBe('resend_conflict_reviewed');
      const reviewed = (await gangcheng.get('/api/visit-resend-conflicts?status=reviewed')).json().items.find((c: { id: string }) => c.id === open[0].id);
      expect(reviewed).toMatchObject({ reviewNote: '以首次提交为准', reviewedBy: { username: 'gangcheng' } });
    });

    it('stores concurrent sends of the same id once, without a 500', async () => {
      const body = record({ householdId: h.elderly });
      const before = await count('visit');
      const answers = await Promise.all(Array.from({ length: 8 }, () => cadre.post('/api/visits', body)));
      expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
      expect(answers.filter((a) => a.json().outcome === 'new')).toHaveLength(1);
      expect(new Set(answers.map((a) => a.json().visitId)).size).toBe(1);
      expect(await count('visit')).toBe(before + 1);
    });

    it('keeps the same aid from two phones as a conflict the township admin resolves by voiding one', async () => {
      const aid = [{ itemCode: 'dibao_cash', amountFen: 30000 }];
      const a = await cadre.post('/api/visits', record({ householdId: h.dibao, aid, acknowledgement: witness, visitedAt: new Date(Date.now() - 7_200_000).toISOString() }));
      const b = await cadre2.post('/api/visits', record({ householdId: h.dibao, aid, acknowledgement: witness }));
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect(a.json().aidConflicts).toBe(0);
      expect(b.json().aidConflicts).toBe(1);
      const conflicts = (await gangcheng.get(`/api/aid-ledger/conflicts?campaignId=${campaignId}`)).json().items;
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ householdId: h.dibao, itemCode: 'dibao_cash', itemName: '低保户慰问金', allowed: 1, excess: 1, villageCode: VILLAGE });
      expect(conflicts[0].deliveries.map((d: { recordedBy: { username: string } }) => d.recordedBy.username)).toEqual(['cadre', 'cadre_b']);
      // Both deliveries count as money handed over until one is voided (never summed away, never lost).
      const totals = (await gangcheng.get(`/api/aid-ledger/totals?campaignId=${campaignId}`)).json().items;
      expect(totals).toEqual([expect.objectContaining({ townshipCode: GANGCHENG, deliveredFen: 90000, budgetFen: 100000, voidedFen: 0 })]);
      expect((await jiangji.get(`/api/aid-ledger/conflicts?campaignId=${campaignId}`)).json().items).toEqual([]);
      expect((await cadre.get(`/api/aid-ledger/conflicts?campaignId=${campaignId}`)).statusCode).toBe(403);

      const second = conflicts[0].deliveries[1].id;
      expect((await jiangji.post(`/api/aid-deliveries/${second}/void`, { reason: '重复登记' })).statusCode).toBe(404);
      expect((await gangcheng.post(`/api/aid-deliveries/${second}/void`, { reason: '' })).statusCode).toBe(400);
      const voided = await gangcheng.post(`/api/aid-deliveries/${second}/void`, { reason: '两部手机重复登记，实际只发放一次' });
      expect(voided.statusCode).toBe(200);
      expect(voided.json()).toMatchObject({ id: second, conflictResolved: true, voidReason: '两部手机重复登记，实际只发放一次' });
      expect((await gangcheng.post(`/api/aid-deliveries/${second}/void`, { reason: '再次作废' })).json().code).toBe('aid_delivery_voided');
      expect((await gangcheng.get(`/api/aid-ledger/conflicts?campaignId=${campaignId}`)).json().items).toEqual([]);
      const after = (await gangcheng.get(`/api/aid-ledger/totals?campaignId=${campaignId}`)).json().items[0];
      expect(after).toMatchObject({ deliveredFen: 60000, voidedFen: 30000, remainingFen: 40000 });
      const entry = await t.database.db.selectFrom('audit_log').select(['after']).where('action', '=', 'aid_delivery.void').where('entity_id', '=', second).executeTakeFirstOrThrow();
      expect(entry.after).toMatchObject({ reason: '两部手机重复登记，实际只发放一次', conflictResolved: true });
      // A delivery in no conflict may be voided too, with a reason.
      const first = conflicts[0].deliveries[0].id;
      expect((await gangcheng.post(`/api/aid-deliveries/${first}/void`, { reason: '登记错户' })).json()).toMatchObject({ conflictResolved: true });
    });

    it('allows an item as often as its standard says, then keeps the next one as a conflict', async () => {
      const coal = { aid: [{ itemCode: 'coal', goods: [{ code: 'coal_bag', quantity: 2 }] }], acknowledgement: witness };
      for (const phone of [cadre, cadre2]) expect((await phone.post('/api/visits', record({ householdId: h.elderly, ...coal }))).json().aidConflicts).toBe(0);
      expect((await cadre.post('/api/visits', record({ householdId: h.elderly, ...coal }))).json().aidConflicts).toBe(1);
      const group = (await gangcheng.get(`/api/aid-ledger/conflicts?campaignId=${campaignId}`)).json().items.find((c: { itemCode: string }) => c.itemCode === 'coal');
      expect(group).toMatchObject({ allowed: 2, excess: 1 });
      expect(group.deliveries).toHaveLength(3);
    });

    it('refuses aid above the standard, outside the household’s categories, unknown or negative, with the details', async () => {
      const send = (aid: unknown[], householdId = h.dibao2) => cadre.post('/api/visits', { ...record({ householdId }), aid, acknowledgement: witness });
      const above = await send([{ itemCode: 'dibao_cash', amountFen: 60000 }]);
      expect(above.statusCode).toBe(422);
      expect(above.json()).toMatchObject({ code: 'aid_not_in_standard', issues: [{ path: 'aid[0]', message: '金额 60000 分超过标准 30000 分' }] });
      const wrongCategory = await send([{ itemCode: 'tekun_cash', amountFen: 50000 }]);
      expect(wrongCategory.json()).toMatchObject({ code: 'aid_not_in_standard', issues: [{ path: 'aid[0].itemCode' }] });
      const unknown = await send([{ itemCode: 'gold_bar', amountFen: 100 }]);
      expect(unknown.json()).toMatchObject({ code: 'aid_not_in_standard', issues: [{ message: '慰问项目 gold_bar 不在本活动的慰问标准中' }] });
      const goods = await send([{ itemCode: 'rice', goods: [{ code: 'rice_10kg', quantity: 3 }] }]);
      expect(goods.json().code).toBe('aid_not_in_standard');
      expect((await send([{ itemCode: 'dibao_cash', amountFen: -100 }])).statusCode).toBe(400);
      const untargetedHousehold = await send([{ itemCode: 'dibao_cash', amountFen: 100 }], h.untargeted);
      expect(untargetedHousehold.json().code).toBe('visit_campaign_invalid');
    });

    it('needs the files uploaded first, each of its kind, and policies of the list', async () => {
      const missing = 'a'.repeat(64);
      const res = await cadre.post('/api/visits', record({ householdId: h.tekun, photos: [{ sha256: missing, capturedAt: null }] }));
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'visit_file_missing', issues: [{ path: 'photos[0].sha256', message: `文件 ${missing} 尚未上传` }] });
      const signature = await insertStoredFile(t.database.db, { kind: 'signature' });
      const wrong = await cadre.post('/api/visits', record({ householdId: h.tekun, photos: [{ sha256: signature, capturedAt: null }] }));
      expect(wrong.json().code).toBe('visit_file_wrong_kind');
      const photo = await insertStoredFile(t.database.db, { kind: 'photo' });
      const photoAsSignature = await cadre.post('/api/visits', record({ householdId: h.tekun, aid: [{ itemCode: 'tekun_cash', amountFen: 50000 }], acknowledgement: { kind: 'signed', signatureSha256: photo } }));
      expect(photoAsSignature.json().code).toBe('visit_file_wrong_kind');
      const policy = await cadre.post('/api/visits', record({ householdId: h.tekun, policiesExplained: ['free_lunch'] }));
      expect(policy.json()).toMatchObject({ code: 'policy_unknown', issues: [{ path: 'policiesExplained[0]' }] });
    });

    it('answers 404 outside the cadre’s area and 403 to roles that do not record visits', async () => {
      expect((await cadre.post('/api/visits', record({ householdId: h.village2 }))).statusCode).toBe(404);
      expect((await jiangji.post('/api/visits', record({ householdId: h.dibao }))).statusCode).toBe(404);
      expect((await cadre.post('/api/visits', record({ householdId: '999999999' }))).statusCode).toBe(404);
      // The same client id sent by someone who cannot see the stored record's household: 404, not its receipt.
      const body = record({ householdId: h.tekun });
      expect((await cadre.post('/api/visits', body)).statusCode).toBe(201);
      expect((await jiangji.post('/api/visits', body)).statusCode).toBe(404);
      for (const username of ['supervisor', 'interviewer1', 'leader']) {
        const res = await (await t.as(username)).post('/api/visits', record({ householdId: h.dibao }));
        expect(res.statusCode).toBe(403);
      }
      expect((await (await t.as('leader')).get(`/api/aid-ledger/conflicts?campaignId=${campaignId}`)).statusCode).toBe(403);
    });

    it('refuses visits in the future, before the campaign, to a draft campaign; accepts late entries (补录) within the grace days only', async () => {
      const future = await cadre.post('/api/visits', record({ householdId: h.tekun, visitedAt: new Date(Date.now() + 3_600_000).toISOString() }));
      expect(future.json().code).toBe('visit_in_future');
      const skew = await cadre.post('/api/visits', record({ householdId: h.tekun, visitedAt: new Date(Date.now() + 60_000).toISOString() }));
      expect(skew.statusCode).toBe(201);
      const early = await cadre.post('/api/visits', record({ householdId: h.tekun, visitedAt: `${addDays(today, -25)}T02:00:00Z` }));
      expect(early.json().code).toBe('visit_before_campaign');

      const db = t.database.db;
      const draft = await insertCampaign(db, { regionCode: GANGCHENG, status: 'draft', startsOn: addDays(today, -5), endsOn: addDays(today, 5), targets: [{ householdId: h.tekun, categoryCodes: ['tekun'] }] });
      expect((await cadre.post('/api/visits', record({ householdId: h.tekun, campaignId: draft }))).json().code).toBe('visit_campaign_invalid');

      const inGrace = await insertCampaign(db, { regionCode: GANGCHENG, status: 'closed', startsOn: addDays(today, -30), endsOn: addDays(today, -3), graceDays: 7, targets: [{ householdId: h.tekun, categoryCodes: ['tekun'] }] });
      const late = await cadre.post('/api/visits', record({ householdId: h.tekun, campaignId: inGrace, visitedAt: `${addDays(today, -4)}T02:00:00Z` }));
      expect(late.statusCode).toBe(201);
      expect(late.json().late).toBe(true);
      expect((await db.selectFrom('visit').select('late').where('id', '=', late.json().visitId).executeTakeFirstOrThrow()).late).toBe(true);

      const pastGrace = await insertCampaign(db, { regionCode: GANGCHENG, startsOn: addDays(today, -30), endsOn: addDays(today, -10), graceDays: 2, targets: [{ householdId: h.tekun, categoryCodes: ['tekun'] }] });
      const closed = await cadre.post('/api/visits', record({ householdId: h.tekun, campaignId: pastGrace, visitedAt: `${addDays(today, -12)}T02:00:00Z` }));
      expect(closed.statusCode).toBe(409);
      expect(closed.json()).toMatchObject({ code: 'campaign_closed', issues: [{ message: `补录截止于 ${addDays(today, -8)}` }] });
      // No campaign at all: a visit outside any campaign is fine.
      const { campaignId: _none, ...free } = record({ householdId: h.untargeted });
      expect((await cadre.post('/api/visits', free)).statusCode).toBe(201);
    });

    it('approves a proposed hardship change through the registry, rejects another with a note', async () => {
      const send = (householdId: string, proposals: TVisitRecordInput['hardshipProposals']) => cadre.post('/api/visits', record({ householdId, hardshipProposals: proposals }));
      expect((await send(h.tekun, [{ action: 'add', categoryCode: 'disability', reason: '户主肢体残疾' }, { action: 'end', categoryCode: 'tekun', reason: '已由子女赡养' }])).statusCode).toBe(201);
      expect((await send(h.village2, [{ action: 'add', categoryCode: 'other', reason: '其他' }])).statusCode).toBe(404);
      const unknown = await send(h.tekun, [{ action: 'add', categoryCode: 'unicorn', reason: '不存在的类别' }]);
      expect(unknown.json().code).toBe('hardship_category_unknown');
      const pending = (await gangcheng.get('/api/hardship-proposals')).json().items.filter((p: { householdId: string }) => p.householdId === h.tekun);
      expect(pending.map((p: { categoryCode: string }) => p.categoryCode).sort()).toEqual(['disability', 'tekun']);
      expect((await jiangji.get('/api/hardship-proposals')).json().items).toEqual([]);
      const add = pending.find((p: { categoryCode: string }) => p.categoryCode === 'disability');
      const end = pending.find((p: { categoryCode: string }) => p.categoryCode === 'tekun');
      expect((await jiangji.post(`/api/hardship-proposals/${add.id}/approve`, {})).statusCode).toBe(404);
      expect((await cadre.post(`/api/hardship-proposals/${add.id}/approve`, {})).statusCode).toBe(403);
      const approved = await gangcheng.post(`/api/hardship-proposals/${add.id}/approve`, { note: '经核实' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { username: 'gangcheng' }, decisionNote: '经核实' });
      const labels = await t.database.db.selectFrom('household_hardship').select(['category_code', 'valid_to']).where('household_id', '=', h.tekun).orderBy('category_code').execute();
      expect(labels).toEqual([{ category_code: 'disability', valid_to: null }, { category_code: 'tekun', valid_to: null }]);
      expect((await gangcheng.post(`/api/hardship-proposals/${add.id}/approve`, {})).json().code).toBe('proposal_decided');
      expect((await gangcheng.post(`/api/hardship-proposals/${end.id}/reject`, {})).statusCode).toBe(400);
      const rejected = await gangcheng.post(`/api/hardship-proposals/${end.id}/reject`, { note: '仍符合特困条件' });
      expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: '仍符合特困条件' });
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'hardship_proposal').orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['hardship_proposal.approve', 'hardship_proposal.reject']);
      // Ending a label the household holds, approved: the label ends today; a second "add" of a label in force is refused by the registry.
      expect((await send(h.dibao2, [{ action: 'end', categoryCode: 'dibao', reason: '收入已超过低保线' }])).statusCode).toBe(201);
      expect((await send(h.tekun, [{ action: 'add', categoryCode: 'disability', reason: '重复申请' }])).statusCode).toBe(201);
      const next = (await gangcheng.get('/api/hardship-proposals')).json().items;
      const endDibao = next.find((p: { householdId: string; categoryCode: string }) => p.householdId === h.dibao2 && p.categoryCode === 'dibao');
      expect((await gangcheng.post(`/api/hardship-proposals/${endDibao.id}/approve`, {})).json().status).toBe('approved');
      const dibao = await t.database.db.selectFrom('household_hardship').select('valid_to').where('household_id', '=', h.dibao2).where('category_code', '=', 'dibao').executeTakeFirstOrThrow();
      expect(dibao.valid_to).toBe(today);
      const dup = next.find((p: { householdId: string; categoryCode: string; reason: string }) => p.householdId === h.tekun && p.reason === '重复申请');
      const refused = await gangcheng.post(`/api/hardship-proposals/${dup.id}/approve`, {});
      expect(refused.json().code).toBe('hardship_label_exists');
      expect((await gangcheng.get('/api/hardship-proposals')).json().items.map((p: { id: string }) => p.id)).toContain(dup.id);
    });
  });
}
