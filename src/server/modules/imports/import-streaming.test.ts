/**
 * A 100,000-row file imports in constant memory: the JavaScript heap that stays reachable
 * (measured after forced collections at checkpoints) must not grow with the rows read. Also
 * prints throughput and peak RSS per driver, for the record.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber } from '../../../../test/support/registry-fixture.ts';
import { testCipher } from '../../../../test/support/test-app.ts';
import type { Database } from '../../db/database.ts';
import { cliAuditSource } from '../audit/index.ts';
import { demoVillages, seedDemo } from '../demo/index.ts';
import { importHouseholds } from './import-households.ts';

const ROWS = 100_000;
const MB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/**
 * Writes the file to disk first (so that generating it costs the import nothing): a registry as
 * townships keep it, households of four, a mobile for each head.
 */
async function writeFile(file: string, rows: number, prefix: string) {
  const villages = demoVillages();
  const out = fs.createWriteStream(file);
  out.write('乡镇,村（社区）,村代码,户编号,姓名,性别,出生日期,与户主关系,身份证号,手机,家庭住址\r\n');
  const relationships = ['户主', '配偶', '子', '女'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const h = Math.floor(i / 4);
    const village = villages[h % villages.length]!;
    const birth = new Date(Date.UTC(1930, 0, 1) + (i % 30_000) * 86_400_000).toISOString().slice(0, 10);
    const sequence = 2 * Math.floor(i / 30_000) + (prefix === 'S' ? 501 : 701);
    const id = idNumber(birth, sequence);
    const mobile = i % 4 === 0 ? `139${String(i).padStart(8, '0')}` : '';
    const name = `张${'伟芳娜秀英敏静丽强磊'[i % 10]}${'军洋勇艳杰娟涛明超秀'[Math.floor(i / 10) % 10]}`;
    chunk += `${village.townshipName},${village.name},${village.code},${prefix}${h},${name},男,${birth},${relationships[i % 4]},${id},${mobile},${village.townshipName}${village.name}${h}号\r\n`;
    if (chunk.length > 64 * 1024) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

for (const dialect of DIALECTS) {
  describe(`import streaming [${dialect.name}]`, () => {
    let database: Database;
    let dir: string;
    let file: string;

    beforeAll(async () => {
      database = await dialect.open();
      await seedDemo({ db: database.db, actor: null, source: cliAuditSource('test') });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-import-'));
      file = path.join(dir, 'county.csv');
      await writeFile(file, ROWS, 'S');
      // A small import first, so that what loads once (the pinyin dictionary, parsers) is in the baseline.
      const warmUp = path.join(dir, 'warm-up.csv');
      await writeFile(warmUp, 100, 'W');
      const county = await database.db.selectFrom('region').select('id').where('code', '=', '370921').executeTakeFirstOrThrow();
      const audit = cliAuditSource('test');
      await importHouseholds({ db: database.db, actor: null, source: audit, cipher: testCipher }, { input: fs.createReadStream(warmUp), fileName: 'warm-up.csv', mode: 'all_or_nothing', regionId: county.id });
    });
    afterAll(async () => {
      await database?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    // A memory test, not a speed test: 100,000 rows take ≈30 s alone and several minutes on a
    // loaded 2-core machine, so the timeout only guards against a hang.
    it(`imports ${ROWS.toLocaleString('en')} rows with a heap that does not grow with them`, { timeout: 15 * 60_000 }, async () => {
      const county = await database.db.selectFrom('region').select('id').where('code', '=', '370921').executeTakeFirstOrThrow();
      const size = fs.statSync(file).size;
      gc();
      const baseline = process.memoryUsage();
      // Reachable heap after a full collection, at every 20,000 rows read.
      const retained: { rows: number; heap: number }[] = [];
      let peakRss = baseline.rss;
      let next = 20_000;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const phases: string[] = [];
      let phase = '';
      const result = await importHouseholds({ db: database.db, actor: null, source: cliAuditSource('test'), cipher: testCipher }, {
        input: fs.createReadStream(file),
        fileName: 'county.csv',
        totalBytes: size,
        mode: 'all_or_nothing',
        regionId: county.id,
        onProgress: (p) => {
          if (p.phase !== phase) {
            phase = p.phase;
            const c = process.cpuUsage(cpu);
            phases.push(`${phase}@${((performance.now() - started) / 1000).toFixed(1)}s/cpu ${((c.user + c.system) / 1e6).toFixed(1)}s`);
          }
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          if (p.phase === 'reading' && p.rowsRead >= next) {
            next += 20_000;
            gc();
            retained.push({ rows: p.rowsRead, heap: process.memoryUsage().heapUsed - baseline.heapUsed });
          }
        },
      });
      const seconds = (performance.now() - started) / 1000;
      expect(result).toMatchObject({ status: 'succeeded', rows: { read: ROWS, inserted: ROWS, updated: 0, unchanged: 0, rejected: 0 }, households: { inserted: ROWS / 4 } });
      const residents = await database.db.selectFrom('resident').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(residents.n)).toBe(ROWS + 100);

      const growth = Math.max(...retained.map((r) => r.heap));
      console.info(
        `import streaming [${dialect.name}]: ${ROWS} rows, ${(size / MB).toFixed(1)} MB in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds)} rows/s; ` +
          `peak RSS ${(peakRss / MB).toFixed(0)} MB (baseline ${(baseline.rss / MB).toFixed(0)} MB); ` +
          `phases ${phases.join(' ')}; retained heap growth ${retained.map((r) => `${r.rows / 1000}k:${(r.heap / MB).toFixed(1)}`).join(' ')} MB`,
      );
      expect(retained.length).toBeGreaterThanOrEqual(4);
      // Nothing proportional to the file is kept: far below its size, and flat from the first checkpoint to the last.
      expect(growth).toBeLessThan(size / 10);
      expect(retained.at(-1)!.heap - retained[0]!.heap).toBeLessThan(2 * MB);
    });
  });
}
