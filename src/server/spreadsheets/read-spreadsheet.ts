/**
 * Streams the rows of an uploaded registry spreadsheet, whatever Excel made of it: XLSX (first
 * sheet), or CSV in UTF-8, UTF-8 with BOM, GBK (Excel on Chinese Windows) or UTF-16 with BOM.
 * Finds the header under title rows.
 *
 * The parsing itself (parse-spreadsheet.ts) runs in a worker thread with its own heap limit,
 * fed the file's bytes as it asks for them and sending rows back in batches: a hostile file
 * (a zip bomb, a cell at column XFD in every row, an endless CSV line) meets a limit of
 * SPREADSHEET_LIMITS and is refused with a problem naming it, and whatever it costs before that
 * is the worker's memory and the worker's time, never the server's event loop or heap.
 */
import { Worker } from 'node:worker_threads';
import { SPREADSHEET_LIMITS } from '../../shared/registry/spreadsheet-limits.ts';
import { isBlankRow } from '../../shared/registry/import-cells.ts';
import { findHeaderRow, HEADER_SEARCH_ROWS, readHeader, type ImportHeader } from '../../shared/registry/import-header.ts';
import type { ProblemIssue } from '../http/errors.ts';
import type { SheetFormat, SheetRow, SpreadsheetLimits, TextEncoding } from './parse-spreadsheet.ts';
import { SpreadsheetError } from './spreadsheet-error.ts';
import type { FromParser, ToParser } from './spreadsheet-protocol.ts';

export { cellAddress, cellText, detectDelimiter, detectEncoding, type SheetRow, type SpreadsheetLimits, type TextEncoding } from './parse-spreadsheet.ts';
export { SpreadsheetError } from './spreadsheet-error.ts';

export interface OpenedSheet {
  format: SheetFormat;
  encoding: TextEncoding | null;
  headerRowNo: number;
  header: ImportHeader;
  /** The data rows under the header; blank rows are skipped. */
  rows: AsyncGenerator<SheetRow>;
  /** Stops reading (and releases the input) when the rows are not read to the end. */
  close(): Promise<void>;
}

export interface ReadOptions {
  onBytes?: (bytesRead: number) => void;
  /** Tighter limits than SPREADSHEET_LIMITS (tests); the problem's `limit` member reports the one applied. */
  limits?: Partial<SpreadsheetLimits>;
}

/**
 * Opens a spreadsheet from a stream of bytes: detects the format and encoding, reads up to the
 * header and checks it. Throws a SpreadsheetError for a file that cannot be imported at all.
 *
 * @example
 * const sheet = await openSpreadsheet(fs.createReadStream('户籍台账.csv'));
 * for await (const row of sheet.rows) console.log(row.rowNo, row.cells);
 */
export async function openSpreadsheet(input: AsyncIterable<Buffer | Uint8Array>, options: ReadOptions = {}): Promise<OpenedSheet> {
  const { format, encoding, rows: raw } = await readSheetRows(input, options);
  try {
    const before: SheetRow[] = [];
    while (before.length < HEADER_SEARCH_ROWS) {
      const next = await raw.next();
      if (next.done) break;
      before.push(next.value);
    }
    if (before.every((r) => isBlankRow(r.cells))) throw new SpreadsheetError('import_file_empty');
    const at = findHeaderRow(before.map((r) => r.cells));
    const headerRow = before[at];
    if (!headerRow) throw new SpreadsheetError('import_header_missing', requiredColumnsIssues());
    const checked = readHeader(headerRow.cells);
    if (!checked.ok) {
      if (checked.problem === 'too_many_columns') throw new SpreadsheetError('import_too_many_columns', [{ path: 'header', message: String(checked.width) }]);
      if (checked.problem === 'duplicate') throw new SpreadsheetError('import_header_duplicate', checked.duplicates.map((h) => ({ path: 'header', message: h })));
      throw new SpreadsheetError('import_header_missing', checked.missing.map((m) => ({ path: 'header', message: m })));
    }
    const buffered = before.slice(at + 1);
    async function* rows(): AsyncGenerator<SheetRow> {
      for (const row of buffered) if (!isBlankRow(row.cells)) yield row;
      buffered.length = 0;
      for await (const row of { [Symbol.asyncIterator]: () => raw }) if (!isBlankRow(row.cells)) yield row;
    }
    return { format, encoding, headerRowNo: headerRow.rowNo, header: checked.header, rows: rows(), close: async () => void (await raw.return(undefined)) };
  } catch (error) {
    await raw.return(undefined).catch(() => {});
    throw error;
  }
}

