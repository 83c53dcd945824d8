/**
 * The life of a case through the API: the clerk's intake with its duplicate check, each step by
 * the right person, wrong steps, wrong units, scope, a department's view, reopening, merging,
 * call-back attempts, evidence photos, the phone reveal, and the whole journey village → township
 * → 民政局 → 重办 → closed.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import type { TCaseDetail, TCasePage, TRegisteredCaseView } from '../../../shared/schemas/cases.ts';
import { registerCase } from './register-case.ts';
import { GANGCHENG, GANGCHENG_VILLAGE, caseContext } from './testing/case-fixture.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

let phoneSeq = 0;
/** A fresh mobile number per case, so duplicates are only found where a test wants them. */
const freshPhone = () => `1390000${String(1000 + phoneSeq++).padStart(4, '0')}`;

const intake = (over: Record<string, unknown> = {}) => ({
  channel: 'window',
  categoryCode: 'relief-temporary',
  regionCode: GANGCHENG_VILLAGE,
  title: '家中失火需要临时救助',
  description: '昨夜厨房失火，衣物粮食被烧，请求临时救助',
  contactName: '李桂兰',
  contactPhone: freshPhone(),
  ...over,
});

for (const dialect of DIALECTS) {
  describe(`the life of a case [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client, gangcheng: Client, jiangji: Client, cadre: Client, minzheng: Client, leader: Client;
    let mzj: string;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      [admin, gangcheng, jiangji, cadre, minzheng, leader] = (await Promise.all(['admin', 'gangcheng', 'jiangji', 'cadre', 'minzheng', 'leader'].map((u) => t.as(u)))) as [Client, Client, Client, Client, Client, Client];
      mzj = (await t.database.db.selectFrom('department').select('id').where('code', '=', 'mzj').executeTakeFirstOrThrow()).id;
    }, 120_000);
    afterAll(() => t?.close());

    const register = async (who: Client, body: Record<string, unknown> = intake()) => {
      const res = await who.post('/api/cases', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as TRegisteredCaseView;
    };
    const step = async (who: Client, id: string, name: string, body: Record<string, unknown> = {}, status = 200) => {
      const res = await who.post(`/api/cases/${id}/${name}`, body);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      return res.json() as TCaseDetail & { code?: string; allowedSteps?: string[]; caseStatus?: string };
    };
    const detail = async (who: Client, id: string) => {
      const res = await who.get(`/api/cases/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as TCaseDetail;
    };

    it('takes a case the whole way: village → escalate → township dispatches to 民政局 → accept → resolve → not solved → 重办 → resolve → solved → closed', async () => {
      const c = await register(cadre);
      expect(c.status).toBe('dispatched');
      expect(c.unit).toMatchObject({ level: 'village', regionCode: GANGCHENG_VILLAGE });

      let d = await detail(cadre, c.id);
      expect(d.allowedSteps).toEqual(['accept', 'escalate', 'return']);
      expect(d.isUnit).toBe(true);
      expect(d.case.contactPhoneMasked).toMatch(/^139\*{4}\d{4}$/);
      expect(JSON.stringify(d)).not.toContain(intake().contactPhone.slice(0, 7) + '1');

      d = await step(cadre, c.id, 'escalate', { reason: '需乡镇统筹救助资金' });
      expect(d.case.status).toBe('dispatched');
      expect(d.currentAssignment?.unit).toMatchObject({ level: 'township', regionCode: GANGCHENG });
      expect(d.assignments[0]!.endReason).toBe('escalated');
      // The village no longer holds it.
      expect((await detail(cadre, c.id)).allowedSteps).toEqual([]);

      // The department cannot see it before it is theirs.
      expect((await minzheng.get(`/api/cases/${c.id}`)).statusCode).toBe(404);

      d = await step(gangcheng, c.id, 'dispatch', { unit: { departmentId: mzj }, note: '请民政局核实' });
      expect(d.currentAssignment?.unit).toMatchObject({ level: 'department', departmentId: mzj, name: '县民政局' });
      expect(d.assignments[1]!.endReason).toBe('redispatched');

      d = await detail(minzheng, c.id);
      expect(d.allowedSteps).toEqual(['accept', 'escalate', 'return']);
      d = await step(minzheng, c.id, 'accept');
      expect(d.case.status).toBe('accepted');
      expect(d.currentAssignment?.acceptedBy).toBe('民政局经办人');
      d = await step(minzheng, c.id, 'notes', { note: '已入户核实' });
      expect(d.case.status).toBe('in_progress');
      d = await step(minzheng, c.id, 'resolve', { resolution: '已发放临时救助金2000元' });
      expect(d.case.status).toBe('resolved');
      expect(d.case.resolution).toBe('已发放临时救助金2000元');
      expect(d.currentAssignment).toBeNull();

      // A department's handler never dispatches or calls back (the route admits dispatchers' roles only).
      expect((await step(minzheng, c.id, 'callback', { outcome: 'reached', solved: true, satisfaction: 'satisfied' }, 403)).code).toBe('forbidden');
      expect((await detail(gangcheng, c.id)).allowedSteps).toEqual(['callback']);

      d = await step(gangcheng, c.id, 'callback', { outcome: 'reached', solved: false, satisfaction: 'dissatisfied', note: '救助金未到账' });
      expect(d.case.status).toBe('dispatched');
      expect(d.case.reopenCount).toBe(1);
      expect(d.currentAssignment).toMatchObject({ reopened: true, unit: { level: 'department', departmentId: mzj } });
      expect(d.events.map((e) => e.kind).slice(-2)).toEqual(['callback', 'reopen']);

      await step(minzheng, c.id, 'accept');
      await step(minzheng, c.id, 'resolve', { resolution: '救助金已补发到账' });
      d = await step(gangcheng, c.id, 'callback', { outcome: 'reached', solved: true, satisfaction: 'basically_satisfied' });
      expect(d.case.status).toBe('called_back');
      d = await step(gangcheng, c.id, 'close', { note: '群众满意' });
      expect(d.case.status).toBe('closed');
      expect(d.case.closedAt).not.toBeNull();
      expect(d.allowedSteps).toEqual([]);
      expect(d.callbacks).toHaveLength(2);
      expect(d.events.map((e) => e.kind)).toEqual(['register', 'dispatch', 'escalate', 'dispatch', 'accept', 'note', 'resolve', 'callback', 'reopen', 'accept', 'resolve', 'callback', 'close']);
      expect(d.events.every((e) => e.kind === 'register' || e.actorName !== null)).toBe(true);

      const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'case').where('entity_id', '=', c.id).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual([
        'case.register',
        'case.escalate',
        'case.dispatch',
        'case.accept',
        'case.note',
        'case.resolve',
        'case.callback',
        'case.reopen',
        'case.accept',
        'case.resolve',
        'case.callback',
        'case.close',
      ]);
      // Only the department's own cases are on its list, and it has this one (it had the assignment).
      const list = (await minzheng.get('/api/cases?limit=200')).json() as TCasePage;
      expect(list.items.map((i) => i.id)).toContain(c.id);
      const mine = await t.database.db.selectFrom('case_assignment').select('case_id').where('unit_department_id', '=', mzj).execute();
      expect(list.items.every((i) => mine.some((m) => m.case_id === i.id))).toBe(true);
    }, 60_000);

    it('refuses wrong steps (409 with allowedSteps), the wrong unit (403) and outsiders (404)', async () => {
      const c = await register(cadre);
      let r = await step(cadre, c.id, 'resolve', { resolution: '办结' }, 409);
      expect(r).toMatchObject({ code: 'case_step_not_allowed', caseStatus: 'dispatched', allowedSteps: ['dispatch', 'accept', 'escalate', 'return', 'merge'] });
      r = await step(minzheng, c.id, 'accept', {}, 404);
      r = await step(gangcheng, c.id, 'accept', {}, 403);
      expect(r.code).toBe('case_not_your_unit');
      r = await step(cadre, c.id, 'dispatch', { unit: { departmentId: mzj } }, 403);
      expect(r.code).toBe('forbidden');
      // jiangji (蒋集镇) does not see a 堽城镇 case at all.
      expect((await jiangji.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
      await step(jiangji, c.id, 'dispatch', { unit: { departmentId: mzj } }, 404);
      expect(((await jiangji.get('/api/cases?limit=200')).json() as TCasePage).items.some((i) => i.id === c.id)).toBe(false);
      // A unit outside the case's township, or a department of nowhere.
      expect((await step(gangcheng, c.id, 'dispatch', { unit: { regionCode: '370921105201' } }, 422)).code).toBe('case_unit_invalid');
      expect((await step(gangcheng, c.id, 'dispatch', { unit: { departmentId: '999999' } }, 422)).code).toBe('case_unit_invalid');
      // The leader reads but never acts.
      expect((await leader.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
      expect((await leader.post(`/api/cases/${c.id}/dispatch`, { unit: { departmentId: mzj } })).statusCode).toBe(403);
      // A department is the top level.
      await step(gangcheng, c.id, 'dispatch', { unit: { departmentId: mzj } });
      expect((await step(minzheng, c.id, 'escalate', { reason: '不归我们' }, 409)).code).toBe('case_top_level');
      // Return: back to the dispatcher, registered, no unit.
      const d = await step(minzheng, c.id, 'return', { reason: '不属于民政职责' });
      expect(d.case.status).toBe('registered');
      expect(d.case.unit).toBeNull();
      expect(d.assignments.at(-1)!.endReason).toBe('returned');
      expect(d.allowedSteps).toEqual([]); // minzheng: neither dispatcher nor unit now
      expect((await detail(gangcheng, c.id)).allowedSteps).toEqual(['dispatch', 'merge']);
      // Dispatching to the case's own village works again.
      expect((await step(gangcheng, c.id, 'dispatch', { unit: { regionCode: GANGCHENG_VILLAGE } })).case.status).toBe('dispatched');
    }, 60_000);

    it('lets one of two people accepting at once win; the other gets 409', async () => {
      const c = await register(cadre);
      const [a, b] = await Promise.all([cadre.post(`/api/cases/${c.id}/accept`, {}), cadre.post(`/api/cases/${c.id}/accept`, {})]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const accepts = await t.database.db.selectFrom('case_event').select('id').where('case_id', '=', c.id).where('kind', '=', 'accept').execute();
      expect(accepts).toHaveLength(1);
    });

    it('offers duplicates before registering, and registers anyway or merges on the clerk’s word', async () => {
      const phone = freshPhone();
      const first = await register(cadre, intake({ contactPhone: phone, title: '村口路灯不亮', description: '村口三盏路灯已经坏了两周，晚上出行不便', categoryCode: 'env-road-light' }));
      const again = intake({ contactPhone: phone, title: '路灯坏了', description: '村口的路灯坏了两周了，晚上看不见路', categoryCode: 'env-road-light' });
      const offer = await cadre.post('/api/cases', again);
      expect(offer.statusCode, offer.body).toBe(409);
      const problem = offer.json() as { code: string; duplicates: { id: string; contactPhoneMasked: string; samePhone: boolean; similarity: number }[] };
      expect(problem.code).toBe('case_possible_duplicate');
      expect(problem.duplicates.map((d) => d.id)).toEqual([first.id]);
      expect(problem.duplicates[0]).toMatchObject({ samePhone: true, contactPhoneMasked: expect.stringMatching(/\*{4}/) });
      expect(offer.body).not.toContain(phone);
      // Another category, or unlike text: no offer.
      await register(cadre, intake({ ...again, categoryCode: 'env-sanitation' }));
      await register(cadre, intake({ contactPhone: phone, categoryCode: 'env-road-light', title: '低保申请', description: '家里老人生病想申请低保' }));
      // jiangji would not be offered a case it cannot see (and cannot register in 堽城镇 anyway).
      // Register anyway.
      const anyway = await register(cadre, { ...again, confirmNew: true });
      expect(anyway.status).toBe('dispatched');
      // Merge into the first.
      const merged = await register(cadre, { ...again, mergeInto: first.id });
      expect(merged).toMatchObject({ status: 'merged', mergedInto: { id: first.id, caseNo: first.caseNo }, unit: null });
      const target = await detail(gangcheng, first.id);
      expect(target.case.mergedFrom.map((m) => m.id)).toContain(merged.id);
      expect(target.events.at(-1)).toMatchObject({ kind: 'merge', details: { fromId: merged.id } });
      const source = await detail(gangcheng, merged.id);
      expect(source.case).toMatchObject({ status: 'merged', mergedInto: { id: first.id } });
      expect(source.assignments).toEqual([]);
      // mergeInto a case not open, or itself: 422.
      const bad = await cadre.post('/api/cases', { ...again, mergeInto: merged.id });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().code).toBe('case_merge_invalid');
      // The failed merge left nothing behind.
      expect((await t.database.db.selectFrom('resident_case').select('id').where('contact_phone_hash', '=', testCipher.lookupHash('phone', phone)).execute()).length).toBe(5);
    }, 60_000);

    it('merges by the dispatcher: the merged case ends its assignment and both histories say so', async () => {
      const a = await register(cadre);
      const b = await register(cadre);
      expect((await step(cadre, b.id, 'merge', { intoId: a.id }, 403)).code).toBe('forbidden');
      expect((await step(gangcheng, b.id, 'merge', { intoId: b.id }, 422)).code).toBe('case_merge_invalid');
      const d = await step(gangcheng, b.id, 'merge', { intoId: a.id, note: '同一户同一事' });
      expect(d.case).toMatchObject({ status: 'merged', mergedInto: { id: a.id } });
      expect(d.assignments.at(-1)!.endReason).toBe('merged');
      expect(d.allowedSteps).toEqual([]);
      expect((await step(gangcheng, a.id, 'merge', { intoId: b.id }, 422)).code).toBe('case_merge_invalid');
      expect(await step(gangcheng, b.id, 'dispatch', { unit: { regionCode: GANGCHENG_VILLAGE } }, 409)).toMatchObject({ code: 'case_step_not_allowed', caseStatus: 'merged', allowedSteps: [] });
    });

    it('closes a resolved case without a call back only after the set number of unanswered attempts', async () => {
      const c = await register(cadre);
      await step(cadre, c.id, 'accept');
      await step(cadre, c.id, 'resolve', { resolution: '已处理' });
      expect((await step(gangcheng, c.id, 'close', {}, 409)).code).toBe('case_callback_required');
      for (let i = 0; i < 3; i++) {
        const d = await step(gangcheng, c.id, 'callback', { outcome: 'unreachable', note: `第${i + 1}次未接通` });
        expect(d.case.status).toBe('resolved');
        expect(d.unansweredCallbacks).toBe(i + 1);
        expect(d.allowedSteps.includes('close')).toBe(i === 2);
      }
      expect((await step(gangcheng, c.id, 'close')).case.status).toBe('closed');
      expect((await gangcheng.post(`/api/cases/${c.id}/callback`, { outcome: 'unreachable', solved: true })).statusCode).toBe(400);
    });

    it('escalates a township case with no department for its category back to the county dispatcher', async () => {
      const c = await register(cadre, intake({ categoryCode: 'sec-dispute', title: '邻里宅基地纠纷', description: '与邻居因宅基地边界争执' }));
      await step(cadre, c.id, 'escalate', { reason: '村里调解不成' });
      const d = await step(gangcheng, c.id, 'escalate', { reason: '需县里协调' });
      expect(d.case).toMatchObject({ status: 'registered', unit: null });
      expect((await detail(admin, c.id)).allowedSteps).toEqual(['dispatch', 'merge']);
    });

    it('reveals the contact’s phone with a purpose, audited; links a resident in scope', async () => {
      const phone = freshPhone();
      const c = await register(cadre, intake({ contactPhone: phone }));
      expect((await cadre.post(`/api/cases/${c.id}/reveal-phone`, {})).statusCode).toBe(400);
      const res = await cadre.post(`/api/cases/${c.id}/reveal-phone`, { purpose: { code: 'petition' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ value: phone });
      const entry = await t.database.db.selectFrom('audit_log').select(['after']).where('action', '=', 'case.reveal_phone').where('entity_id', '=', c.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(entry.after)).toContain('petition');
      expect((await leader.post(`/api/cases/${c.id}/reveal-phone`, { purpose: { code: 'petition' } })).statusCode).toBe(403);
      expect((await jiangji.post(`/api/cases/${c.id}/reveal-phone`, { purpose: { code: 'petition' } })).statusCode).toBe(404);

      const hh = await insertHousehold(t.database.db, testCipher, { villageCode: GANGCHENG_VILLAGE, householdNo: `LK-${c.id}`, members: [{ name: '李桂兰', idNumber: idNumber('1955-03-04', 21), relationship: '户主' }] });
      const other = await insertHousehold(t.database.db, testCipher, { villageCode: '370921105201', householdNo: `LK2-${c.id}`, members: [{ name: '外镇人', idNumber: idNumber('1956-03-04', 22), relationship: '户主' }] });
      expect((await cadre.post(`/api/cases/${c.id}/link-resident`, { residentId: other.residentIds[0] })).statusCode).toBe(404);
      const linked = await cadre.post(`/api/cases/${c.id}/link-resident`, { residentId: hh.residentIds[0] });
      expect(linked.statusCode, linked.body).toBe(200);
      expect((linked.json() as TCaseDetail).case).toMatchObject({ residentId: hh.residentIds[0], residentName: '李桂兰' });
      expect(await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'case.link_resident').where('entity_id', '=', c.id).execute()).toHaveLength(1);
    });

    it('keeps evidence photos on the case: upload, name them in a note, download in scope only', async () => {
      const c = await register(cadre);
      await step(cadre, c.id, 'accept');
      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
      const up = await cadre.request({ method: 'POST', url: `/api/cases/${c.id}/files`, payload: png, headers: { 'content-type': 'image/png' } });
      expect(up.statusCode, up.body).toBe(201);
      const { sha256 } = up.json() as { sha256: string };
      expect((await step(cadre, c.id, 'notes', { note: '现场照片', files: ['0'.repeat(64)] }, 422)).code).toBe('case_file_not_on_case');
      const d = await step(cadre, c.id, 'notes', { note: '现场照片', files: [sha256] });
      expect(d.files).toMatchObject([{ sha256, eventId: d.events.at(-1)!.id }]);
      expect(d.events.at(-1)!.files).toEqual([sha256]);
      const got = await gangcheng.get(`/api/cases/${c.id}/files/${sha256}`);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toMatch(/^image\//);
      expect((await jiangji.get(`/api/cases/${c.id}/files/${sha256}`)).statusCode).toBe(404);
      const other = await register(cadre);
      expect((await gangcheng.get(`/api/cases/${other.id}/files/${sha256}`)).statusCode).toBe(404);
      expect((await minzheng.request({ method: 'POST', url: `/api/cases/${c.id}/files`, payload: png, headers: { 'content-type': 'image/png' } })).statusCode).toBe(404);
    });

    it('lists with filters: status, unit, overdue, due soon, reopened, dates, text; keyset pages without gaps', async () => {
      const db = t.database.db;
      const ctx = await caseContext(db, 'cadre');
      // Registered long ago: its deadlines have passed.
      const old = await registerCase(ctx, { channel: 'phone', now: new Date('2026-03-02T02:00:00Z'), intake: { categoryCode: 'relief-temporary', regionCode: GANGCHENG_VILLAGE, title: '旧案逾期', description: '早已逾期的诉求' } });
      // Registered now with an urgent deadline counted from just before now: due soon.
      const soon = await register(cadre, intake({ title: '紧急求助事项', urgent: true }));
      const overdue = (await gangcheng.get('/api/cases?overdue=true&limit=200')).json() as TCasePage;
      expect(overdue.items.map((i) => i.id)).toContain(old.id);
      expect(overdue.items.every((i) => i.overdue)).toBe(true);
      const notOverdue = (await gangcheng.get('/api/cases?overdue=false&limit=200')).json() as TCasePage;
      expect(notOverdue.items.map((i) => i.id)).not.toContain(old.id);
      const dueSoon = (await gangcheng.get('/api/cases?dueSoon=true&limit=200')).json() as TCasePage;
      expect(dueSoon.items.every((i) => i.dueSoon && !i.overdue)).toBe(true);
      const soonItem = ((await gangcheng.get('/api/cases?q=紧急求助&limit=200')).json() as TCasePage).items[0]!;
      expect(soonItem.id).toBe(soon.id);
      expect(dueSoon.items.map((i) => i.id).includes(soon.id)).toBe(soonItem.dueSoon);

      const byNo = (await gangcheng.get(`/api/cases?q=${old.caseNo}`)).json() as TCasePage;
      expect(byNo.items.map((i) => i.id)).toEqual([old.id]);
      const dated = (await gangcheng.get('/api/cases?from=2026-03-02&to=2026-03-02')).json() as TCasePage;
      expect(dated.items.map((i) => i.id)).toEqual([old.id]);
      const byStatus = (await gangcheng.get('/api/cases?status=closed,merged&limit=200')).json() as TCasePage;
      expect(byStatus.items.every((i) => i.status === 'closed' || i.status === 'merged')).toBe(true);
      expect(byStatus.items.length).toBeGreaterThan(0);
      const reopened = (await admin.get('/api/cases?reopened=true&limit=200')).json() as TCasePage;
      expect(reopened.items.length).toBeGreaterThan(0);
      expect(reopened.items.every((i) => i.reopenCount > 0)).toBe(true);
      const byDept = (await admin.get(`/api/cases?unitDepartmentId=${mzj}&limit=200`)).json() as TCasePage;
      expect(byDept.items.every((i) => i.unit?.departmentId === mzj)).toBe(true);
      const byUnit = (await admin.get(`/api/cases?unitRegionCode=${GANGCHENG_VILLAGE}&limit=200`)).json() as TCasePage;
      expect(byUnit.items.length).toBeGreaterThan(0);
      expect(byUnit.items.every((i) => i.unit?.regionCode === GANGCHENG_VILLAGE)).toBe(true);
      expect((await jiangji.get(`/api/cases?regionCode=${GANGCHENG}`)).statusCode).toBe(404);
      expect((await gangcheng.get('/api/cases?status=open')).statusCode).toBe(400);
      expect((await gangcheng.get('/api/cases?cursor=nonsense')).json().code).toBe('invalid_cursor');

      // Keyset pages: page by 3 and get exactly the full list, newest first.
      const all = ((await gangcheng.get('/api/cases?limit=200')).json() as TCasePage).items.map((i) => i.id);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const pageRes = (await gangcheng.get(`/api/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json() as TCasePage;
        paged.push(...pageRes.items.map((i) => i.id));
        cursor = pageRes.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      const list = ((await gangcheng.get('/api/cases?limit=200')).json() as TCasePage).items;
      for (let i = 1; i < list.length; i++) expect(list[i - 1]!.registeredAt >= list[i]!.registeredAt).toBe(true);
      expect(JSON.stringify(list)).not.toMatch(/1390000\d{4}/);
    }, 60_000);
  });
}
