/**
 * The Lianxin backup file, format version 2 (version 1, without stored files, is still read): shared by `backupDatabase` (writes it) and
 * `restoreDatabase` (reads it). A logical dump, independent of the driver: a backup taken from
 * PGlite restores into PostgreSQL and the other way round.
 *
 * A gzip'd UTF-8 text of JSON lines, each line ending with '\n':
 *
 *   {"format":"lianxin-backup","formatVersion":1,"createdAt":…,"server":…,"migrations":[…],"tables":[…]}   header
 *   {"type":"table","name":"department"}                  then, per table in the header's order,
 *   ["1","370921","mzj","县民政局","Civil Affairs Bureau"]   one JSON array per row, in primary-key order
 *   …
 *   {"type":"sequences","sequences":[{"name":"region_id_seq","table":"region","column":"id","lastValue":"412","isCalled":true},…]}
 *   {"type":"file","sha256":"…","data":"/9j/4AAQ…"}       version 2: each stored file (visit photos, signatures), base64
 *   {"type":"trailer","rows":{"department":10,…},"files":12,"sha256":"…"}
 *
 * - header.tables lists each table with its columns (`name`, `type` as PostgreSQL prints it) and
 *   primary key, in foreign-key order (referenced tables first).
 * - A row holds its values in the header's column order. Each value is PostgreSQL's own text
 *   form of it (what COPY and pg_dump write), produced under fixed settings (TimeZone UTC,
 *   DateStyle ISO, hex bytea, exact floats) so that it reads back to the identical value; SQL
 *   NULL is JSON null. So jsonb is its text (a JSON null is "null", distinct from SQL NULL),
 *   arrays are '{a,"b c",NULL}', timestamps keep their microseconds, bytea is '\x…'.
 * - A file line holds the bytes of one `stored_file` row's file (kept on disk under FILES_DIR, not
 *   in the database), named by their SHA-256, which the reader checks. A row whose file was missing
 *   from disk at backup time has no line (the backup reports it). Trailer `files` counts them.
 * - sha256 is the SHA-256 (hex) of every byte before the trailer line, after decompression.
 *   Together with the row counts it detects a truncated or altered file. It is a checksum,
 *   not a signature: it does not stop someone who rewrites it on purpose.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { BackupError } from './backup-error.ts';

export const BACKUP_FORMAT = 'lianxin-backup';
export const BACKUP_FORMAT_VERSION = 2;
/** The oldest format version this build still reads. */
const OLDEST_FORMAT_VERSION = 1;
/** Rows per read (keyset page) on backup and per INSERT on restore. */
export const DEFAULT_BATCH_SIZE = 5000;
/** A row line longer than this is taken for corruption rather than buffered. */
const MAX_LINE_BYTES = 256 * 1024 * 1024;

const ZFileLine = z.object({ type: z.literal('file'), sha256: z.string().regex(/^[0-9a-f]{64}$/), data: z.string() });

/**
 * Session settings under which values are written and read as text. Both sides set them, so
 * neither the server's configuration nor the driver changes a value on the way.
 */
export const TEXT_SETTINGS: Record<string, string> = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'postgres',
  bytea_output: 'hex',
  extra_float_digits: '3',
};

/** Applies TEXT_SETTINGS for the current transaction only. */
export async function useTextSettings(trx: Kysely<DB>) {
  for (const [name, value] of Object.entries(TEXT_SETTINGS)) await sql`SELECT set_config(${name}, ${value}, true)`.execute(trx);
}

