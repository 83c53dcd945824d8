/**
 * The draw under two data keys: the same uploaded file, or the same registry, and the same seed
 * give the same sample on two databases whose keys differ (the order never involves the keyed
 * phone hash). And at county scale, on PostgreSQL: a frame of 500,000 numbers over 13
 * townships (what a county like Ningyang gives) is sampled in seconds, set-based, reproducibly.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, describePostgres, type Dialect } from '../../../../test/support/dialects.ts';
import { startTestApp, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { createFieldCipher, type FieldCipher } from '../../security/field-cipher.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemoRegistry, seedDemo } from '../demo/index.ts';
import { actorFor } from '../fieldwork/testing/actors.ts';
import { buildRegistryFrame } from './build-registry-frame.ts';
import { createWave } from './create-wave.ts';
import { drawSample } from './draw-sample.ts';
import { ensureStandardQuestionnaire } from './ensure-standard-questionnaire.ts';
import { uploadFrame } from './upload-frame.ts';

const source = cliAuditSource('test');
const SEED = '0f1e2d3c4b5a6978';

/** One deployment: its own database and its own data key, the demo county and a small registry. */
interface Deployment {
  database: Database;
  db: Kysely<DB>;
  cipher: FieldCipher;
  supervisor: Actor;
  versionId: string;
}

async function deploy(dialect: Dialect, keyByte: number): Promise<Deployment> {
  const database = await dialect.open();
  const db = database.db;
  const cipher = createFieldCipher(Buffer.alloc(32, keyByte));
  await seedDemo({ db, actor: null, source });
  // The same synthetic registry (same generator seed) imported under this deployment's key.
  await seedDemoRegistry({ db, actor: null, source, cipher }, { households: 150, seed: 7 });
  const supervisor = await actorFor(db, 'supervisor');
  const { questionnaire } = await ensureStandardQuestionnaire({ db, actor: supervisor, source });
  return { database, db, cipher, supervisor, versionId: questionnaire.versions[0]!.id };
}

const newWave = (d: Deployment, name: string) =>
  createWave(
    { db: d.db, actor: d.supervisor, source },
    {
      questionnaireVersionId: d.versionId,
      name,
      startsOn: '2026-03-01',
      endsOn: '2026-03-20',
      callingHours: [{ from: '09:00', to: '20:30' }],
      maxAttempts: 5,
      phoneQuota: null,
      allocation: 'proportional',
      minPerTownship: 2,
      targetCompletes: 40,
      numbersPerComplete: 2,
      replicateCount: 3,
    },
  );

/** The drawn sample as plain numbers with their township, replicate and calling order: what a second deployment must reproduce. */
async function drawnSample(d: Deployment, waveId: string) {
  const rows = await d.db
    .selectFrom('sample_case as c')
    .innerJoin('region as t', 't.id', 'c.township_id')
    .innerJoin('frame_entry as f', 'f.id', 'c.frame_entry_id')
    .select(['t.code', 'c.phone_cipher', 'c.replicate', 'c.draw_order', 'f.entry_no'])
    .where('c.wave_id', '=', waveId)
    .orderBy('c.draw_order')
    .execute();
  return rows.map((r) => ({ township: r.code, phone: d.cipher.decrypt(r.phone_cipher), entryNo: r.entry_no, replicate: r.replicate, drawOrder: r.draw_order }));
}

/** A list of 600 numbers over the demo townships, some listed twice. */
async function frameFile(db: Kysely<DB>): Promise<Buffer> {
  const townships = await db.selectFrom('region').select('code').where('level', '=', 'township').where('code', 'like', '370921%').where('closed_on', 'is', null).orderBy('code').execute();
  const lines = ['电话,乡镇'];
  for (let i = 0; i < 600; i++) lines.push(`139${String(71_000_000 + i * 7919).slice(-8)},${townships[i % townships.length]!.code}`);
  lines.push(lines[5]!, lines[17]!);
  return Buffer.from(lines.join('\n'), 'utf8');
}

async function* bytes(buffer: Buffer) {
  yield buffer;
}

