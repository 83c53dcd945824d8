/**
 * Visit sync, on PostgreSQL (issue 10, point 10): `phones` simulated phones (500 by default)
 * syncing `visitsPerPhone` visits each (20) at once, each visit with its own photo of about
 * 200 KB, over HTTP on 127.0.0.1 against the real server in a process of its own. Every phone
 * signs in as its own village cadre, downloads its work package, then for each visit uploads the
 * photo (POST /api/visit-files) and posts the record that names it (POST /api/visits), one
 * request at a time — 500 phones at once. Then every phone resends 10 % of its records (photo
 * and record, as the app's queue does when an answer was lost), which must be answered as
 * resends. Prints the time, visits/s and p50/p95/p99 of uploads and records, and checks in the
 * database that nothing was lost (every record id stored exactly once) and nothing doubled (no
 * id twice; the resends stored no visit, file, photo link or aid delivery).
 *
 * Photos are random-texture baseline JPEGs (bench/support/random-jpeg.ts), all different, made
 * before the clock starts and read from a temporary folder; the server stores them in another
 * (FILES_DIR). Both folders and the database are removed at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { seedDemo } from '../src/server/modules/demo/index.ts';
import { verifyDataKey } from '../src/server/security/data-key.ts';
import type { TMyWork, TVisitReceipt, TVisitRecordInput, TWorkHousehold } from '../src/shared/visits/index.ts';
import { BENCH_CIPHER } from './support/bench-cipher.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { randomJpeg, randomJpegSize } from './support/random-jpeg.ts';
import { startServerChild } from './support/server-process.ts';
import { ms, summarize, type LatencySummary } from './support/stats.ts';
import { PhoneFailure, SyncPhone, timed } from './support/sync-phone.ts';
import { openSyncBenchCampaign, SYNC_BENCH_PASSWORD, writeSyncBenchCounty } from './support/visit-sync-setup.ts';

export interface VisitSyncBenchOptions {
  /** Simulated phones syncing at once, each its own cadre. */
  phones: number;
  visitsPerPhone: number;
  /** Size of each photo, in bytes (about). */
  photoBytes: number;
  /** Share of each phone's records sent a second time (0.1: one in ten). */
  resendShare?: number;
}

interface PlannedVisit {
  photo: string;
  record: TVisitRecordInput;
  receipt?: TVisitReceipt;
}

interface Phone {
  client: SyncPhone;
  visits: PlannedVisit[];
}

const line = (label: string, s: LatencySummary) =>
  s.n === 0 ? `${label.padEnd(12)} none` : `${label.padEnd(12)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n ${s.n.toLocaleString()})`;

/** What one visit says: its household's head met at home, two policies explained, the photo, and the standard's aid for a hardship family. */
function visitRecord(work: TMyWork, h: TWorkHousehold, visitedAt: Date): TVisitRecordInput {
  const campaign = work.campaigns.find((c) => c.id === h.campaignId)!;
  const item = h.hardship ? campaign.aidStandards.find((s) => h.categoryCodes.includes(s.categoryCode))?.items[0] : undefined;
  return {
    clientId: crypto.randomUUID(),
    campaignId: h.campaignId,
    householdId: h.householdId,
    visitedAt: visitedAt.toISOString(),
    kind: 'home',
    met: [{ name: h.headName, relation: '户主' }],
    situation: '家中老人身体尚可，冬季取暖已落实，反映村里道路需要修整。',
    policiesExplained: ['medical_insurance', 'pension'],
    ...(item ? { aid: [{ itemCode: item.code, ...(item.amountFen ? { amountFen: item.amountFen } : {}), goods: item.goods.map((g) => ({ code: g.code, quantity: g.quantity })) }], acknowledgement: { kind: 'cannot_sign' as const, witnessName: '村委会主任' } } : {}),
  };
}

/** Counts what the database holds for the campaign: the figures a resend must leave as they were. */
async function holdings(db: Kysely<DB>, campaignId: string) {
  const row = await sql<{ visits: string; photos: string; files: string; aid: string; conflicts: string }>`
    SELECT (SELECT count(*) FROM visit WHERE campaign_id = ${campaignId})::text AS visits,
           (SELECT count(*) FROM visit_photo p JOIN visit v ON v.id = p.visit_id WHERE v.campaign_id = ${campaignId})::text AS photos,
           (SELECT count(*) FROM stored_file WHERE kind = 'photo')::text AS files,
           (SELECT count(*) FROM aid_delivery WHERE campaign_id = ${campaignId})::text AS aid,
           (SELECT count(*) FROM visit_resend_conflict)::text AS conflicts`.execute(db);
  const r = row.rows[0]!;
  return { visits: Number(r.visits), photos: Number(r.photos), files: Number(r.files), aid: Number(r.aid), conflicts: Number(r.conflicts) };
}

