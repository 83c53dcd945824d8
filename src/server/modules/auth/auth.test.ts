import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadEnv } from '../../env.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { cliAuditSource } from '../audit/index.ts';
import { createUser } from '../users/index.ts';
import { LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from './login.ts';

for (const dialect of DIALECTS) {
  describe(`auth [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => t?.close());

    it('signs in with a session cookie that scripts cannot read and other sites do not send', async () => {
      const res = await t.anonymous.post('/api/auth/login', { username: 'gangcheng', password: 'Lianxin2026' });
      expect(res.statusCode).toBe(200);
      const cookie = String([res.headers['set-cookie']].flat()[0]);
      expect(cookie).toMatch(/^lianxin_session=[A-Za-z0-9_-]{40,}/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(res.json()).toMatchObject({ username: 'gangcheng', roles: ['township_admin'], region: { code: '370921104', name: '堽城镇' } });
    });

    it('finds the account whatever the case of the username typed', async () => {
      const res = await t.anonymous.post('/api/auth/login', { username: 'GangCheng', password: 'Lianxin2026' });
      expect(res.statusCode).toBe(200);
      expect(res.json().username).toBe('gangcheng');
    });

    it('answers a wrong password and an unknown user alike: 401 problem+json', async () => {
      const wrong = await t.anonymous.post('/api/auth/login', { username: 'jiangji', password: 'nope' });
      const unknown = await t.anonymous.post('/api/auth/login', { username: 'nobody-here', password: 'nope' });
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ status: 401, code: 'invalid_credentials', detail: '用户名或密码错误。' });
      }
      const en = await t.anonymous.request({ method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'en' }, payload: { username: 'x', password: 'y' } });
      expect(en.json().detail).toBe('Wrong username or password.');
    });

    it(`locks an account after ${LOCKOUT_THRESHOLD} failures, even for the right password, until an admin unlocks it`, async () => {
      for (let i = 0; i < LOCKOUT_THRESHOLD - 1; i++) {
        expect((await t.anonymous.post('/api/auth/login', { username: 'interviewer2', password: `bad${i}` })).statusCode).toBe(401);
      }
      const locking = await t.anonymous.post('/api/auth/login', { username: 'interviewer2', password: 'bad-last' });
      expect(locking.statusCode).toBe(423);
      expect(locking.json().code).toBe('account_locked');
      expect(Number(locking.headers['retry-after'])).toBeGreaterThan(0);
      const right = await t.anonymous.post('/api/auth/login', { username: 'interviewer2', password: 'Lianxin2026' });
      expect(right.statusCode).toBe(423);

      const admin = await t.as('admin');
      const users = (await admin.get('/api/users?q=interviewer2')).json().items;
      expect(users[0].lockedUntil).not.toBeNull();
      const unlocked = await admin.patch(`/api/users/${users[0].id}`, { unlock: true });
      expect(unlocked.statusCode).toBe(200);
      expect(unlocked.json().lockedUntil).toBeNull();
      expect((await t.anonymous.post('/api/auth/login', { username: 'interviewer2', password: 'Lianxin2026' })).statusCode).toBe(200);
    });

    it(`after ${LOCKOUT_THRESHOLD} failures an unknown username answers exactly as a real one: same status, body and headers`, async () => {
      await createUser({ db: t.database.db, actor: null, source: cliAuditSource('test') }, { username: 'lock_probe', displayName: '锁定测试', password: 'Probe2026x', roles: ['interviewer'], regionCode: '370921' });
      const attempt = (username: string) => t.anonymous.post('/api/auth/login', { username, password: 'not-the-password' });
      // What differs from one answer to the next whoever asks: the request's id, the clock, the per-address budget.
      const VOLATILE = new Set(['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after']);
      const comparable = (res: Awaited<ReturnType<typeof attempt>>) => ({
        status: res.statusCode,
        body: { ...res.json(), requestId: undefined },
        headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => !VOLATILE.has(k))),
        retryAfter: res.headers['retry-after'] === undefined ? undefined : Number(res.headers['retry-after']),
      });
      const statuses: number[] = [];
      // The seventh in another case: names are the same account, or the same unknown name, without regard to case.
      for (const [i, [real, unknown]] of [...Array.from({ length: LOCKOUT_THRESHOLD + 1 }, () => ['lock_probe', 'no_such_person']), ['LOCK_PROBE', 'No_Such_Person']].entries()) {
        const a = comparable(await attempt(real!));
        const b = comparable(await attempt(unknown!));
        expect(b, `attempt ${i + 1}`).toEqual({ ...a, retryAfter: b.retryAfter });
        if (a.retryAfter === undefined) expect(b.retryAfter).toBeUndefined();
        else expect(Math.abs(a.retryAfter - b.retryAfter!)).toBeLessThanOrEqual(1);
        statuses.push(a.status);
      }
      expect(statuses).toEqual([...Array(LOCKOUT_THRESHOLD - 1).fill(401), 423, 423, 423]);
      const locked = await attempt('no_such_person');
      expect(locked.json()).toMatchObject({ code: 'account_locked', detail: '登录失败次数过多，账号已临时锁定，请稍后再试。' });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(LOCKOUT_MINUTES * 60 - 60);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(LOCKOUT_MINUTES * 60);
    });

    it('logout revokes the session on the server', async () => {
      const c = await t.as('cadre');
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
      expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
      const after = await c.get('/api/auth/me');
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('unauthenticated');
    });

    it('an expired session no longer works', async () => {
      const c = await t.as('supervisor');
      await t.database.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000) }).where('csrf_token', '=', c.csrfToken!).execute();
      const res = await c.get('/api/auth/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('session_expired');
    });

    it('refuses a cookie-authenticated write without the CSRF token', async () => {
      const c = await t.as('gangcheng');
      const res = await c.request({ method: 'POST', url: '/api/regions', headers: { 'x-csrf-token': 'forged' }, payload: { parentCode: '370921104', code: '370921104980', name: 'x', openedOn: '2026-01-01' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
    });

    it('changes a password: checks the current one and the new one, and ends other sessions', async () => {
      const first = await t.as('minzheng');
      const second = await t.as('minzheng');
      const wrongCurrent = await first.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Newpass2026' });
      expect(wrongCurrent.statusCode).toBe(400);
      expect(wrongCurrent.json().code).toBe('wrong_password');
      const weak = await first.post('/api/auth/password', { currentPassword: 'Lianxin2026', newPassword: 'short' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().issues[0].path).toBe('newPassword');
      expect((await first.post('/api/auth/password', { currentPassword: 'Lianxin2026', newPassword: 'Newpass2026' })).statusCode).toBe(200);
      expect((await first.get('/api/auth/me')).statusCode).toBe(200);
      expect((await second.get('/api/auth/me')).statusCode).toBe(401);
      expect((await t.anonymous.post('/api/auth/login', { username: 'minzheng', password: 'Lianxin2026' })).statusCode).toBe(401);
      expect((await t.anonymous.post('/api/auth/login', { username: 'minzheng', password: 'Newpass2026' })).statusCode).toBe(200);
    });

    it('remembers the interface language and answers in it', async () => {
      const c = await t.as('leader');
      expect((await c.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(200);
      const res = await c.get('/api/regions/999999');
      expect(res.json().detail).toBe('Not found, or outside your area.');
      expect((await c.get('/api/auth/me')).json().locale).toBe('en');
    });

    it('records each sign-in in the audit log, which the county admin can find', async () => {
      await t.as('jiangji');
      const admin = await t.as('admin');
      const res = await admin.get('/api/audit?action=auth.login&actor=jiangji');
      expect(res.statusCode).toBe(200);
      const entry = res.json().items[0];
      expect(entry).toMatchObject({ action: 'auth.login', actorName: 'jiangji', entityType: 'user', regionCode: '370921105' });
      expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('limits sign-in attempts per client address', async () => {
      const app = await buildApp({ db: t.database.db, driver: t.database.driver, cipher: testCipher, env: loadEnv({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '3' }) });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) {
          codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'x' } })).statusCode);
        }
        expect(codes).toEqual([401, 401, 401, 429]);
        const limited = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'x' } });
        expect(limited.json().code).toBe('too_many_requests');
      } finally {
        await app.close();
      }
    });
  });
}