/**
 * Every row of a spreadsheet, title and header rows included, with the format and encoding
 * detected as for the registry: for files with their own header (e.g. a survey's list of
 * numbers). Throws a SpreadsheetError for a file that cannot be read at all or breaks a limit
 * (413 for size, 422 otherwise), from this call or from the rows.
 *
 * @example
 * const { rows } = await readSheetRows(fs.createReadStream('号码名单.csv'));
 * for await (const row of rows) console.log(row.rowNo, row.cells);
 */
export async function readSheetRows(
  input: AsyncIterable<Buffer | Uint8Array>,
  options: ReadOptions = {},
): Promise<{ format: SheetFormat; encoding: TextEncoding | null; rows: AsyncGenerator<SheetRow> }> {
  const limits: SpreadsheetLimits = { ...SPREADSHEET_LIMITS, ...options.limits };
  const parser = new ParserThread(counted(input, options.onBytes), limits);
  try {
    const meta = await parser.next();
    if (meta.t !== 'meta') throw new Error(`spreadsheet worker: ${meta.t} before meta`);
    return { format: meta.format, encoding: meta.encoding, rows: parser.rows() };
  } catch (error) {
    await parser.stop();
    throw error;
  }
}

/** The required columns, for a sheet where no header was found at all. */
function requiredColumnsIssues(): ProblemIssue[] {
  const result = readHeader([]);
  return result.ok || result.problem !== 'missing' ? [] : result.missing.map((m) => ({ path: 'header', message: m }));
}

async function* counted(input: AsyncIterable<Buffer | Uint8Array>, onBytes?: (n: number) => void): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of input) {
    total += chunk.byteLength;
    onBytes?.(total);
    yield chunk;
  }
}

/** Bytes sent to the worker per message. */
const SEND_BYTES = 64 * 1024;
const WORKER_ENTRY = new URL('./spreadsheet-worker.mjs', import.meta.url);

/**
 * A worker that finished its file cleanly, kept for the next one (starting one costs ~0.3 s: the
 * TypeScript loader, ExcelJS). Unreferenced: it never keeps the process alive.
 */
let idle: { worker: Worker; memoryMb: number } | null = null;

function takeWorker(memoryMb: number): Worker {
  if (idle?.memoryMb === memoryMb) {
    const { worker } = idle;
    idle = null;
    worker.off('error', ignore);
    worker.off('exit', forget);
    worker.ref();
    return worker;
  }
  return new Worker(WORKER_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 } });
}

function keepWorker(worker: Worker, memoryMb: number) {
  if (idle) {
    void worker.terminate();
    return;
  }
  worker.unref();
  worker.on('error', ignore);
  worker.on('exit', forget);
  idle = { worker, memoryMb };
}

const ignore = () => {};
function forget(this: Worker) {
  if (idle?.worker === this) idle = null;
}

/**
 * One parse in its worker thread, seen from the server's side: answers the worker's requests for
 * bytes, hands out its batches of rows, and turns the worker's death (out of memory) or silence
 * (no progress for parserIdleSeconds) into a SpreadsheetError.
 */
class ParserThread {
  private readonly worker: Worker;
  private readonly queue: FromParser[] = [];
  private failure: SpreadsheetError | Error | null = null;
  private waiter: (() => void) | null = null;
  private serving = false;
  private finished = false;
  /** The worker ended the file itself (read to the end, or refused it): it can take another. */
  private clean = false;

  constructor(
    private readonly source: AsyncGenerator<Uint8Array>,
    private readonly limits: SpreadsheetLimits,
  ) {
    this.worker = takeWorker(limits.parserMemoryMb);
    this.worker.on('message', this.onMessage);
    this.worker.on('error', this.onError);
    this.worker.on('exit', this.onExit);
    this.worker.postMessage({ t: 'start', limits } satisfies ToParser);
  }