const ZColumn = z.object({ name: z.string().min(1), type: z.string().min(1) });
const ZTable = z.object({ name: z.string().min(1), columns: z.array(ZColumn), primaryKey: z.array(z.string()) });
const ZHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  server: z.string().optional(),
  migrations: z.array(z.string().regex(/^\d{4}_[a-z0-9_]+$/)),
  tables: z.array(ZTable),
});
const ZTableLine = z.object({ type: z.literal('table'), name: z.string() });
const ZSequence = z.object({
  name: z.string().min(1),
  table: z.string().nullable(),
  column: z.string().nullable(),
  lastValue: z.string().regex(/^-?\d+$/),
  isCalled: z.boolean(),
});
const ZSequencesLine = z.object({ type: z.literal('sequences'), sequences: z.array(ZSequence) });
const ZTrailer = z.object({
  type: z.literal('trailer'),
  rows: z.record(z.string(), z.number().int().nonnegative()),
  files: z.number().int().nonnegative().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupTable = z.infer<typeof ZTable>;
export type BackupHeader = z.infer<typeof ZHeader>;
export type BackupSequence = z.infer<typeof ZSequence>;
export type BackupTrailer = z.infer<typeof ZTrailer>;


/** A backup file by path, or something that opens its (gzip'd) bytes afresh on each call. */
export type BackupSource = string | (() => Readable);

/** What a fully read and checked backup holds. */
export interface BackupSummary {
  header: BackupHeader;
  sequences: BackupSequence[];
  rows: Record<string, number>;
  totalRows: number;
  /** Stored files (visit photos, signatures) the backup holds. */
  files: number;
  sha256: string;
  /** Size of the compressed file. */
  bytes: number;
}

export interface ReadHandlers {
  /** Called with the header before any row: may throw to stop reading. */
  onHeader?(header: BackupHeader): void | Promise<void>;
  /** Each row line, already checked: a JSON array of strings and nulls, one per column. */
  onRow?(table: BackupTable, line: string): void | Promise<void>;
  /** After the last row of a table. */
  onTableEnd?(table: BackupTable, rows: number): void | Promise<void>;
  /** Each stored file, its content already checked against its name. */
  onFile?(file: { sha256: string; bytes: Buffer }): void | Promise<void>;
  /** Compressed bytes read so far, and the file size when known. */
  onBytes?(bytes: number, totalBytes: number | null): void;
}

const corrupt = (line: number, what: string) => new BackupError('corrupt', `The backup file is damaged (line ${line}: ${what}).`);

function parseLine<T>(schema: z.ZodType<T>, text: string, line: number, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw corrupt(line, 'not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw corrupt(line, `not a valid ${what}`);
  return parsed.data;
}

function parseHeader(text: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const v = value as { format?: unknown; formatVersion?: unknown } | undefined;
  if (!v || typeof v !== 'object' || v.format !== BACKUP_FORMAT) {
    throw new BackupError('not_a_backup', 'This file is not a Lianxin backup (its first line is not a lianxin-backup header).');
  }
  if (typeof v.formatVersion === 'number' && v.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      'format_too_new',
      `This backup uses format version ${v.formatVersion}; this build of Lianxin reads version ${BACKUP_FORMAT_VERSION}. Upgrade Lianxin to restore it.`,
    );
  }
  const header = parseLine(ZHeader, text, 1, 'backup header');
  if (header.formatVersion < OLDEST_FORMAT_VERSION || header.formatVersion > BACKUP_FORMAT_VERSION) throw corrupt(1, `unknown format version ${header.formatVersion}`);
  const names = header.tables.map((t) => t.name);
  if (new Set(names).size !== names.length) throw corrupt(1, 'a table is listed twice');
  return header;
}

/** Splits a byte stream into lines (without their '\n'); a last line without '\n' means truncation. */
async function* splitLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      if (pendingBytes > 0) {
        pending.push(piece);
        yield Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
      } else {
        yield piece;
      }
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_LINE_BYTES) throw new BackupError('corrupt', 'The backup file is damaged (a line is implausibly long).');
    }
  }
  if (pendingBytes > 0) throw new BackupError('truncated', 'The backup file is incomplete: it ends in the middle of a line.');
}

function openSource(source: BackupSource): { input: Readable; totalBytes: number | null } {
  if (typeof source !== 'string') return { input: source(), totalBytes: null };
  let totalBytes: number;
  try {
    totalBytes = fs.statSync(source).size;
  } catch (error) {
    throw new BackupError('file_unreadable', `Cannot read the backup file ${source}: ${(error as Error).message}`);
  }
  return { input: fs.createReadStream(source), totalBytes };
}

function translateStreamError(error: unknown): unknown {
  if (error instanceof BackupError) return error;
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR') return new BackupError('truncated', 'The backup file is incomplete: the compressed data ends early.');
  if (e.code === 'Z_DATA_ERROR') return new BackupError('corrupt', `The backup file is not valid gzip data (${e.message}).`);
  if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') return new BackupError('file_unreadable', `Cannot read the backup file: ${e.message}`);
  return error;
}

/**
 * Reads a backup from start to end, checking everything: header, the table sections and their
 * order, the shape of every row, the row counts and the checksum in the trailer. Handlers see
 * the content as it streams; the summary is returned only when the whole file is good.
 *
 * @example
 * const summary = await readBackup('lianxin.jsonl.gz', {}); // throws BackupError when damaged
 * summary.rows.region; // 412
 */
