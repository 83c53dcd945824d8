/**
 * The phone app offline (issue 10, "Done means"): in Chromium at phone size a village cadre opens
 * 连心走访, the network goes off, three visits are recorded with a photo and a drawn signature, the
 * page is reloaded still offline (the service worker serves the app, IndexedDB the records) and
 * shows them pending; back online they are sent and the server holds exactly three; sending them
 * again changes nothing (the server answers "resend").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDate } from '../../src/shared/time.ts';
import { addDays } from '../../src/shared/visits/index.ts';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { loadActor } from '../../src/server/modules/auth/index.ts';
import { createCampaign, openCampaign } from '../../src/server/modules/campaigns/index.ts';
import { browserSuite, PHONE, ROOT, settle, startBrowserApp, type BrowserApp } from './support.ts';

const PHOTO = fs.readFileSync(path.join(ROOT, 'src/web/public/icons/icon-192.png'));

/** Every record of the phone's store, read straight from IndexedDB (Dexie stores version 1 as 10). */
const storedRecords = (page: Page) =>
  page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('lianxin-phone-'));
    if (!name) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<{ clientId: string; state: string; receipt: { outcome: string } | null }[]>((resolve, reject) => {
      const request = db.transaction('records').objectStore('records').getAll();
      request.onsuccess = () => resolve(request.result as never);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return all.map((r) => ({ clientId: r.clientId, state: r.state, outcome: r.receipt?.outcome ?? null }));
  });

/** Puts every record back to pending, as if the phone had never heard the server's answer. */
const markAllPending = (page: Page) =>
  page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('lianxin-phone-'))!;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('records', 'readwrite');
      const store = tx.objectStore('records');
      const request = store.getAll();
      request.onsuccess = () => {
        for (const r of request.result as Record<string, unknown>[]) store.put({ ...r, state: 'pending', attempts: 0, nextAttemptAt: 0 });
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });

