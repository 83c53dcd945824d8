/**
 * Messages to residents: queued from the case history once per step, sent through a local
 * webhook (a real HTTP server on 127.0.0.1) with retries and backoff, never twice under two
 * concurrent senders, and written to the dev sender's log with the phone masked.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import type { DB } from '../../db/schema.ts';
import { loadEnv } from '../../env.ts';
import { registerCase } from '../cases/index.ts';
import { caseContext, GANGCHENG_VILLAGE } from '../cases/testing/case-fixture.ts';
import { enqueueNotifications } from './enqueue-notifications.ts';
import { sendDueNotifications } from './send-due-notifications.ts';
import { DevSmsSender, WebhookSmsSender } from './sms-sender.ts';

const SECRET = 'test-webhook-secret-0123456789';

interface Hook {
  url: string;
  received: { dedupeKey: string; to: string; body: string }[];
  /** Status to answer per call (default 200); 'hang' never answers. */
  plan: (number | 'hang')[];
  close(): Promise<void>;
}

async function startHook(): Promise<Hook> {
  const hook = { received: [], plan: [] } as unknown as Hook;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const expected = `sha256=${crypto.createHmac('sha256', SECRET).update(raw).digest('hex')}`;
      if (req.headers['x-lianxin-signature'] !== expected) {
        res.writeHead(401).end();
        return;
      }
      const step = hook.plan.shift() ?? 200;
      if (step === 'hang') return;
      if (step < 300) hook.received.push(JSON.parse(raw));
      res.writeHead(step).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  hook.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return hook;
}

