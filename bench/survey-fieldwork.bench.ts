/**
 * Fieldwork benchmark, on PostgreSQL: simulated interviewers (200 by default) working a wave of
 * the 13 townships through the use cases (nextCase → dialCase → recordDisposition, as the HTTP routes call
 * them, without HTTP) over one pg pool, 20,000 cycles in all. It checks that no case was ever
 * held by two interviewers at once (no two call attempts of a case overlap in time, and no claim
 * returned a case another worker was holding), prints throughput and p50/p99 latency, and runs
 * pgbench with the bare assignment statement against the same queue for the ratio.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import type { Actor } from '../src/server/http/context.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { seedDemo } from '../src/server/modules/demo/index.ts';
import { dialCase, nextCase, recordDisposition } from '../src/server/modules/fieldwork/index.ts';
import { telLinkTelephony } from '../src/server/telephony/index.ts';
import { insertInterviewers } from '../src/server/modules/fieldwork/testing/actors.ts';
import { STANDARD_QUESTIONNAIRE } from '../src/server/modules/survey/index.ts';
import { maskPhone } from '../src/shared/registry/phone.ts';
import { BENCH_CIPHER } from './support/bench-cipher.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { ms, summarize } from './support/stats.ts';

const run = promisify(execFile);

export interface SurveyFieldworkBenchOptions {
  /** Next-case → disposition cycles in all. */
  cycles: number;
  /** Simulated interviewers working at once. */
  interviewers: number;
  /** Seconds pgbench runs. */
  pgbenchSeconds?: number;
}

const COUNTY = '370921';