browserSuite('the phone app offline (browser)', () => {
  let web: BrowserApp;
  let campaignId: string;

  beforeAll(async () => {
    web = await startBrowserApp();
    const db = web.database.db;
    // An open hardship campaign over the cadre's village, with a standard for every category, made
    // through the campaigns module's own use cases.
    const admin = (await loadActor({ db, actor: null }, { username: 'admin' }))!;
    const categories = await db.selectFrom('hardship_category').select('code').execute();
    // The demo cadre's village (堽城镇's first village in the demo county).
    const village = await db.selectFrom('app_user as u').innerJoin('region as r', 'r.id', 'u.region_id').select('r.code').where('u.username', '=', 'cadre').executeTakeFirstOrThrow();
    const today = localDate();
    const created = await createCampaign(
      { db, actor: admin, source: cliAuditSource('visits-offline-test') },
      {
        definition: {
          kind: 'hardship',
          name: '离线走访测试活动',
          period: { startsOn: addDays(today, -5), endsOn: addDays(today, 30) },
          done: { deadline: addDays(today, 30), minVisitsHardship: 2 },
          aidStandards: categories.map((c) => ({ categoryCode: c.code, items: [{ code: `${c.code}_cash`, name: `${c.code} 慰问金`, amountFen: 20_000 }] })),
          budgets: [],
          graceDays: 0,
        },
        regionCodes: [village.code],
      },
    );
    campaignId = created.id;
    await openCampaign({ db, actor: admin, source: cliAuditSource('visits-offline-test') }, { id: campaignId });
  });

  afterAll(async () => {
    await web?.close();
  });

  it('records three visits offline, keeps them across a reload, and sends them once', async () => {
    const db = web.database.db;
    const { page, errors } = await web.openPage(PHONE);
    const context = page.context();
    await web.signIn(page, 'cadre');
    await page.getByTestId('workbench-phone-app').getByRole('button').click();
    await page.waitForURL('**/m');
    // The work package comes down on its own once online and signed in.
    await settle(() => page.getByTestId('phone-household').count()).toBeGreaterThanOrEqual(3);
    // The service worker has precached the app and controls the page before the network goes.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await settle(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    await settle(() => page.getByTestId('phone-online').innerText()).toContain('离线');

    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const card = page.getByTestId('phone-household').nth(i);
      names.push((await card.locator('strong').first().innerText()).trim());
      await card.getByTestId('phone-record-visit').click();
      const form = page.getByTestId('phone-visit-form');
      await form.waitFor();
      await form.getByLabel('家庭情况').fill(`第 ${i + 1} 户：身体尚可，冬季取暖需要帮助`);
      await page.getByTestId('phone-photo-input').setInputFiles({ name: `visit-${i}.png`, mimeType: 'image/png', buffer: PHOTO });
      await settle(() => form.getByTestId('phone-photo').count()).toBe(1);
      // Aid from the standard of the household's category, acknowledged by a drawn signature.
      await form.getByTestId('phone-aid').locator('.ant-checkbox-input').first().check();
      const pad = form.getByTestId('signature-pad');
      await pad.scrollIntoViewIfNeeded();
      const box = (await pad.boundingBox())!;
      await page.mouse.move(box.x + 30, box.y + 40);
      await page.mouse.down();
      for (let s = 1; s <= 12; s++) await page.mouse.move(box.x + 30 + s * 20, box.y + 40 + (s % 2) * 60, { steps: 3 });
      await page.mouse.up();
      await page.waitForTimeout(300); // the PNG is made after the stroke
      await form.getByTestId('phone-save-visit').click();
      await page.waitForURL((url) => url.pathname === '/m');
    }
    expect(new Set(names).size).toBe(3);

    await page.getByTestId('phone-outbox-tab').click();
    await settle(() => page.getByTestId('phone-pending-count').innerText()).toBe('3 条待发送');

    // Reload with the network still off: the app comes from the service worker, the records from IndexedDB.
    await page.reload();
    await page.getByTestId('phone-outbox').waitFor();
    await settle(() => page.locator('[data-testid="phone-outbox-record"][data-state="pending"]').count()).toBe(3);
    await expect(page.getByTestId('phone-pending-count').innerText()).resolves.toBe('3 条待发送');
    for (const name of names) await expect(page.getByTestId('phone-outbox').innerText()).resolves.toContain(name);
    const visits = () => db.selectFrom('visit').select(({ fn }) => fn.countAll<string>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
    expect(Number((await visits()).n)).toBe(0);

    // Back online: the session is found again and the outbox goes out.
    await context.setOffline(false);
    await settle(() => page.getByTestId('phone-pending-count').innerText()).toBe('全部已发送');
    await settle(async () => Number((await visits()).n)).toBe(3);
    const sent = await storedRecords(page);
    expect(sent.map((r) => [r.state, r.outcome])).toEqual([
      ['sent', 'new'],
      ['sent', 'new'],
      ['sent', 'new'],
    ]);
    const photos = await db.selectFrom('visit_photo').innerJoin('visit', 'visit.id', 'visit_photo.visit_id').select('visit_photo.sha256').where('visit.campaign_id', '=', campaignId).execute();
    expect(photos).toHaveLength(3);
    const deliveries = await db.selectFrom('aid_delivery').select(['acknowledgement']).where('campaign_id', '=', campaignId).execute();
    expect(deliveries).toHaveLength(3);
    expect(deliveries.map((d) => (typeof d.acknowledgement === 'string' ? JSON.parse(d.acknowledgement) : d.acknowledgement).kind)).toEqual(['signed', 'signed', 'signed']);

    // Sending again (as a phone that never heard the answer would) changes nothing.
    await markAllPending(page);
    await page.reload();
    await settle(async () => (await storedRecords(page)).map((r) => [r.state, r.outcome])).toEqual([
      ['sent', 'resend'],
      ['sent', 'resend'],
      ['sent', 'resend'],
    ]);
    expect(Number((await visits()).n)).toBe(3);
    expect(await db.selectFrom('aid_delivery').select('id').where('campaign_id', '=', campaignId).execute()).toHaveLength(3);
    expect(await db.selectFrom('visit_resend_conflict').select('id').execute()).toHaveLength(0);

    await web.screenshot(page, 'visits-offline-outbox');
    expect(errors).toEqual([]);
  });
});