async function addEvent(db: Kysely<DB>, caseId: string, kind: 'accept' | 'resolve' | 'callback' | 'reopen', at: Date, toStatus: string | null = null) {
  const row = await db.insertInto('case_event').values({ county_code: '370921', case_id: caseId, kind, from_status: null, to_status: toStatus, actor_id: null, at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

for (const dialect of DIALECTS) {
  describe(`notifications (${dialect.name})`, () => {
    let t: TestApp;
    let hook: Hook;
    let caseNo: string;
    let token: string;
    const now = new Date();
    beforeAll(async () => {
      t = await startTestApp(dialect);
      hook = await startHook();
      const ctx = await caseContext(t.database.db, 'gangcheng');
      const intake = { categoryCode: 'relief-dibao', regionCode: GANGCHENG_VILLAGE, title: '低保咨询', description: '低保申请进度', contactName: '李四', contactPhone: '13912345678', consentContact: true };
      const c = await registerCase(ctx, { channel: 'window', intake, now });
      caseNo = c.caseNo;
      token = c.trackingCode;
      const silent = await registerCase(ctx, { channel: 'window', intake: { ...intake, consentContact: false }, now });
      await addEvent(t.database.db, c.id, 'accept', now);
      await addEvent(t.database.db, c.id, 'resolve', now);
      await addEvent(t.database.db, c.id, 'callback', now, 'resolved'); // nobody answered: no message
      await addEvent(t.database.db, c.id, 'callback', now, 'called_back');
      await addEvent(t.database.db, c.id, 'reopen', now);
      await addEvent(t.database.db, c.id, 'accept', new Date(now.getTime() - 2 * 86_400_000)); // too old
      await addEvent(t.database.db, silent.id, 'accept', now); // no consent
    }, 120_000);
    afterAll(async () => {
      await hook?.close();
      await t?.close();
    });

    it('queues one message per step, once, with the case number and tracking code only', async () => {
      expect(await enqueueNotifications({ db: t.database.db }, { now })).toBe(4);
      expect(await enqueueNotifications({ db: t.database.db }, { now })).toBe(0);
      const rows = await t.database.db.selectFrom('notification_outbox').selectAll().orderBy('id').execute();
      expect(rows.map((r) => r.kind)).toEqual(['accepted', 'resolved', 'callback', 'reopened']);
      for (const r of rows) {
        expect(r.body).toContain(caseNo);
        expect(r.body).toContain(token);
        expect(r.body).not.toContain('李四');
        expect(r.phone_masked).toBe('139****5678');
        expect(r.dedupe_key).toMatch(/^(accepted|resolved|callback|reopened):\d+$/);
        expect(testCipher.decrypt(r.phone_cipher)).toBe('13912345678');
      }
    });

    it('sends through the webhook, signed, retrying a 500 and a timeout with backoff', async () => {
      // Generous: the machine running the tests may be loaded, and only the hanging call may time out.
      const sender = new WebhookSmsSender({ url: hook.url, secret: SECRET, timeoutMs: 3000 });
      hook.plan = [500, 'hang'];
      const first = await sendDueNotifications({ db: t.database.db, cipher: testCipher }, { sender, maxAttempts: 3, now, batch: 2 });
      expect(first).toEqual({ sent: 0, retried: 2, failed: 0 });
      const retried = await t.database.db.selectFrom('notification_outbox').selectAll().where('attempts', '=', 1).orderBy('id').execute();
      expect(retried.map((r) => r.status)).toEqual(['pending', 'pending']);
      expect(retried[0]!.last_error).toBe('gateway answered 500');
      expect(retried[1]!.last_error).toMatch(/timeout/);
      expect(new Date(retried[0]!.next_attempt_at).getTime()).toBe(now.getTime() + 60_000);

      // Later: everything due goes out, each message once, to the full number.
      const later = new Date(now.getTime() + 10 * 60_000);
      const second = await sendDueNotifications({ db: t.database.db, cipher: testCipher }, { sender, maxAttempts: 3, now: later });
      expect(second).toEqual({ sent: 4, retried: 0, failed: 0 });
      expect(hook.received.map((m) => m.to)).toEqual(Array(4).fill('13912345678'));
      expect(new Set(hook.received.map((m) => m.dedupeKey)).size).toBe(4);
      const rows = await t.database.db.selectFrom('notification_outbox').selectAll().execute();
      expect(rows.every((r) => r.status === 'sent' && r.sender === 'webhook' && r.sent_at !== null)).toBe(true);
      expect((await sendDueNotifications({ db: t.database.db, cipher: testCipher }, { sender, maxAttempts: 3, now: later })).sent).toBe(0);
    });

    it('marks a message failed after its last attempt, and retries a send whose sender died after the lease', async () => {
      const db = t.database.db;
      const base = { county_code: '370921', case_id: null, kind: 'accepted' as const, phone_cipher: testCipher.encrypt('13700000001'), phone_masked: '137****0001', body: '【连心】测试' };
      await db.insertInto('notification_outbox').values({ ...base, dedupe_key: `test:fail:${dialect.name}`, attempts: 2, next_attempt_at: now }).execute();
      await db.insertInto('notification_outbox').values({ ...base, dedupe_key: `test:crash:${dialect.name}`, status: 'sending', attempts: 1, next_attempt_at: new Date(now.getTime() - 1000) }).execute();
      await db.insertInto('notification_outbox').values({ ...base, dedupe_key: `test:leased:${dialect.name}`, status: 'sending', attempts: 1, next_attempt_at: new Date(now.getTime() + 60_000) }).execute();
      hook.plan = [500, 200];
      hook.received = [];
      const sender = new WebhookSmsSender({ url: hook.url, secret: SECRET, timeoutMs: 5000 });
      const result = await sendDueNotifications({ db, cipher: testCipher }, { sender, maxAttempts: 3, now });
      expect(result).toEqual({ sent: 1, retried: 0, failed: 1 });
      const rows = await db.selectFrom('notification_outbox').select(['dedupe_key', 'status', 'attempts']).where('dedupe_key', 'like', 'test:%').orderBy('id').execute();
      expect(rows).toEqual([
        { dedupe_key: `test:fail:${dialect.name}`, status: 'failed', attempts: 3 },
        { dedupe_key: `test:crash:${dialect.name}`, status: 'sent', attempts: 2 },
        // Still leased to a live sender: left alone.
        { dedupe_key: `test:leased:${dialect.name}`, status: 'sending', attempts: 1 },
      ]);
    });

    it('never sends a message twice under two concurrent senders', async () => {
      const db = t.database.db;
      const rows = Array.from({ length: 40 }, (_, i) => ({ county_code: '370921', case_id: null, kind: 'resolved' as const, dedupe_key: `race:${i}`, phone_cipher: testCipher.encrypt('13700000002'), phone_masked: '137****0002', body: `【连心】${i}`, next_attempt_at: now }));
      await db.insertInto('notification_outbox').values(rows).execute();
      hook.plan = [];
      hook.received = [];
      const sender = new WebhookSmsSender({ url: hook.url, secret: SECRET, timeoutMs: 5000 });
      const results = await Promise.all([0, 1].map(() => sendDueNotifications({ db, cipher: testCipher }, { sender, maxAttempts: 3, now, batch: 25 })));
      const again = await sendDueNotifications({ db, cipher: testCipher }, { sender, maxAttempts: 3, now, batch: 25 });
      const raced = hook.received.filter((m) => m.dedupeKey.startsWith('race:'));
      expect(raced).toHaveLength(40);
      expect(new Set(raced.map((m) => m.dedupeKey)).size).toBe(40);
      expect(results[0]!.sent + results[1]!.sent + again.sent).toBe(40);
      if (dialect.name !== 'pglite') expect(results[0]!.sent > 0 && results[1]!.sent > 0).toBe(true);
    });

    it('writes the dev sender’s log with the phone masked', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-sms-'));
      const logged: string[] = [];
      const sender = new DevSmsSender({ logFile: path.join(dir, 'sms-outbox.log'), log: (l) => logged.push(l) });
      await t.database.db.insertInto('notification_outbox').values({ county_code: '370921', case_id: null, kind: 'accepted', dedupe_key: `dev:${dialect.name}`, phone_cipher: testCipher.encrypt('13600001111'), phone_masked: '136****1111', body: '【连心】开发', next_attempt_at: now }).execute();
      const result = await sendDueNotifications({ db: t.database.db, cipher: testCipher }, { sender, maxAttempts: 3, now });
      expect(result.sent).toBe(1);
      const log = fs.readFileSync(path.join(dir, 'sms-outbox.log'), 'utf8');
      expect(log).toMatch(/#\d+ dev:\S+ 136\*\*\*\*1111 【连心】开发\n$/);
      expect(log).not.toContain('13600001111');
      expect(logged[0]).toContain('136****1111');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('shows the county admin the outbox, phones masked', async () => {
      const admin = await t.as('admin');
      const res = await admin.get('/api/notifications?limit=5');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items).toHaveLength(5);
      expect(body.nextCursor).toEqual(expect.any(String));
      const next = await admin.get(`/api/notifications?limit=5&cursor=${body.nextCursor}`);
      expect(next.json().items[0].id).not.toBe(body.items[0].id);
      expect(body.sender).toBe('dev');
      expect(body.counts.sent).toBeGreaterThan(40);
      expect(res.body).not.toMatch(/1[3-9]\d{9}/);
      const failed = await admin.get('/api/notifications?status=failed');
      expect(failed.json().items.every((i: { status: string }) => i.status === 'failed')).toBe(true);
      expect((await (await t.as('gangcheng')).get('/api/notifications')).statusCode).toBe(403);
    });
  });
}

describe('SMS configuration', () => {
  it('needs the URL and the secret for the webhook sender', () => {
    expect(() => loadEnv({ SMS_SENDER: 'webhook' })).toThrow(/SMS_SENDER/);
    expect(() => loadEnv({ SMS_SENDER: 'webhook', SMS_WEBHOOK_URL: 'https://sms.example.cn/hook', SMS_WEBHOOK_SECRET: 'short' })).toThrow(/SMS_WEBHOOK_SECRET/);
    expect(loadEnv({ SMS_SENDER: 'webhook', SMS_WEBHOOK_URL: 'https://sms.example.cn/hook', SMS_WEBHOOK_SECRET: SECRET }).SMS_SENDER).toBe('webhook');
    expect(loadEnv({}).SMS_SENDER).toBe('dev');
    expect(() => loadEnv({ SMS_SENDER: 'carrier-pigeon' })).toThrow(/SMS_SENDER/);
  });
});
