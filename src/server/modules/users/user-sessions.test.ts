import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type Client, type TestApp } from '../../../../test/support/test-app.ts';

const ANDROID = 'Mozilla/5.0 (Linux; Android 13; 23021RAAEG Build/TKQ1.221114.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36';

for (const dialect of DIALECTS) {
  describe(`an account's devices (${dialect.name})`, () => {
    let t: TestApp;
    let gangcheng: Client;
    let cadreId: string;

    /** Signs in as a phone would (its own label and user agent); a cookie and CSRF token to send. */
    async function phone(username: string, o: { deviceLabel?: string; userAgent?: string } = {}) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'Lianxin2026', ...(o.deviceLabel ? { deviceLabel: o.deviceLabel } : {}) },
        headers: o.userAgent ? { 'user-agent': o.userAgent } : {},
      });
      expect(res.statusCode).toBe(200);
      const cookie = ([res.headers['set-cookie']].flat()[0] as string).split(';')[0]!;
      return {
        get: (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { cookie, ...headers } }),
      };
    }
    const sessionsOf = async (c: Client, id: string) => (await c.get(`/api/users/${id}/sessions`)).json().items as { id: string; deviceLabel: string | null; lastIp: string | null; lastSeenAt: string | null }[];

    beforeAll(async () => {
      t = await startTestApp(dialect);
      gangcheng = await t.as('gangcheng');
      cadreId = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'cadre').executeTakeFirstOrThrow()).id;
    });
    afterAll(() => t?.close());

    it('lists the live sessions with their device, and ends a lost phone’s with a message the phone can act on', async () => {
      const lost = await phone('cadre', { deviceLabel: '张三的手机' });
      const kept = await phone('cadre', { userAgent: ANDROID });
      expect((await lost.get('/api/auth/me')).statusCode).toBe(200);

      const items = await sessionsOf(gangcheng, cadreId);
      const labels = items.map((s) => s.deviceLabel);
      expect(labels).toEqual(expect.arrayContaining(['张三的手机', 'Android · 23021RAAEG']));
      const lostSession = items.find((s) => s.deviceLabel === '张三的手机')!;
      // Used once since sign-in: when and from where is on the list.
      expect(lostSession.lastSeenAt).not.toBeNull();
      expect(lostSession.lastIp).toBe('127.0.0.1');

      const end = await gangcheng.post(`/api/users/${cadreId}/sessions/end`, { sessionId: lostSession.id });
      expect(end.statusCode).toBe(200);
      expect(end.json()).toEqual({ ended: 1 });

      const refused = await lost.get('/api/auth/me');
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({ code: 'session_ended', detail: expect.stringContaining('尚未发送的走访记录仍保存在本机') });
      const english = await lost.get('/api/auth/me', { 'x-lianxin-locale': 'en' });
      expect(english.json().detail).toContain('visit records not yet sent are still kept on this device');
      // The other phone goes on working.
      expect((await kept.get('/api/auth/me')).statusCode).toBe(200);
      expect((await sessionsOf(gangcheng, cadreId)).map((s) => s.deviceLabel)).not.toContain('张三的手机');

      // Ended once: a second end of the same session finds no live one.
      expect((await gangcheng.post(`/api/users/${cadreId}/sessions/end`, { sessionId: lostSession.id })).statusCode).toBe(404);
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'user.sessions_ended').where('entity_id', '=', cadreId).execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0]!.after)).toContain('张三的手机');
    });

    it('ends every session of an account at once', async () => {
      const a = await phone('cadre', { deviceLabel: '手机甲' });
      const b = await phone('cadre', { deviceLabel: '手机乙' });
      const res = await gangcheng.post(`/api/users/${cadreId}/sessions/end`, {});
      expect(res.json().ended).toBeGreaterThanOrEqual(2);
      for (const c of [a, b]) expect((await c.get('/api/auth/me')).json().code).toBe('session_ended');
      expect(await sessionsOf(gangcheng, cadreId)).toEqual([]);
    });

    it('follows the account rules: only accounts below the admin’s region, never one’s own', async () => {
      const jiangji = await t.as('jiangji');
      expect((await jiangji.get(`/api/users/${cadreId}/sessions`)).statusCode).toBe(404);
      expect((await jiangji.post(`/api/users/${cadreId}/sessions/end`, {})).statusCode).toBe(404);
      const self = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'gangcheng').executeTakeFirstOrThrow()).id;
      expect((await gangcheng.get(`/api/users/${self}/sessions`)).json().code).toBe('cannot_change_self');
      const cadre = await t.as('cadre');
      expect((await cadre.get(`/api/users/${cadreId}/sessions`)).statusCode).toBe(403);
      const admin = await t.as('admin');
      expect((await admin.get(`/api/users/${self}/sessions`)).statusCode).toBe(200);
      expect((await gangcheng.post(`/api/users/${cadreId}/sessions/end`, { sessionId: 'abc' })).statusCode).toBe(400);
    });

    it('tells a signed-out browser only to sign in, and a reset password’s other devices that they were signed out', async () => {
      const own = await phone('cadre');
      const other = await phone('cadre');
      // Its own sign-out: nothing to explain.
      const signOut = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: (await t.as('cadre')).cookie! } });
      expect(signOut.statusCode).toBe(403); // no CSRF token: refused, nothing ended
      expect((await own.get('/api/auth/me')).statusCode).toBe(200);
      expect((await gangcheng.post(`/api/users/${cadreId}/password`, { newPassword: 'Reset2026ok' })).statusCode).toBe(200);
      expect((await other.get('/api/auth/me')).json().code).toBe('session_ended');
      const fresh = await t.as('cadre', 'Reset2026ok');
      expect((await fresh.post('/api/auth/logout')).statusCode).toBe(200);
      expect((await fresh.get('/api/auth/me')).json().code).toBe('unauthenticated');
    });
  });
}