for (const dialect of DIALECTS) {
  describe(`a sample that does not depend on the data key [${dialect.name}]`, () => {
    let a: Deployment;
    let b: Deployment;
    beforeAll(async () => {
      a = await deploy(dialect, 1);
      b = await deploy(dialect, 2);
    }, 120_000);
    afterAll(async () => {
      await a?.database.close();
      await b?.database.close();
    });

    it('draws the same numbers, replicates and calling order from the same uploaded file and seed under two keys', async () => {
      const file = await frameFile(a.db);
      const drawn = await Promise.all(
        [a, b].map(async (d) => {
          const wave = await newWave(d, '上传号码');
          await uploadFrame({ db: d.db, cipher: d.cipher, actor: d.supervisor, source }, { waveId: wave.id, input: bytes(file), fileName: '号码.csv', locale: 'zh-CN' });
          await drawSample({ db: d.db, actor: d.supervisor, source }, { waveId: wave.id, seed: SEED, locale: 'zh-CN' });
          return { d, waveId: wave.id, sample: await drawnSample(d, wave.id) };
        }),
      );
      const [onA, onB] = drawn as [(typeof drawn)[0], (typeof drawn)[0]];
      expect(onA.sample.length).toBe(80);
      // A sample, not the whole frame (600 distinct numbers): which 80 is the seed's choice.
      expect((await a.db.selectFrom('frame_entry').select((eb) => eb.fn.countAll<string>().as('n')).where('wave_id', '=', onA.waveId).executeTakeFirstOrThrow()).n).toBe('600');
      expect(onB.sample).toEqual(onA.sample);
      // The keyed hashes differ, so nothing of the order came from them.
      const hashOf = (d: Deployment, phone: string) => d.cipher.lookupHash('phone', phone);
      expect(hashOf(a, onA.sample[0]!.phone)).not.toBe(hashOf(b, onA.sample[0]!.phone));
      // A number listed twice keeps the row it first appeared on (the header is row 1).
      const twice = file.toString('utf8').split('\n')[5]!.split(',')[0]!;
      const entries = await a.db.selectFrom('frame_entry').select(['phone_cipher', 'entry_no']).where('wave_id', '=', onA.waveId).execute();
      expect(entries.filter((e) => a.cipher.decrypt(e.phone_cipher) === twice).map((e) => e.entry_no)).toEqual([6]);

      // Reproducible: the same seed again on the same deployment draws the same sample.
      await drawSample({ db: a.db, actor: a.supervisor, source }, { waveId: onA.waveId, seed: SEED, locale: 'zh-CN' });
      expect(await drawnSample(a, onA.waveId)).toEqual(onA.sample);
      // And another seed draws another one.
      await drawSample({ db: a.db, actor: a.supervisor, source }, { waveId: onA.waveId, seed: 'aa55aa55aa55aa55', locale: 'zh-CN' });
      expect((await drawnSample(a, onA.waveId)).map((c) => c.phone)).not.toEqual(onA.sample.map((c) => c.phone));
    });

    it('draws the same sample from the same registry and seed under two keys', async () => {
      const drawn = await Promise.all(
        [a, b].map(async (d) => {
          const wave = await newWave(d, '户籍号码');
          const framed = await buildRegistryFrame({ db: d.db, actor: d.supervisor, source }, { waveId: wave.id });
          await drawSample({ db: d.db, actor: d.supervisor, source }, { waveId: wave.id, seed: SEED, locale: 'zh-CN' });
          return { frame: framed.counts.frame, sample: await drawnSample(d, wave.id) };
        }),
      );
      const [onA, onB] = drawn as [(typeof drawn)[0], (typeof drawn)[0]];
      expect(onA.frame).toBe(onB.frame);
      expect(onA.frame).toBeGreaterThan(onA.sample.length * 2);
      expect(onA.sample.length).toBe(80);
      expect(onB.sample).toEqual(onA.sample);
    });
  });
}

const FRAME = 500_000;
const postgres = DIALECTS.find((d) => d.name === 'postgres');