export async function readBackup(source: BackupSource, handlers: ReadHandlers): Promise<BackupSummary> {
  const { input, totalBytes } = openSource(source);
  let bytes = 0;
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    handlers.onBytes?.(bytes, totalBytes);
  });
  const gunzip = pipeline(input, zlib.createGunzip(), () => {});
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const hash = crypto.createHash('sha256');
  let header: BackupHeader | undefined;
  let tableIndex = -1;
  let table: BackupTable | undefined;
  let tableRows = 0;
  const rows: Record<string, number> = {};
  let sequences: BackupSequence[] | undefined;
  let trailer: BackupTrailer | undefined;
  let lineNumber = 0;
  let files = 0;

  const endTable = async () => {
    if (!table) return;
    rows[table.name] = tableRows;
    await handlers.onTableEnd?.(table, tableRows);
    table = undefined;
  };

  try {
    for await (const raw of splitLines(gunzip)) {
      lineNumber++;
      if (trailer) throw corrupt(lineNumber, 'content after the trailer');
      let text: string;
      try {
        text = decoder.decode(raw);
      } catch {
        throw corrupt(lineNumber, 'not UTF-8 text');
      }
      if (!header) {
        header = parseHeader(text);
        hash.update(raw).update('\n');
        await handlers.onHeader?.(header);
        continue;
      }
      if (text.startsWith('[')) {
        if (!table) throw corrupt(lineNumber, 'a row outside of a table section');
        let values: unknown;
        try {
          values = JSON.parse(text);
        } catch {
          throw corrupt(lineNumber, 'not valid JSON');
        }
        if (!Array.isArray(values) || values.length !== table.columns.length || !values.every((v) => v === null || typeof v === 'string')) {
          throw corrupt(lineNumber, `a row of ${table.name} does not match its ${table.columns.length} columns`);
        }
        hash.update(raw).update('\n');
        tableRows++;
        await handlers.onRow?.(table, text);
        continue;
      }
      const kind = (() => {
        try {
          return (JSON.parse(text) as { type?: unknown }).type;
        } catch {
          throw corrupt(lineNumber, 'not valid JSON');
        }
      })();
      if (kind === 'table') {
        const line = parseLine(ZTableLine, text, lineNumber, 'table line');
        await endTable();
        const expected = header.tables[tableIndex + 1];
        if (sequences || !expected || expected.name !== line.name) throw corrupt(lineNumber, `unexpected section for table ${line.name}`);
        tableIndex++;
        table = expected;
        tableRows = 0;
        hash.update(raw).update('\n');
      } else if (kind === 'sequences') {
        const line = parseLine(ZSequencesLine, text, lineNumber, 'sequences line');
        await endTable();
        if (sequences || tableIndex !== header.tables.length - 1) throw corrupt(lineNumber, 'sequences before every table was seen');
        sequences = line.sequences;
        hash.update(raw).update('\n');
      } else if (kind === 'file') {
        const line = parseLine(ZFileLine, text, lineNumber, 'file line');
        if (!sequences || header.formatVersion < 2) throw corrupt(lineNumber, 'a file before the sequences');
        const bytes = Buffer.from(line.data, 'base64');
        if (crypto.createHash('sha256').update(bytes).digest('hex') !== line.sha256) throw corrupt(lineNumber, `file ${line.sha256} does not match its hash`);
        hash.update(raw).update('\n');
        files++;
        await handlers.onFile?.({ sha256: line.sha256, bytes });
      } else if (kind === 'trailer') {
        trailer = parseLine(ZTrailer, text, lineNumber, 'trailer');
        if (!sequences) throw corrupt(lineNumber, 'trailer before the sequences');
      } else {
        throw corrupt(lineNumber, 'unknown line');
      }
    }
  } catch (error) {
    input.destroy();
    throw translateStreamError(error);
  }

  if (!header) throw new BackupError('not_a_backup', 'This file is empty: it is not a Lianxin backup.');
  if (!trailer || !sequences) throw new BackupError('truncated', `The backup file is incomplete: it ends after line ${lineNumber}, before its trailer.`);
  const sha256 = hash.digest('hex');
  if (sha256 !== trailer.sha256) throw new BackupError('checksum_mismatch', 'The backup file is damaged: its content does not match its SHA-256 checksum.');
  const expectedTables = Object.keys(trailer.rows).sort();
  const seenTables = Object.keys(rows).sort();
  if (expectedTables.join('\n') !== seenTables.join('\n') || seenTables.some((t) => rows[t] !== trailer.rows[t])) {
    throw new BackupError('corrupt', 'The backup file is damaged: its row counts do not match its trailer.');
  }
  if ((trailer.files ?? 0) !== files) throw new BackupError('corrupt', 'The backup file is damaged: its stored files do not match its trailer.');
  return { header, sequences, rows, totalRows: Object.values(rows).reduce((a, b) => a + b, 0), files, sha256, bytes };
}
