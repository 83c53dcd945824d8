import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { insertFieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { AUDIT_ACTIONS } from '../../../shared/audit-actions.ts';
import type { TAuditEntry } from '../../../shared/schemas/audit.ts';
import { AUDIT_FIELD_LABELS_ZH } from '../../../web/i18n/reveals.zh-CN.ts';
import { loadActor } from '../auth/index.ts';
import { seedDemoRegistry } from '../demo/index.ts';
import { cliAuditSource } from './record-audit.ts';
import { listAudit } from './list-audit.ts';
import { resolveAuditNames } from './resolve-audit-names.ts';

const G_VILLAGE = '370921104201'; // a village of 堽城镇, the demo cadre's

/** A Kysely plugin that shows each query to `seen` before it runs. */
const spy = (seen: (node: unknown) => void): KyselyPlugin => ({
  transformQuery: (args) => {
    seen(args.node);
    return args.node;
  },
  transformResult: async (args) => args.result,
});

for (const dialect of DIALECTS) {
  describe(`reveals with a purpose, an audit log in words [${dialect.name}]`, () => {
    let t: TestApp;
    let wang: { householdId: string; residentIds: string[] };
    const wangId = idNumber('1968-02-03', 417);
    const wangPhone = '13705381234';
    let phoneId: string;
    let waveId: string;
    const idUrl = () => `/api/residents/${wang.residentIds[0]}/reveal-id-number`;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      // A demo registry imported by the server itself at first start, as a county admin meets it.
      await seedDemoRegistry({ db: t.database.db, actor: null, source: cliAuditSource('serve'), cipher: testCipher }, { households: 200 });
      // A wave in fieldwork: an interviewer dials a case, the supervisor closes the wave.
      waveId = (await insertFieldworkWave(t.database.db, testCipher, { casesPerTownship: 1 })).waveId;
      const i1 = await t.as('interviewer1');
      const claimed = (await i1.post('/api/fieldwork/next-case', { waveId })).json().case;
      expect((await i1.post(`/api/fieldwork/cases/${claimed.id}/dial`)).statusCode).toBe(200);
      expect((await (await t.as('supervisor')).post(`/api/survey/waves/${waveId}/close`)).statusCode).toBe(200);
      wang = await insertHousehold(t.database.db, testCipher, {
        villageCode: G_VILLAGE,
        householdNo: 'REVEAL-0001',
        members: [
          { name: '王建国', idNumber: wangId, relationship: '户主', phones: [wangPhone] },
          { name: '刘桂兰', idNumber: idNumber('1970-06-07', 428), relationship: '配偶' },
        ],
      });
      const g = await t.as('gangcheng');
      phoneId = (await g.get(`/api/households/${wang.householdId}`)).json().members[0].phones[0].id;
    }, 600_000);
    afterAll(async () => t?.close());

    const revealCount = async () =>
      Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('action', 'in', ['resident.reveal_id_number', 'resident.reveal_phone']).executeTakeFirstOrThrow()).n);

    it('refuses a reveal without a valid purpose: 400 problem+json, nothing shown, nothing recorded', async () => {
      const g = await t.as('gangcheng');
      const before = await revealCount();
      const bad: unknown[] = [
        undefined,
        {},
        { purpose: null },
        { purpose: {} },
        { purpose: { code: 'curious' } },
        { purpose: { code: 'other' } },
        { purpose: { code: 'other', note: '   ' } },
        { purpose: { code: 'home_visit', note: '核'.repeat(101) } },
        { purpose: { code: 'home_visit', note: '核对\u200B低保' } },
        { purpose: { code: 'home_visit', note: '\u202E保低对核' } },
        { purpose: { code: 'home_visit' }, extra: true },
        { purpose: { code: 'home_visit', extra: true } },
      ];
      for (const body of bad) {
        for (const url of [idUrl(), `/api/resident-phones/${phoneId}/reveal`]) {
          const res = await g.post(url, body);
          expect(res.statusCode, JSON.stringify(body)).toBe(400);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).not.toContain(wangId);
          expect(res.body).not.toContain(wangPhone);
        }
      }
      expect(await revealCount()).toBe(before);
    });

    it('says why in Chinese and in English', async () => {
      const g = await t.as('gangcheng');
      const zh = (await g.post(idUrl(), { purpose: { code: 'other' } })).json();
      expect(zh.issues).toContainEqual({ path: 'purpose.note', message: '选择“其他”时须写明查看目的' });
      const en = (await g.request({ method: 'POST', url: idUrl(), payload: { purpose: { code: 'other' } }, headers: { 'x-lianxin-locale': 'en' } })).json();
      expect(en.issues).toContainEqual({ path: 'purpose.note', message: 'say the purpose in words when it is "other"' });
      const invisible = (await g.post(idUrl(), { purpose: { code: 'petition', note: '回访\u200B' } })).json();
      expect(invisible.issues[0].path).toBe('purpose.note');
      expect(invisible.issues[0].message).toMatch(/不可见字符/);
    });

    it('reveals with a purpose and records it with the reveal', async () => {
      const g = await t.as('gangcheng');
      expect((await g.post(idUrl(), { purpose: { code: 'other', note: '  核对低保申请材料 ' } })).json()).toEqual({ value: wangId });
      const cadre = await t.as('cadre'); // bound to this village
      expect((await cadre.post(`/api/resident-phones/${phoneId}/reveal`, { purpose: { code: 'home_visit', note: '' } })).json()).toEqual({ value: wangPhone });
      const admin = await t.as('admin');
      expect((await admin.post(`/api/resident-phones/${phoneId}/reveal`, { purpose: { code: 'petition' } })).json()).toEqual({ value: wangPhone });
      const rows = await t.database.db.selectFrom('audit_log').select(['actor_name', 'action', 'after']).where('entity_id', '=', wang.residentIds[0]!).where('entity_type', '=', 'resident').orderBy('id').execute();
      expect(rows.map((r) => [r.actor_name, r.action, (r.after as { purpose: unknown }).purpose])).toEqual(
        expect.arrayContaining([
          ['gangcheng', 'resident.reveal_id_number', { code: 'other', note: '核对低保申请材料' }],
          ['cadre', 'resident.reveal_phone', { code: 'home_visit', note: null }],
          ['admin', 'resident.reveal_phone', { code: 'petition', note: null }],
        ]),
      );
      expect(JSON.stringify(rows)).not.toContain(wangId);
      expect(JSON.stringify(rows)).not.toContain(wangPhone);
    });

    const page = async (client: Client, query: string): Promise<TAuditEntry[]> => {
      const res = await client.get(`/api/audit?limit=200&${query}`);
      expect(res.statusCode).toBe(200);
      return res.json().items;
    };

    it('names operators, records, regions, sources and purposes', async () => {
      const admin = await t.as('admin');
      const reveal = (await page(admin, 'action=resident.reveal_id_number&actor=gangcheng'))[0]!;
      expect(reveal).toMatchObject({
        actorName: 'gangcheng',
        actorDisplayName: '堽城镇管理员',
        source: { kind: 'web', command: null },
        entityName: { name: '王建国', detail: `370921********${wangId.slice(-4)}` },
        purpose: { code: 'other', note: '核对低保申请材料' },
      });
      expect(reveal.regionName?.name).toBeTruthy();

      const closed = (await page(admin, 'action=survey_wave.close'))[0]!;
      const wave = await t.database.db.selectFrom('survey_wave').select('name').where('id', '=', waveId).executeTakeFirstOrThrow();
      expect(closed).toMatchObject({ actorName: 'supervisor', source: { kind: 'web' }, entityId: waveId, entityName: { name: wave.name }, regionName: { name: '宁阳县' } });

      const dial = (await page(admin, 'action=survey.dial'))[0]!;
      expect(dial.purpose).toEqual({ code: 'survey_call', note: null });
      expect(dial.entityName).toMatchObject({ name: wave.name, detail: expect.stringMatching(/\*{4}/) });

      const seeded = (await page(admin, 'action=demo.seed'))[0]!;
      expect(seeded).toMatchObject({ source: { kind: 'cli', command: 'test' }, entityName: { name: '宁阳县', detail: '370921' } });

      const login = (await page(admin, 'action=auth.login&actor=gangcheng'))[0]!;
      expect(login.entityName).toMatchObject({ name: '堽城镇管理员', detail: 'gangcheng' });

      const imported = (await page(admin, 'action=household.imported'))[0]!;
      const head = await t.database.db
        .selectFrom('resident')
        .innerJoin('household', 'household.id', 'resident.household_id')
        .select(['resident.name', 'household.household_no'])
        .where('household.id', '=', imported.entityId!)
        .where('resident.relationship', '=', '户主')
        .executeTakeFirstOrThrow();
      expect(imported.entityName).toMatchObject({ name: head.name, detail: head.household_no });

      expect(imported.source).toEqual({ kind: 'system', command: null });
      const job = (await page(admin, 'action=import.households'))[0]!;
      expect(job).toMatchObject({ source: { kind: 'system' }, entityName: { name: expect.stringMatching(/\.csv$/) } });
    });

    it('gives every recorded action and every recorded field a label', async () => {
      const actions = await t.database.db.selectFrom('audit_log').select('action').distinct().execute();
      expect(actions.length).toBeGreaterThan(8);
      expect(actions.map((a) => a.action).filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
      const keys = await sql<{ key: string }>`
        SELECT DISTINCT k AS key FROM audit_log,
          LATERAL jsonb_object_keys(CASE WHEN jsonb_typeof(after) = 'object' THEN after ELSE '{}'::jsonb END) k
        UNION
        SELECT DISTINCT k FROM audit_log,
          LATERAL jsonb_object_keys(CASE WHEN jsonb_typeof(before) = 'object' THEN before ELSE '{}'::jsonb END) k`.execute(t.database.db);
      expect(keys.rows.length).toBeGreaterThan(20);
      expect(keys.rows.map((r) => r.key).filter((k) => !(k in AUDIT_FIELD_LABELS_ZH))).toEqual([]);
    });

    it('shows no full ID number or phone anywhere in the audit view', async () => {
      const admin = await t.as('admin');
      let cursor: string | null = null;
      let seen = 0;
      do {
        const res = await admin.get(`/api/audit?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        const body = res.body;
        for (const full of [wangId, wangPhone]) expect(body).not.toContain(full);
        // No 18-character ID number and no 11-digit mobile number, of anyone.
        expect(body.match(/(?<![\da-fA-F*])\d{17}[\dX](?![\da-fA-F*])/g)).toBeNull();
        expect(body.match(/(?<![\da-fA-F*])1[3-9]\d{9}(?![\da-fA-F*])/g)).toBeNull();
        const json = res.json();
        seen += json.items.length;
        cursor = json.nextCursor;
      } while (cursor && seen < 1000);
      expect(seen).toBeGreaterThan(150);
    });

    it('names only what the viewer may see, and never reads an encrypted field', async () => {
      const db = t.database.db;
      const rows = [
        { actor_id: (await loadActor({ db, actor: null }, { username: 'gangcheng' }))!.id, entity_type: 'household', entity_id: wang.householdId },
        { actor_id: null, entity_type: 'resident', entity_id: wang.residentIds[0]! },
        { actor_id: null, entity_type: 'region', entity_id: G_VILLAGE },
      ];
      const jiangji = (await loadActor({ db, actor: null }, { username: 'jiangji' }))!;
      const outside = await resolveAuditNames({ db, actor: jiangji }, { rows });
      expect([...outside.actors.values(), ...outside.entities.values()]).toEqual([]);
      const gangcheng = (await loadActor({ db, actor: null }, { username: 'gangcheng' }))!;
      const inside = await resolveAuditNames({ db, actor: gangcheng }, { rows });
      expect(inside.entities.get(`household:${wang.householdId}`)).toEqual({ name: '王建国', nameEn: null, detail: 'REVEAL-0001' });
      expect(inside.actors.get(gangcheng.id)).toBe('堽城镇管理员');
      // A survey supervisor sees the county but not the registry: no household or resident names.
      const supervisor = (await loadActor({ db, actor: null }, { username: 'supervisor' }))!;
      const survey = await resolveAuditNames({ db, actor: supervisor }, { rows });
      expect(survey.entities.get(`household:${wang.householdId}`)).toBeUndefined();
      expect(survey.entities.get(`resident:${wang.residentIds[0]}`)).toBeUndefined();
      expect(survey.entities.get(`region:${G_VILLAGE}`)?.name).toBeTruthy();
      // Ciphertext columns are never selected.
      const statements: string[] = [];
      const logged = db.withPlugin(spy((node) => statements.push(JSON.stringify(node))));
      const admin = (await loadActor({ db, actor: null }, { username: 'admin' }))!;
      await listAudit({ db: logged, actor: admin }, { limit: 200 });
      expect(statements.join('\n')).not.toMatch(/_cipher/);
    });

    it('resolves names per page, not per row', async () => {
      const db = t.database.db;
      const admin = (await loadActor({ db, actor: null }, { username: 'admin' }))!;
      const count = async (limit: number, action?: string) => {
        let n = 0;
        const logged = db.withPlugin(spy(() => n++));
        const { items } = await listAudit({ db: logged, actor: admin }, { limit, ...(action ? { action } : {}) });
        return { n, rows: items.length };
      };
      const small = await count(5, 'household.imported');
      const large = await count(200, 'household.imported');
      expect(large.rows).toBe(200);
      expect(large.n).toBe(small.n);
      const mixed = await count(200);
      // One for the page, one for operators, one per kind of record on it: never one per row.
      expect(mixed.n).toBeLessThan(16);
    });
  });
}