describePostgres('drawing a county-sized sample', () => {
  let t: TestApp;
  let s: Client;
  let waveId: string;
  beforeAll(async () => {
    t = await startTestApp(postgres!);
    s = await t.as('supervisor');
    const versionId = (await s.post('/api/survey/questionnaires/standard')).json().versions[0].id;
    const wave = await s.post('/api/survey/waves', {
      questionnaireVersionId: versionId,
      name: '全县规模',
      startsOn: '2026-03-01',
      endsOn: '2026-03-20',
      callingHours: [{ from: '09:00', to: '20:30' }],
      maxAttempts: 5,
      targetCompletes: 13_000,
      phoneQuota: { mobile: 6, landline: 4 },
      allocation: 'proportional',
      minPerTownship: 500,
      numbersPerComplete: 2.5,
      replicateCount: 10,
    });
    waveId = wave.json().id;
    const db = t.database.db;
    // Townships of unequal size, every 5th number a landline.
    await sql`
      INSERT INTO frame_entry (wave_id, county_code, township_id, source, phone_kind, phone_cipher, phone_hash, phone_masked, entry_no)
      SELECT ${waveId}::bigint, '370921', s.township_id, 'upload', CASE WHEN g % 5 = 0 THEN 'landline' ELSE 'mobile' END, 'x', md5(g::text), '138****0000', g
        FROM generate_series(1, ${FRAME}::int) AS g
        JOIN (SELECT township_id, row_number() OVER (ORDER BY township_id) - 1 AS k FROM wave_stratum WHERE wave_id = ${waveId}) s ON s.k = floor(sqrt(g % 169))`.execute(db);
    await sql`UPDATE wave_stratum s SET frame_size = (SELECT count(*) FROM frame_entry f WHERE f.wave_id = s.wave_id AND f.township_id = s.township_id) WHERE s.wave_id = ${waveId}`.execute(db);
    await sql`ANALYZE frame_entry`.execute(db);
  }, 120_000);
  afterAll(async () => t?.close());

  it('draws 32,500 numbers out of 500,000 in seconds, the same ones again from the same seed', async () => {
    const started = Date.now();
    const res = await s.post(`/api/survey/waves/${waveId}/sample`, { seed: 'a1b2c3d4e5f60718' });
    const seconds = (Date.now() - started) / 1000;
    expect(res.statusCode).toBe(200);
    const wave = res.json();
    expect(wave.counts.frame).toBe(FRAME);
    expect(wave.counts.sample).toBe(32_500);
    expect(wave.replicates).toHaveLength(10);
    expect(wave.strata.every((x: { targetCompletes: number }) => x.targetCompletes >= 500)).toBe(true);
    // The quota: 6 : 4 in every township that has landlines enough; the others give all theirs.
    const byTownship = await t.database.db
      .selectFrom('sample_case')
      .select(['township_id', sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) FILTER (WHERE phone_kind = 'landline'))::int`.as('landlines')])
      .where('wave_id', '=', waveId)
      .groupBy('township_id')
      .execute();
    for (const row of byTownship) {
      const stratum = wave.strata.find((x: { township: { id: string } }) => x.township.id === row.township_id);
      expect(row.landlines === stratum.frameLandline || row.landlines === Math.round(row.n * 0.4)).toBe(true);
      // The wave's answer carries the same split, counted from the cases.
      expect([stratum.sampleMobile, stratum.sampleLandline]).toEqual([row.n - row.landlines, row.landlines]);
    }
    console.log(`draw of ${wave.counts.sample} from ${FRAME}: ${seconds.toFixed(2)} s`);
    // Reading the wave counts its frame and sample by kind each time: still quick at this size.
    const read = Date.now();
    expect((await s.get(`/api/survey/waves/${waveId}`)).statusCode).toBe(200);
    console.log(`GET wave with ${FRAME} frame numbers and ${wave.counts.sample} cases: ${Date.now() - read} ms`);
    expect(seconds).toBeLessThan(30);

    const fingerprint = async () =>
      (await sql<{ f: string }>`SELECT md5(string_agg(frame_entry_id || ':' || replicate || ':' || draw_order, ',' ORDER BY frame_entry_id)) AS f FROM sample_case WHERE wave_id = ${waveId}`.execute(t.database.db)).rows[0]!.f;
    const first = await fingerprint();
    await s.post(`/api/survey/waves/${waveId}/sample`, { seed: 'a1b2c3d4e5f60718' });
    expect(await fingerprint()).toBe(first);
  }, 120_000);
});
