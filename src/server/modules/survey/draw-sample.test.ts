/**
 * The draw at county scale, on PostgreSQL: a frame of 500,000 numbers over 13 townships (what a
 * county like Ningyang gives) is sampled in seconds, set-based, reproducibly.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS, describePostgres } from '../../../../test/support/dialects.ts';
import { startTestApp, type Client, type TestApp } from '../../../../test/support/test-app.ts';

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
      INSERT INTO frame_entry (wave_id, county_code, township_id, source, phone_kind, phone_cipher, phone_hash, phone_masked)
      SELECT ${waveId}::bigint, '370921', s.township_id, 'upload', CASE WHEN g % 5 = 0 THEN 'landline' ELSE 'mobile' END, 'x', md5(g::text), '138****0000'
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