/** A wave in fieldwork over every township, with `perTownship` released cases each (bulk inserts). */
export async function insertBenchWave(db: Kysely<DB>, perTownship: number) {
  const county = await db.selectFrom('region').select(['id']).where('code', '=', COUNTY).executeTakeFirstOrThrow();
  const townships = await db.selectFrom('region').select(['id', 'code']).where('parent_id', '=', county.id).where('level', '=', 'township').orderBy('code').execute();
  const questionnaire = await db.insertInto('questionnaire').values({ county_code: COUNTY, name: '标准问卷（基准）', standard: true }).returning('id').executeTakeFirstOrThrow();
  const version = await db
    .insertInto('questionnaire_version')
    .values({ questionnaire_id: questionnaire.id, county_code: COUNTY, version: 1, definition: JSON.stringify(STANDARD_QUESTIONNAIRE), status: 'published', published_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const wave = await db
    .insertInto('survey_wave')
    .values({
      county_code: COUNTY,
      county_id: county.id,
      name: '基准轮次',
      questionnaire_version_id: version.id,
      starts_on: '2026-01-01',
      ends_on: '2099-12-31',
      status: 'fieldwork',
      calling_hours: JSON.stringify([{ from: '00:00', to: '24:00' }]),
      max_attempts: 5,
      target_completes: Math.ceil((perTownship * townships.length) / 2.5),
      replicate_count: 1,
      sample_seed: 'bench',
      sampled_at: new Date(),
      opened_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('wave_replicate').values({ wave_id: wave.id, replicate: 1, size: perTownship * townships.length, released_at: new Date() }).execute();
  let order = 0;
  let entryNo = 0;
  for (const [t, township] of townships.entries()) {
    await db.insertInto('wave_stratum').values({ wave_id: wave.id, township_id: township.id, county_code: COUNTY, population: 50_000, target_completes: Math.ceil(perTownship / 2.5), frame_size: perTownship, sample_size: perTownship }).execute();
    for (let start = 0; start < perTownship; start += 1000) {
      const phones = Array.from({ length: Math.min(1000, perTownship - start) }, (_, i) => {
        const phone = `138${String(t).padStart(2, '0')}${String(start + i).padStart(6, '0')}`;
        // Every third number a landline, as in published county practice (about 4 : 6).
        return { phone, kind: (start + i) % 3 === 0 ? ('landline' as const) : ('mobile' as const) };
      });
      const stored = phones.map((p) => ({ phone_kind: p.kind, phone_cipher: BENCH_CIPHER.encrypt(p.phone), phone_hash: BENCH_CIPHER.lookupHash('phone', p.phone), phone_masked: maskPhone(p.phone) }));
      const entries = await db
        .insertInto('frame_entry')
        .values(stored.map((s) => ({ wave_id: wave.id, county_code: COUNTY, township_id: township.id, source: 'registry' as const, entry_no: ++entryNo, ...s })))
        .returning('id')
        .execute();
      await db
        .insertInto('sample_case')
        .values(entries.map((e, i) => ({ county_code: COUNTY, wave_id: wave.id, township_id: township.id, frame_entry_id: e.id, replicate: 1, released: true, draw_order: order++, ...stored[i]! })))
        .execute();
    }
  }
  return { waveId: wave.id, cases: perTownship * townships.length };
}

/**
 * What a simulated interviewer records, by turns: mostly final outcomes, some callbacks a couple
 * of seconds later and some appointments, so that all three queues (appointments, callbacks,
 * fresh numbers) are exercised while the clock is real.
 */
function outcome(n: number, now: Date): { code: string; callbackAt?: string; appointmentAt?: string } {
  const k = n % 20;
  if (k < 5) return { code: 'T3.13', callbackAt: new Date(now.getTime() + 2_000).toISOString() };
  if (k < 6) return { code: 'T3.12', callbackAt: new Date(now.getTime() + 1_000).toISOString() };
  if (k < 8) return { code: 'T2.21', appointmentAt: new Date(now.getTime() + 3_000).toISOString() };
  if (k < 11) return { code: '2.11' };
  if (k < 15) return { code: '4.31' };
  if (k < 17) return { code: '4.70' };
  return { code: '2.33' };
}

/** The bare assignment statement of claimCase, for pgbench: a random interviewer of the bench, the same wave. */
function pgbenchScript(waveId: string, minUser: string, maxUser: string): string {
  const common = `c.wave_id IN (${waveId}) AND c.released AND c.final_disposition IS NULL AND (c.assigned_to IS NULL OR c.lease_expires_at <= now())`;
  return `\\set me random(${minUser}, ${maxUser})
UPDATE sample_case SET assigned_to = :me, assigned_at = now(), lease_expires_at = now()
WHERE id = COALESCE(
  (SELECT c.id FROM sample_case c WHERE ${common} AND c.appointment_at <= now()
     AND (c.appointment_with IS NULL OR c.appointment_with = :me OR c.appointment_at <= now() - interval '15 minutes')
     ORDER BY (c.appointment_with IS NOT NULL AND c.appointment_with = :me) DESC, c.appointment_at, c.draw_order LIMIT 1 FOR UPDATE SKIP LOCKED),
  (SELECT c.id FROM sample_case c WHERE ${common} AND c.appointment_at IS NULL AND c.next_call_at <= now()
     ORDER BY c.next_call_at, c.draw_order LIMIT 1 FOR UPDATE SKIP LOCKED),
  (SELECT c.id FROM sample_case c WHERE ${common} AND c.appointment_at IS NULL AND c.next_call_at IS NULL
     ORDER BY c.draw_order LIMIT 1 FOR UPDATE SKIP LOCKED))
RETURNING id;
`;
}

export async function surveyFieldworkBench(o: SurveyFieldworkBenchOptions) {
  const target = await createBenchDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-fieldwork-'));
  // Two cores: more connections than a few per core only queue inside PostgreSQL.
  const poolSize = Math.min(24, o.interviewers);
  const database = await openDatabase({ driver: 'postgres', connectionString: target.url, maxConnections: poolSize });
  const db = database.db;
  try {
    await migrate(db);
    await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
    // Enough numbers that the cycles never run dry: about 60 % of outcomes are final.
    const perTownship = Math.ceil((o.cycles * 0.75) / 13);
    const wave = await insertBenchWave(db, perTownship);
    const actors = await insertInterviewers(db, o.interviewers, { prefix: 'bench' });
    await sql`ANALYZE`.execute(db);
    console.log(`\n== Survey fieldwork: ${o.interviewers} interviewers, ${o.cycles.toLocaleString()} next-case → disposition cycles, ${wave.cases.toLocaleString()} cases in 13 townships`);

    // pgbench first, on the queue the interviewers will start from. Its statement is claimCase's,
    // with a lease that ends at once so every transaction assigns a case and the queue keeps its shape.
    const limits = await sql<{ max: string; reserved: string; used: string }>`
      SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved,
             (SELECT count(*) FROM pg_stat_activity)::text AS used`.execute(db);
    const { max, reserved, used } = limits.rows[0]!;
    const free = Number(max) - Number(reserved) - Number(used) - 5;
    const clients = Math.max(1, Math.min(o.interviewers, free));
    const ids = actors.map((a) => BigInt(a.id));
    const minUser = ids.reduce((a, b) => (a < b ? a : b)).toString();
    const maxUser = ids.reduce((a, b) => (a > b ? a : b)).toString();
    const script = path.join(dir, 'assign.sql');
    fs.writeFileSync(script, pgbenchScript(wave.waveId, minUser, maxUser));
    const seconds = o.pgbenchSeconds ?? 15;
    const pgbench = await run('pgbench', ['-n', '-M', 'prepared', '-c', String(clients), '-j', String(Math.min(clients, os.cpus().length)), '-T', String(seconds), '-f', script, target.url], { maxBuffer: 1 << 22, timeout: (seconds + 120) * 1000 });
    const tps = Number(/tps = ([\d.]+)/.exec(pgbench.stdout)?.[1] ?? Number.NaN);
    const bareLatency = /latency average = ([\d.]+) ms/.exec(pgbench.stdout)?.[1];
    // Back to the untouched queue: pgbench's assignments expired at once, but leave no trace.
    await db.updateTable('sample_case').set({ assigned_to: null, assigned_at: null, lease_expires_at: null }).where('wave_id', '=', wave.waveId).execute();

    const held = new Map<string, string>();
    let doubleClaims = 0;
    let started = 0;
    let completed = 0;
    let empty = 0;
    let seq = 0;
    const cycleMs: number[] = [];
    const claimMs: number[] = [];
    const disposeMs: number[] = [];
    const source = cliAuditSource('bench');
    const t0 = performance.now();
    await Promise.all(
      actors.map(async (actor: Actor) => {
        while (started < o.cycles) {
          started++;
          const begin = performance.now();
          const now = new Date();
          const next = await nextCase({ db, actor }, { now });
          const claimed = performance.now();
          if (!next.case) {
            // Nothing due at this instant (callbacks a second away): not a cycle; ask again shortly.
            started--;
            empty++;
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          const caseId = next.case.id;
          const holder = held.get(caseId);
          if (holder !== undefined && holder !== actor.id) doubleClaims++;
          held.set(caseId, actor.id);
          const result = outcome(seq++, new Date());
          // Forget the holder before the outcome commits: from then on another may take the case.
          held.delete(caseId);
          // The outcomes say a call was made, so the number is dialled first, as at the workstation.
          await dialCase({ db, actor, source, cipher: BENCH_CIPHER, telephony: telLinkTelephony }, { caseId, now: new Date() });
          await recordDisposition({ db, actor, source }, { caseId, now: new Date(), input: { submissionId: crypto.randomUUID(), ...result } });
          const end = performance.now();
          claimMs.push(claimed - begin);
          disposeMs.push(end - claimed);
          cycleMs.push(end - begin);
          completed++;
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;

    // The check that matters: from the database, no two attempts of one case overlap in time.
    const overlaps = await sql<{ n: string }>`
      SELECT count(*)::text AS n FROM call_attempt a JOIN call_attempt b ON b.case_id = a.case_id AND b.id > a.id
      WHERE a.wave_id = ${wave.waveId}
        AND tstzrange(a.assigned_at, coalesce(a.ended_at, 'infinity')) && tstzrange(b.assigned_at, coalesce(b.ended_at, 'infinity'))`.execute(db);
    const attempts = await db
      .selectFrom('call_attempt')
      .select([(eb) => eb.fn.countAll<string>().as('all'), (eb) => eb.fn.countAll<string>().filterWhere('ended_at', 'is', null).as('open')])
      .where('wave_id', '=', wave.waveId)
      .executeTakeFirstOrThrow();
    const queue = await db
      .selectFrom('sample_case')
      .select(['final_disposition', (eb) => eb.fn.countAll<string>().as('n')])
      .where('wave_id', '=', wave.waveId)
      .groupBy('final_disposition')
      .execute();
    const finals = queue.filter((q) => q.final_disposition !== null).reduce((s, q) => s + Number(q.n), 0);

    const throughput = completed / elapsed;
    const cycle = summarize(cycleMs);
    const claim = summarize(claimMs);
    const dispose = summarize(disposeMs);
    const double = Number(overlaps.rows[0]!.n) + doubleClaims;
    console.log(`cycles       ${completed.toLocaleString()} in ${elapsed.toFixed(1)} s: ${throughput.toFixed(0)} cycles/s (use cases over a pg pool of ${poolSize}; ${empty.toLocaleString()} empty asks retried)`);
    console.log(`cycle        p50 ${ms(cycle.p50)}  p99 ${ms(cycle.p99)}  max ${ms(cycle.max)}`);
    console.log(`  next-case  p50 ${ms(claim.p50)}  p99 ${ms(claim.p99)}`);
    console.log(`  dial+outcome p50 ${ms(dispose.p50)}  p99 ${ms(dispose.p99)}`);
    console.log(`double assignments: ${double} (overlapping attempts in the database: ${overlaps.rows[0]!.n}; claims of a case another worker held: ${doubleClaims}) — goal 0`);
    console.log(`attempts     ${Number(attempts.all).toLocaleString()} recorded, ${attempts.open} left open; ${finals.toLocaleString()} cases finished`);
    console.log(`pgbench      bare assignment statement, ${clients} clients (max_connections ${max}, ${reserved} reserved, ${used} in use), ${seconds} s: ${tps.toFixed(0)} tps, latency ${bareLatency ?? '?'} ms`);
    console.log(`ratio        cycles/s ÷ bare assignments/s = ${(throughput / tps).toFixed(3)}`);
    if (double !== 0) throw new Error(`double assignments: ${double}`);
    if (Number(attempts.all) !== completed || Number(attempts.open) !== 0) throw new Error(`attempts ${attempts.all} (open ${attempts.open}) for ${completed} cycles`);
    return { cycles: completed, seconds: elapsed, throughput, cycle, claim, dispose, doubleAssignments: double, pgbenchTps: tps, pgbenchClients: clients, ratio: throughput / tps };
  } finally {
    await database.close();
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
