/**
 * Runs one import in its own process so its peak memory (max RSS) is the import's alone.
 * Usage: tsx bench/support/import-child.ts DATABASE_URL FILE [ROW_WORKERS] — prints one JSON line
 * (ROW_WORKERS: the import's worker threads, default its own choice; 0 does the rows on one thread).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/server/db/database.ts';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { defaultRowWorkers, findImportRegion, importHouseholds } from '../../src/server/modules/imports/index.ts';
import { BENCH_CIPHER } from './bench-cipher.ts';

const [url, file, threads] = process.argv.slice(2);
if (!url || !file) throw new Error('usage: import-child.ts DATABASE_URL FILE');
const database = await openDatabase({ driver: 'postgres', connectionString: url });
try {
  const ctx = { db: database.db, actor: null, source: cliAuditSource('bench'), cipher: BENCH_CIPHER };
  // The bench's database holds one county, which the import covers, as the command line's does.
  const found = await findImportRegion(ctx, {});
  if (!('region' in found)) throw new Error(`no region to import into: ${found.missing}`);
  const result = await importHouseholds(ctx, {
    input: fs.createReadStream(file),
    fileName: path.basename(file),
    totalBytes: fs.statSync(file).size,
    mode: 'all_or_nothing',
    regionId: found.region.id,
    ...(threads === undefined ? {} : { rowWorkers: { size: Number(threads) } }),
  });
  process.stdout.write(`${JSON.stringify({ status: result.status, rows: result.rows, households: result.households, durationMs: result.durationMs, rowWorkers: threads === undefined ? defaultRowWorkers() : Number(threads), maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
} finally {
  await database.close();
}