  private readonly onMessage = (message: FromParser) => {
    if (message.t === 'pull') void this.serve();
    else if (message.t !== 'alive') this.queue.push(message);
    this.wake();
  };

  private readonly onError = (error: Error & { code?: string }) => {
    this.failure =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SpreadsheetError('import_parse_out_of_memory', [], { name: 'parserMemoryMb', value: this.limits.parserMemoryMb }) : error;
    this.wake();
  };

  private readonly onExit = (code: number) => {
    this.finished = true;
    this.failure ??= new Error(`spreadsheet worker exited (code ${code})`);
    this.wake();
  };

  private wake() {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  /** The next bytes of the file to the worker, or their end. */
  private async serve() {
    this.serving = true;
    try {
      // Small chunks are gathered (one message per few bytes would cost more than the bytes).
      const chunks: Uint8Array[] = [];
      let length = 0;
      let done = false;
      while (length < SEND_BYTES) {
        const next = await this.source.next();
        if (next.done) {
          done = true;
          break;
        }
        chunks.push(next.value);
        length += next.value.byteLength;
      }
      if (this.finished) return;
      if (length) {
        // A copy of exactly these bytes, moved to the worker (a view would clone its whole buffer).
        const data = new Uint8Array(length);
        let at = 0;
        for (const chunk of chunks) {
          data.set(chunk, at);
          at += chunk.byteLength;
        }
        this.worker.postMessage({ t: 'chunk', data } satisfies ToParser, [data.buffer]);
      } else if (done) this.worker.postMessage({ t: 'end' } satisfies ToParser);
    } catch (error) {
      // The input itself failed (a read error): the parse cannot go on.
      this.failure ??= error instanceof Error ? error : new Error(String(error));
      void this.stop();
    } finally {
      this.serving = false;
      this.wake();
    }
  }

  /** The worker's next message but `pull` and `alive`; a file-level problem throws. */
  async next(): Promise<Exclude<FromParser, { t: 'pull' | 'alive' }>> {
    const idleMs = this.limits.parserIdleSeconds * 1_000;
    let since = Date.now();
    for (;;) {
      const message = this.queue.shift();
      if (message) {
        if (message.t === 'done' || message.t === 'error') this.clean = true;
        if (message.t === 'error') throw new SpreadsheetError(message.code, message.issues, message.limit);
        if (message.t === 'crash') throw new Error(`spreadsheet worker: ${message.message}`);
        return message as Exclude<FromParser, { t: 'pull' | 'alive' }>;
      }
      if (this.failure) throw this.failure;
      // Waiting for the input is not the worker's silence.
      if (this.serving) since = Date.now();
      const left = since + idleMs - Date.now();
      if (left <= 0) {
        await this.stop();
        throw new SpreadsheetError('import_parse_timeout', [], { name: 'parserIdleSeconds', value: this.limits.parserIdleSeconds });
      }
      let timer: NodeJS.Timeout | undefined;
      const woken = await new Promise<boolean>((resolve) => {
        this.waiter = () => resolve(true);
        timer = setTimeout(() => resolve(false), left);
      });
      clearTimeout(timer);
      if (woken) since = Date.now();
    }
  }

  async *rows(): AsyncGenerator<SheetRow> {
    try {
      for (;;) {
        const message = await this.next();
        if (message.t === 'done') return;
        if (message.t !== 'rows') throw new Error(`spreadsheet worker: unexpected ${message.t}`);
        yield* message.rows;
        this.worker.postMessage({ t: 'next' } satisfies ToParser);
      }
    } finally {
      await this.stop();
    }
  }

  /** Ends the parse: the worker is kept for the next file if it ended this one itself, else stopped. */
  async stop() {
    if (!this.finished) {
      this.finished = true;
      this.worker.off('message', this.onMessage);
      this.worker.off('error', this.onError);
      this.worker.off('exit', this.onExit);
      if (this.clean && !this.serving) keepWorker(this.worker, this.limits.parserMemoryMb);
      else await this.worker.terminate();
    }
    await this.source.return(undefined).catch(() => {});
  }
}