/** Files under a folder, recursively. */
function countFiles(dir: string): number {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

export async function visitSyncBench(o: VisitSyncBenchOptions) {
  const resendShare = o.resendShare ?? 0.1;
  const total = o.phones * o.visitsPerPhone;
  const target = await createBenchDatabase();
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-files-'));
  const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-photos-'));
  const database = await openDatabase({ driver: 'postgres', connectionString: target.url });
  const db = database.db;
  let server: Awaited<ReturnType<typeof startServerChild>> | undefined;
  try {
    const setUpStart = performance.now();
    await migrate(db);
    await verifyDataKey(db, BENCH_CIPHER);
    await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
    const county = await writeSyncBenchCounty(db, { phones: o.phones, visitsPerPhone: o.visitsPerPhone });
    const campaign = await openSyncBenchCampaign(db);
    await sql`ANALYZE`.execute(db);
    const setUpSeconds = (performance.now() - setUpStart) / 1000;

    const photoStart = performance.now();
    let photoBytes = 0;
    for (let n = 0; n < total; n++) {
      const jpeg = randomJpeg(o.photoBytes);
      photoBytes += jpeg.length;
      fs.writeFileSync(path.join(photoDir, `${n}.jpg`), jpeg);
    }
    const photoSeconds = (performance.now() - photoStart) / 1000;
    const { width, height } = randomJpegSize(o.photoBytes);
    console.log(
      `\n== Visit sync: ${o.phones} phones × ${o.visitsPerPhone} visits = ${total.toLocaleString()} visits, each with its own photo (${width}×${height} random-texture JPEG, ${(photoBytes / total / 1024).toFixed(0)} KB on average), over HTTP to the server in its own process on PostgreSQL`,
    );
    console.log(
      `set-up       registry of ${county.households.toLocaleString()} households in ${county.villages} villages (SQL), ${county.cadres.length} cadre accounts, campaign ${campaign.id} open with ${campaign.targets.toLocaleString()} targets: ${setUpSeconds.toFixed(0)} s; photos made in ${photoSeconds.toFixed(0)} s`,
    );

    server = await startServerChild(target.url, { filesDir });
    const base = `http://127.0.0.1:${server.port}`;

    // Sign-in and the work package, every phone at once; each then plans its own slice of its village's households.
    const signInMs: number[] = [];
    const myWorkMs: number[] = [];
    let photoNo = 0;
    const signInStart = performance.now();
    const phones: Phone[] = await Promise.all(
      county.cadres.map(async (cadre) => {
        const client = new SyncPhone(base, cadre.username);
        signInMs.push((await timed(() => client.signIn(SYNC_BENCH_PASSWORD))).ms);
        const work = await timed(() => client.myWork());
        myWorkMs.push(work.ms);
        const mine = work.value.households
          .filter((h) => h.campaignId === campaign.id)
          .sort((a, b) => Number(a.householdId) - Number(b.householdId))
          .slice(cadre.rank * o.visitsPerPhone, (cadre.rank + 1) * o.visitsPerPhone);
        if (mine.length !== o.visitsPerPhone) throw new Error(`${cadre.username}: ${mine.length} households to visit, expected ${o.visitsPerPhone}`);
        const now = Date.now();
        const visits = mine.map((h, j) => ({ photo: path.join(photoDir, `${photoNo++}.jpg`), record: visitRecord(work.value, h, new Date(now - (o.visitsPerPhone - j) * 5 * 60_000)) }));
        return { client, visits };
      }),
    );
    const signInSeconds = (performance.now() - signInStart) / 1000;

    // The sync: every phone sends its visits one request at a time, all phones at once.
    const uploadMs: number[] = [];
    const recordMs: number[] = [];
    const failures: PhoneFailure[] = [];
    let notNew = 0;
    const syncStart = performance.now();
    await Promise.all(
      phones.map(async (phone) => {
        for (const visit of phone.visits) {
          const jpeg = fs.readFileSync(visit.photo);
          try {
            const upload = await timed(() => phone.client.uploadPhoto(jpeg));
            uploadMs.push(upload.ms);
            visit.record.photos = [{ sha256: upload.value.sha256, capturedAt: upload.value.capturedAt }];
            const retriesBefore = phone.client.retries;
            const record = await timed(() => phone.client.recordVisit(visit.record));
            recordMs.push(record.ms);
            visit.receipt = record.value;
            // A record sent again after an unanswered try may find itself stored: then 'resend' is right.
            if (record.value.outcome !== 'new' && phone.client.retries === retriesBefore) notNew++;
          } catch (e) {
            if (!(e instanceof PhoneFailure)) throw e;
            failures.push(e);
          }
        }
      }),
    );
    const syncSeconds = (performance.now() - syncStart) / 1000;
    const afterSync = await holdings(db, campaign.id);
    const filesOnDisk = countFiles(filesDir);

    // The resends: one in ten of each phone's records, photo and record again, all phones at once.
    const resendUploadMs: number[] = [];
    const resendRecordMs: number[] = [];
    let resent = 0;
    let notResend = 0;
    const every = Math.max(1, Math.round(1 / resendShare));
    const resendStart = performance.now();
    await Promise.all(
      phones.map(async (phone) => {
        for (const [j, visit] of phone.visits.entries()) {
          if (j % every !== 0 || !visit.receipt) continue;
          const jpeg = fs.readFileSync(visit.photo);
          try {
            const upload = await timed(() => phone.client.uploadPhoto(jpeg));
            resendUploadMs.push(upload.ms);
            const record = await timed(() => phone.client.recordVisit(visit.record));
            resendRecordMs.push(record.ms);
            resent++;
            if (record.value.outcome !== 'resend' || record.value.visitId !== visit.receipt.visitId || upload.value.sha256 !== visit.record.photos![0]!.sha256) notResend++;
          } catch (e) {
            if (!(e instanceof PhoneFailure)) throw e;
            failures.push(e);
          }
        }
      }),
    );
    const resendSeconds = (performance.now() - resendStart) / 1000;
    const afterResend = await holdings(db, campaign.id);
    const retries = phones.reduce((s, p) => s + p.client.retries, 0);
    await server.stop();
    server = undefined;

    // The checks, from the database: every record id the phones made stored exactly once, nothing else stored.
    const sent = phones.flatMap((p) => p.visits.map((v) => v.record.clientId));
    const stored = await sql<{ client_id: string; n: string }>`
      SELECT client_id::text, count(*)::text AS n FROM visit WHERE client_id = ANY(${sent}::uuid[]) GROUP BY client_id`.execute(db);
    const storedOnce = stored.rows.filter((r) => r.n === '1').length;
    const lost = sent.length - stored.rows.length;
    const twice = stored.rows.filter((r) => r.n !== '1').length;
    const unexpected = afterResend.visits - stored.rows.length;
    const grewOnResend = (['visits', 'photos', 'files', 'aid', 'conflicts'] as const).filter((k) => afterResend[k] !== afterSync[k]);
    const duplicated = twice + Math.max(0, unexpected) + grewOnResend.length + notResend;
    const aidSent = phones.reduce((s, p) => s + p.visits.filter((v) => v.record.aid?.length).length, 0);

    const upload = summarize(uploadMs);
    const record = summarize(recordMs);
    const visitsPerSecond = (total - failures.length) / syncSeconds;
    console.log(`sign-in      ${o.phones} phones at once in ${signInSeconds.toFixed(1)} s; ${line('', summarize(signInMs)).trim()}`);
    console.log(`my-work      ${line('', summarize(myWorkMs)).trim()}`);
    console.log(
      `sync         ${afterSync.visits.toLocaleString()} visits in ${syncSeconds.toFixed(1)} s: ${visitsPerSecond.toFixed(0)} visits/s, ${((photoBytes / 1024 / 1024) / syncSeconds).toFixed(1)} MB/s of photos; ${retries} requests retried, ${failures.length} failed`,
    );
    console.log(`  ${line('upload', upload)}`);
    console.log(`  ${line('record', record)}`);
    console.log(`resend       ${resent.toLocaleString()} records (photo and record) in ${resendSeconds.toFixed(1)} s, ${resent - notResend} answered as resends of the same visit`);
    console.log(`  ${line('upload', summarize(resendUploadMs))}`);
    console.log(`  ${line('record', summarize(resendRecordMs))}`);
    console.log(`lost         ${lost} (${sent.length.toLocaleString()} record ids sent, ${storedOnce.toLocaleString()} stored exactly once; ${filesOnDisk.toLocaleString()} photo files on disk, ${afterSync.files.toLocaleString()} in stored_file) — goal 0`);
    console.log(
      `duplicated   ${duplicated} (ids stored twice ${twice}, visits not sent ${Math.max(0, unexpected)}, resends not answered as such ${notResend}; after the resends: visits ${afterSync.visits}→${afterResend.visits}, photo links ${afterSync.photos}→${afterResend.photos}, files ${afterSync.files}→${afterResend.files}, aid deliveries ${afterSync.aid}→${afterResend.aid} of ${aidSent} sent, resend conflicts ${afterResend.conflicts}) — goal 0`,
    );
    console.log(`at this rate the county's winter campaign (300,000 visits) would sync in ${(300_000 / visitsPerSecond / 60).toFixed(1)} min of server time`);
    for (const f of failures.slice(0, 5)) console.log(`  failure: ${f.message}`);
    if (lost !== 0 || duplicated !== 0 || failures.length !== 0 || notNew !== 0) {
      throw new Error(`visit sync: ${lost} lost, ${duplicated} duplicated, ${failures.length} failed, ${notNew} first sends not stored as new`);
    }
    if (filesOnDisk !== afterSync.files || afterSync.files !== total || afterSync.aid !== aidSent) {
      throw new Error(`visit sync: ${afterSync.files} stored files (${filesOnDisk} on disk) for ${total} photos; ${afterSync.aid} aid deliveries for ${aidSent} sent`);
    }
    return { visits: total, seconds: syncSeconds, visitsPerSecond, upload, record, lost, duplicated, retries };
  } finally {
    await server?.stop();
    await database.close();
    await target.drop();
    fs.rmSync(filesDir, { recursive: true, force: true });
    fs.rmSync(photoDir, { recursive: true, force: true });
  }
}
