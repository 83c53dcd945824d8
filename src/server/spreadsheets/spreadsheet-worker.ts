/**
 * The worker thread that parses one spreadsheet (started by read-spreadsheet.ts through
 * spreadsheet-worker.mjs). It pulls the file's bytes from the server's thread as it needs them
 * and sends rows back in batches, at most two ahead of the reader: a parse never blocks the
 * server's event loop, and its memory is the worker's, capped by the limits it was started with.
 * Once a file is read to its end (or refused cleanly) the worker may be given the next one.
 */
import { parentPort } from 'node:worker_threads';
import { parseSheetRows, type SheetRow, type SpreadsheetLimits } from './parse-spreadsheet.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';
import type { FromParser, ToParser } from './spreadsheet-protocol.ts';

const port = parentPort!;
/** Rows per message, and characters (a batch of long rows is sent sooner). */
const BATCH_ROWS = 200;
const BATCH_CHARS = 1 << 18;
/** Batches sent and not yet read. */
const AHEAD = 2;

const send = (message: FromParser) => port.postMessage(message);
const inbox: Extract<ToParser, { t: 'chunk' | 'end' | 'start' }>[] = [];
let credits = AHEAD;
// Two waits can be pending at once (the CSV stream reads ahead of the rows being sent): every
// message wakes both, and each checks again what it waits for.
let waiting: (() => void)[] = [];
port.on('message', (message: ToParser) => {
  if (message.t === 'next') credits++;
  else inbox.push(message);
  const woken = waiting;
  waiting = [];
  for (const wake of woken) wake();
});
const nothingYet = () => new Promise<void>((resolve) => waiting.push(resolve));

async function* input(): AsyncGenerator<Buffer> {
  for (;;) {
    send({ t: 'pull' });
    while (!inbox.length) await nothingYet();
    const message = inbox.shift()!;
    if (message.t === 'start') throw new Error('start during a parse');
    if (message.t === 'end') return;
    yield Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength);
  }
}

let lastAlive = 0;
const alive = () => {
  const now = Date.now();
  if (now - lastAlive < 1_000) return;
  lastAlive = now;
  send({ t: 'alive' });
};

async function flush(batch: SheetRow[]) {
  while (credits <= 0) await nothingYet();
  credits--;
  send({ t: 'rows', rows: batch });
}

async function parse(limits: SpreadsheetLimits) {
  try {
    const { format, encoding, rows } = await parseSheetRows(input(), limits, alive);
    send({ t: 'meta', format, encoding });
    let batch: SheetRow[] = [];
    let chars = 0;
    for await (const row of rows) {
      batch.push(row);
      for (const cell of row.cells) chars += cell.length;
      if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) {
        await flush(batch);
        batch = [];
        chars = 0;
      }
    }
    if (batch.length) await flush(batch);
    send({ t: 'done' });
  } catch (error) {
    if (error instanceof SpreadsheetError) send({ t: 'error', code: error.code, issues: error.issues, limit: error.limit });
    else send({ t: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

// One file after another: a worker that finished a file cleanly waits for the next one.
for (;;) {
  while (!inbox.length) await nothingYet();
  const message = inbox.shift()!;
  if (message.t !== 'start') continue;
  credits = AHEAD;
  await parse(message.limits);
}
