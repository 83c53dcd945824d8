import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { cliAuditSource } from '../audit/index.ts';
import { loadActor } from '../auth/index.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { updateUser } from './update-user.ts';

const GANGCHENG = '370921104';
const JIANGJI = '370921105';

for (const dialect of DIALECTS) {
  describe(`users [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => t?.close());

    it('a township admin creates a village cadre in a village of their township, who can then sign in', async () => {
      const g = await t.as('gangcheng');
      const res = await g.post('/api/users', {
        username: 'li_cadre',
        displayName: '李明',
        password: 'Cadre2026x',
        roles: ['village_cadre'],
        regionCode: `${GANGCHENG}202`,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ username: 'li_cadre', roles: ['village_cadre'], regionCode: `${GANGCHENG}202`, active: true });
      const me = (await t.as('li_cadre', 'Cadre2026x')).get('/api/auth/me');
      expect((await me).json().region.code).toBe(`${GANGCHENG}202`);
    });

    it('a township admin can neither create accounts elsewhere nor grant county roles', async () => {
      const g = await t.as('gangcheng');
      const elsewhere = await g.post('/api/users', { username: 'x1', displayName: 'x', password: 'Abcdefg123', roles: ['village_cadre'], regionCode: `${JIANGJI}201` });
      expect(elsewhere.statusCode).toBe(404);
      const countyRole = await g.post('/api/users', { username: 'x2', displayName: 'x', password: 'Abcdefg123', roles: ['county_admin'], regionCode: `${GANGCHENG}202` });
      expect(countyRole.statusCode).toBe(403);
      expect(countyRole.json().code).toBe('role_not_grantable');
    });

    it('lists only the accounts of the caller’s subtree, page by page', async () => {
      const g = await t.as('gangcheng');
      const list = (await g.get('/api/users?limit=50')).json();
      expect(list.items.map((u: { username: string }) => u.username).sort()).toEqual(expect.arrayContaining(['cadre', 'gangcheng']));
      expect(list.items.every((u: { regionCode: string }) => u.regionCode.startsWith(GANGCHENG))).toBe(true);

      const admin = await t.as('admin');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const pageBody: { items: { id: string }[]; nextCursor: string | null } = (await admin.get(url)).json();
        seen.push(...pageBody.items.map((u) => u.id));
        cursor = pageBody.nextCursor;
      } while (cursor);
      const all = (await admin.get('/api/users?limit=200')).json().items.map((u: { id: string }) => u.id);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('a department handler needs a department of the county', async () => {
      const admin = await t.as('admin');
      const base = { username: 'wang_handler', displayName: '王', password: 'Handler2026', roles: ['department_handler'], regionCode: '370921' };
      const missing = await admin.post('/api/users', base);
      expect(missing.statusCode).toBe(422);
      expect(missing.json().code).toBe('department_required');
      const ok = await admin.post('/api/users', { ...base, departmentCode: 'wjj' });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().departmentCode).toBe('wjj');
    });

    it('rejects a taken username with 409', async () => {
      const admin = await t.as('admin');
      const res = await admin.post('/api/users', { username: 'gangcheng', displayName: 'x', password: 'Abcdefg123', roles: ['interviewer'], regionCode: '370921' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('username_taken');
    });

    it('usernames are unique without regard to case: ADMIN next to admin is refused with 409', async () => {
      const admin = await t.as('admin');
      for (const username of ['ADMIN', 'GangCheng']) {
        const res = await admin.post('/api/users', { username, displayName: 'x', password: 'Abcdefg123', roles: ['interviewer'], regionCode: '370921' });
        expect(res.statusCode).toBe(409);
        expect(res.json().code).toBe('username_taken');
      }
      expect((await admin.get('/api/users?q=admin')).json().items.map((u: { username: string }) => u.username)).toEqual(['admin']);
      // The database holds to it too, whoever writes (a race, the command line, a restore).
      const row = await t.database.db.selectFrom('app_user').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
      const { id: _id, ...copy } = row;
      await expect(t.database.db.insertInto('app_user').values({ ...copy, username: 'Admin' }).execute()).rejects.toThrow(/app_user_username_lower_key/);
    });

    it('disabling an account or changing its roles ends its sessions; admins cannot demote themselves', async () => {
      const admin = await t.as('admin');
      const victim = await t.as('interviewer1');
      const id = (await admin.get('/api/users?q=interviewer1')).json().items[0].id;
      const res = await admin.patch(`/api/users/${id}`, { active: false });
      expect(res.json().active).toBe(false);
      expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
      const login = await t.anonymous.post('/api/auth/login', { username: 'interviewer1', password: 'Lianxin2026' });
      expect(login.statusCode).toBe(403);
      expect(login.json().code).toBe('account_disabled');

      const me = (await admin.get('/api/auth/me')).json();
      const self = await admin.patch(`/api/users/${me.id}`, { roles: ['interviewer'] });
      expect(self.statusCode).toBe(403);
      expect(self.json().code).toBe('cannot_change_self');
    });

    it('a second admin of the same township can neither create, change, reset nor disable the first: only accounts below its township', async () => {
      const admin = await t.as('admin');
      expect((await admin.post('/api/users', { username: 'gangcheng2', displayName: '堽城镇管理员二', password: 'Second2026', roles: ['township_admin'], regionCode: GANGCHENG })).statusCode).toBe(201);
      const second = await t.as('gangcheng2', 'Second2026');
      const idOf = async (username: string) => (await admin.get(`/api/users?q=${username}`)).json().items.find((u: { username: string }) => u.username === username).id as string;
      const first = await idOf('gangcheng');

      const peer = { username: 'gangcheng3', displayName: '第三位', password: 'Third2026x', roles: ['township_admin'], regionCode: GANGCHENG };
      const refusals = [
        await second.post('/api/users', peer),
        await second.post('/api/users', { ...peer, roles: ['village_cadre'] }),
        await second.patch(`/api/users/${first}`, { active: false }),
        await second.patch(`/api/users/${first}`, { displayName: '改名' }),
        await second.patch(`/api/users/${first}`, { unlock: true }),
        await second.post(`/api/users/${first}/password`, { newPassword: 'Taken2026x' }),
      ];
      for (const res of refusals) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('account_not_below');
      }
      // Nor below the township, as an admin: township admins are made by the county.
      const below = await second.post('/api/users', { ...peer, regionCode: `${GANGCHENG}202` });
      expect(below.statusCode).toBe(403);
      expect(below.json().code).toBe('role_not_grantable');
      expect((await admin.get(`/api/users/${first}`)).json()).toMatchObject({ active: true, displayName: '堽城镇管理员' });
      expect((await t.anonymous.post('/api/auth/login', { username: 'gangcheng', password: DEMO_PASSWORD })).statusCode).toBe(200);

      // Accounts of its villages it does manage, but it cannot lift one up to its own level.
      expect((await second.get(`/api/users/${first}`)).statusCode).toBe(200);
      const cadre = await idOf('cadre');
      expect((await second.patch(`/api/users/${cadre}`, { displayName: '堽城镇包村干部' })).statusCode).toBe(200);
      const up = await second.patch(`/api/users/${cadre}`, { regionCode: GANGCHENG });
      expect(up.statusCode).toBe(403);
      expect(up.json().code).toBe('account_not_below');
      // The other township stays out of sight altogether.
      expect((await second.patch(`/api/users/${await idOf('jiangji')}`, { active: false })).statusCode).toBe(404);
      // The county manages both.
      expect((await admin.patch(`/api/users/${await idOf('gangcheng2')}`, { active: false })).statusCode).toBe(200);
    });

    it('nobody changes their own account through /api/users; their own password only through /api/auth/password', async () => {
      for (const username of ['gangcheng', 'admin']) {
        const c = await t.as(username);
        const me = (await c.get('/api/auth/me')).json();
        for (const res of [
          await c.patch(`/api/users/${me.id}`, { displayName: '新名字' }),
          await c.patch(`/api/users/${me.id}`, { unlock: true }),
          await c.post(`/api/users/${me.id}/password`, { newPassword: 'Mine2026xx' }),
        ]) {
          expect(res.statusCode).toBe(403);
          expect(res.json().code).toBe('cannot_change_self');
        }
        expect((await t.anonymous.post('/api/auth/login', { username, password: 'Mine2026xx' })).statusCode).toBe(401);
        expect((await c.get(`/api/users/${me.id}`)).json().displayName).toBe(me.displayName);
      }
    });

    it('the last active county admin is neither disabled, demoted nor moved away: 409', async () => {
      const admin = await t.as('admin');
      const body = { displayName: '县管理员', password: 'County2026x', roles: ['county_admin'], regionCode: '370921' };
      const second = (await admin.post('/api/users', { ...body, username: 'admin2' })).json();
      // admin2's request is still on its way when admin disables admin2 (its session ends at once).
      const stale = (await loadActor({ db: t.database.db, actor: null }, { username: 'admin2' }))!;
      expect((await admin.patch(`/api/users/${second.id}`, { active: false })).statusCode).toBe(200);
      const adminId = (await admin.get('/api/auth/me')).json().id;
      for (const change of [{ active: false }, { roles: ['county_leader' as const] }, { regionCode: GANGCHENG }, { roles: ['county_leader' as const], active: false }]) {
        await expect(updateUser({ db: t.database.db, actor: stale, source: cliAuditSource('test') }, { id: adminId, changes: change })).rejects.toMatchObject({ status: 409, code: 'last_county_admin' });
      }
      expect((await updateUser({ db: t.database.db, actor: stale, source: cliAuditSource('test') }, { id: adminId, changes: { roles: ['county_admin', 'county_leader'] } })).roles).toEqual(['county_admin', 'county_leader']);
      expect((await admin.get('/api/auth/me')).statusCode).toBe(401); // its roles changed: its sessions ended

      // Two county admins disabling each other at the same moment: one of them stays.
      const again = await t.as('admin');
      const third = (await again.post('/api/users', { ...body, username: 'admin3' })).json();
      const [a, b] = [(await loadActor({ db: t.database.db, actor: null }, { username: 'admin' }))!, (await loadActor({ db: t.database.db, actor: null }, { username: 'admin3' }))!];
      const results = await Promise.allSettled([
        updateUser({ db: t.database.db, actor: a, source: cliAuditSource('test') }, { id: third.id, changes: { active: false } }),
        updateUser({ db: t.database.db, actor: b, source: cliAuditSource('test') }, { id: adminId, changes: { active: false } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 409, code: 'last_county_admin' } });
      const left = await t.database.db.selectFrom('app_user').select('username').where('active', '=', true).where('region_id', '=', a.regionId).where((eb) => eb(eb.val('county_admin'), '=', eb.fn.any('roles'))).execute();
      expect(left).toHaveLength(1);
      // Whoever lost, the demo admin is needed by the tests below.
      await t.database.db.updateTable('app_user').set({ active: true, roles: ['county_admin'] }).where('username', '=', 'admin').execute();
    });

    it('an admin resets a password; the old one stops working', async () => {
      const g = await t.as('gangcheng');
      const id = (await g.get('/api/users?q=cadre')).json().items.find((u: { username: string }) => u.username === 'cadre').id;
      expect((await g.post(`/api/users/${id}/password`, { newPassword: 'Reset2026ok' })).statusCode).toBe(200);
      expect((await t.anonymous.post('/api/auth/login', { username: 'cadre', password: 'Lianxin2026' })).statusCode).toBe(401);
      expect((await t.anonymous.post('/api/auth/login', { username: 'cadre', password: 'Reset2026ok' })).statusCode).toBe(200);
    });

    it('refuses a name with an invisible character (U+200B) with 400, saying why in the caller’s language', async () => {
      const g = await t.as('gangcheng');
      const body = { username: 'zw_cadre', displayName: '李\u200B明', password: 'Cadre2026x', roles: ['village_cadre'], regionCode: `${GANGCHENG}202` };
      const zh = await g.post('/api/users', body);
      expect(zh.statusCode).toBe(400);
      expect(zh.json().issues).toEqual([{ path: 'displayName', message: expect.stringMatching(/^不能包含不可见字符或改变文字方向的字符（U\+200B–U\+200F/) }]);
      const en = await g.request({ method: 'POST', url: '/api/users', headers: { 'x-lianxin-locale': 'en' }, payload: body });
      expect(en.statusCode).toBe(400);
      expect(en.json().issues).toEqual([{ path: 'displayName', message: expect.stringMatching(/^must not contain invisible or direction-changing characters \(U\+200B–U\+200F/) }]);
      const region = await g.post('/api/regions', { parentCode: GANGCHENG, code: `${GANGCHENG}298`, name: '东\u200B庄村', openedOn: '2026-01-01' });
      expect(region.statusCode).toBe(400);
      expect(region.json().issues[0].path).toBe('name');
      expect((await g.get('/api/users?q=zw_cadre')).json().items).toEqual([]);
    });

    it('every account change is in the audit log with before and after', async () => {
      const admin = await t.as('admin');
      const entries = (await admin.get('/api/audit?entityType=user&action=user.update&limit=200')).json().items;
      const interviewer = (await admin.get('/api/users?q=interviewer1')).json().items[0].id;
      const disable = entries.find((e: { entityId: string; after: { active: boolean } }) => e.entityId === interviewer && e.after.active === false);
      expect(disable.before).toMatchObject({ active: true });
      expect(disable.actorName).toBe('admin');
    });
  });
}
