import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SheetRow } from '../../spreadsheets/index.ts';
import type { ImportIssueLog } from './import-issue-log.ts';
import type { StageWriter } from './import-stage.ts';
import type { RowWorkers } from './row-workers.ts';

/** Rows handed to a row worker at a time. */
export const WORKER_BATCH_ROWS = 1_000;

/**
 * The reading phase with the per-row work (validation, encryption, keyed hashes, pinyin, the COPY
 * line) in row worker threads: this thread hands out batches of the file's rows and stages the
 * workers' COPY text in the file's order, so rows and issues are those of the single-threaded
 * path (row-workers.test.ts). `onRow` counts each row read (and refuses one too many); `tick`
 * reports progress every `reportEveryRows`. Closes the pool when done.
 *
 * @example
 * await stageWithRowWorkers({ db }, { pool, rows: sheet.rows, stage, issues, counts: progress, onRow, tick, reportEveryRows: 2_000 });
 */
export async function stageWithRowWorkers(
  { db }: { db: Kysely<DB> },
  o: { pool: RowWorkers; rows: AsyncIterable<SheetRow>; stage: StageWriter; issues: ImportIssueLog; counts: { rowsRead: number; rowsValid: number }; onRow: () => void; tick: () => Promise<void>; reportEveryRows: number },
): Promise<void> {
  const { pool, stage, issues, counts } = o;
  const take = async () => {
    const staged = await pool.next();
    counts.rowsValid += staged.valid;
    for (const [rowNo, found] of staged.issues) if (issues.add(rowNo, found)) await issues.flush(db);
    const staging = stage.addLines(staged.text, staged.rows);
    if (staging) await staging;
  };
  let batch: SheetRow[] = [];
  let reported = 0;
  for await (const row of o.rows) {
    o.onRow();
    batch.push(row);
    if (batch.length < WORKER_BATCH_ROWS) continue;
    pool.submit(batch);
    batch = [];
    while (pool.full || (pool.pending > 0 && pool.ready)) await take();
    if (counts.rowsRead - reported >= o.reportEveryRows) {
      reported = counts.rowsRead;
      await o.tick();
    }
  }
  if (batch.length) pool.submit(batch);
  while (pool.pending > 0) await take();
  await pool.close(true);
}
