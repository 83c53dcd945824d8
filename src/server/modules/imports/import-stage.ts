/**
 * The staging table: every row of the file, already validated and with its personal numbers
 * encrypted and hashed, in a TEMP table where set-based SQL checks and merges it. Rows with
 * problems are staged too (hashes and keys only), so that the checks still see them: the same ID
 * number twice, a household with a bad row.
 */
import { sql } from 'kysely';
import { maskIdNumber } from '../../../shared/registry/id-number.ts';
import { validateImportRow, type ImportRow, type RowContext, type RowIssue } from '../../../shared/registry/import-row.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import type { SheetRow } from '../../spreadsheets/index.ts';
import { nameColumns, protectIdNumber, protectPhone } from '../registry/index.ts';
import type { ImportSession } from './import-session.ts';

export interface StageRow {
  row_no: number;
  bad: boolean;
  county_code: string | null;
  village_id: string | null;
  household_no: string | null;
  address: string;
  latitude: string | null;
  longitude: string | null;
  notes: string;
  name: string | null;
  name_pinyin: string | null;
  name_initials: string | null;
  gender: 'M' | 'F' | null;
  birth_date: string | null;
  relationship: string | null;
  id_hash: string | null;
  id_cipher: string | null;
  id_masked: string | null;
  id_tail: string | null;
  /** The protected phones, 'kind|hash|cipher|masked|tail' joined by ';' (null: none). */
  phones: string | null;
  /** Category codes joined by ',' (null: none). */
  hardship: string | null;
}

const COLUMNS = [
  'row_no',
  'bad',
  'county_code',
  'village_id',
  'household_no',
  'address',
  'latitude',
  'longitude',
  'notes',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'birth_date',
  'relationship',
  'id_hash',
  'id_cipher',
  'id_masked',
  'id_tail',
  'phones',
  'hardship',
] as const satisfies readonly (keyof StageRow)[];

/**
 * The TEMP tables of one import. Named per job, because on PGlite every import shares the one
 * session (and its TEMP schema). Only `rows` outlives the transaction; the others are created
 * in it ON COMMIT DROP.
 */
export interface StageNames {
  /** One row per file row: what phase 1 stages. */
  rows: string;
  /** The rows with the registry's matches and the checks' flags. */
  checked: string;
  /** One row per household of the file. */
  households: string;
  /** Existing households the merge changed, with their fields before. */
  householdsChanged: string;
  /** Good rows with their household and resident ids. */
  good: string;
  residentsChanged: string;
  phonesAdded: string;
  labelsAdded: string;
  /** One row per household of the file: what happened to it. */
  outcomes: string;
}

/** @example stageNames('3f2a…').rows; // 'import_rows_3f2a…' */
export const stageNames = (jobId: string): StageNames => {
  const suffix = jobId.replace(/[^0-9a-f]/gi, '').toLowerCase();
  const name = (part: string) => `import_${part}_${suffix}`;
  return {
    rows: name('rows'),
    checked: name('checked'),
    households: name('households'),
    householdsChanged: name('hchanged'),
    good: name('good'),
    residentsChanged: name('rchanged'),
    phonesAdded: name('phones'),
    labelsAdded: name('labels'),
    outcomes: name('outcomes'),
  };
};

/**
 * Creates the (empty) TEMP table phase 1 stages into.
 *
 * @example
 * await createStage(session, stageNames(jobId));
 */
export async function createStage(session: ImportSession, names: StageNames) {
  await sql`
    CREATE TEMP TABLE ${sql.id(names.rows)} (
      row_no integer NOT NULL,
      bad boolean NOT NULL,
      county_code text,
      village_id bigint,
      household_no text,
      address text NOT NULL,
      latitude numeric(9, 6),
      longitude numeric(9, 6),
      notes text NOT NULL,
      name text,
      name_pinyin text,
      name_initials text,
      gender text,
      birth_date date,
      relationship text,
      id_hash text,
      id_cipher text,
      id_masked text,
      id_tail text,
      -- Lists as delimited text, split only at merge time: PGlite parses array literals slowly.
      phones text,
      hardship text
    )`.execute(session.db);
}

/**
 * Drops every TEMP table of the import (those created ON COMMIT DROP are gone already after a commit).
 *
 * @example
 * await dropStage(session, names);
 */
export async function dropStage(session: ImportSession, names: StageNames) {
  await sql`DROP TABLE IF EXISTS ${sql.join(Object.values(names).map((n) => sql.id(n)))}`.execute(session.db);
}

/** Names repeat a lot in a county; their pinyin is the same every time. Bounded, so memory is too. */
const pinyinCache = new Map<string, ReturnType<typeof nameColumns>>();
const PINYIN_CACHE_SIZE = 20_000;

function cachedNameColumns(name: string) {
  let columns = pinyinCache.get(name);
  if (!columns) {
    if (pinyinCache.size >= PINYIN_CACHE_SIZE) pinyinCache.clear();
    columns = nameColumns(name);
    pinyinCache.set(name, columns);
  }
  return columns;
}

/**
 * What a validated row stages. A row with problems is never written, so it is not encrypted:
 * only its lookup hash and masked ID number are kept, for the duplicate checks and the report.
 *
 * @example
 * batch.push(toStageRow(validateImportRow(cells, rowNo, context), cipher));
 */
export function toStageRow(row: ImportRow, cipher: FieldCipher): StageRow {
  const bad = row.issues.length > 0;
  const id = row.idNumber ? (bad ? { id_number_hash: cipher.lookupHash('id', row.idNumber), id_number_cipher: null, id_number_masked: null, id_number_tail: null } : protectIdNumber(cipher, row.idNumber)) : null;
  const phones = bad ? [] : row.phones.map((p) => protectPhone(cipher, p.phone, p.kind));
  const names = !bad && row.name ? cachedNameColumns(row.name) : null;
  return {
    row_no: row.rowNo,
    bad,
    county_code: row.village?.countyCode ?? null,
    village_id: row.village?.id ?? null,
    household_no: row.householdNo,
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    notes: row.notes,
    name: names?.name ?? null,
    name_pinyin: names?.name_pinyin ?? null,
    name_initials: names?.name_initials ?? null,
    gender: row.gender,
    birth_date: row.birthDate,
    relationship: row.relationship,
    id_hash: id?.id_number_hash ?? null,
    id_cipher: id?.id_number_cipher ?? null,
    // Masked even for a bad row: the duplicate check reports it.
    id_masked: id?.id_number_masked ?? (row.idNumber ? maskIdNumber(row.idNumber) : null),
    id_tail: id?.id_number_tail ?? null,
    // None of these contain | or ; (base64url, digits, '*', '.') nor the codes a comma.
    phones: phones.length ? phones.map((p) => `${p.kind}|${p.phone_hash}|${p.phone_cipher}|${p.phone_masked}|${p.phone_tail}`).join(';') : null,
    hardship: bad || !row.hardship.length ? null : row.hardship.join(','),
  };
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const copyText = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!);

/** A value in COPY's text format. */
function copyValue(value: StageRow[keyof StageRow]): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return copyText(String(value));
}

/** A row as a line of COPY text. */
const copyLine = (row: StageRow) => `${COLUMNS.map((c) => copyValue(row[c])).join('\t')}\n`;

/** A batch of rows validated, protected and written as COPY text: what a row worker sends back. */
export interface StagedBatch {
  /** One COPY line per row, in the file's order. */
  text: string;
  rows: number;
  /** Rows without problems of their own. */
  valid: number;
  /** The rows with problems, in order: row number and its issues. */
  issues: [number, RowIssue[]][];
}

/**
 * Validates, protects and formats a batch of rows, exactly as the import does one row at a time
 * (validateImportRow, toStageRow, a COPY line each). Pure but for the cipher's random IVs.
 *
 * @example
 * const staged = stageBatch([{ rowNo: 2, cells }], { header, directory, today: '2026-05-01' }, cipher);
 * staged.issues; // [[2, [{ column: '身份证号', value: '370921********1234', problem: 'id_check_character' }]]] or []
 */
export function stageBatch(rows: readonly SheetRow[], context: RowContext, cipher: FieldCipher): StagedBatch {
  let text = '';
  let valid = 0;
  const issues: [number, RowIssue[]][] = [];
  for (const { rowNo, cells } of rows) {
    const row = validateImportRow(cells, rowNo, context);
    if (row.issues.length === 0) valid++;
    else issues.push([rowNo, row.issues]);
    text += copyLine(toStageRow(row, cipher));
  }
  return { text, rows: rows.length, valid, issues };
}

/** COPY text gathered before it is sent: small enough that rows die young, large enough to fill a packet. */
const COPY_CHUNK_CHARS = 64 * 1024;

/** Stages rows one by one; `close` sends what is left and must be awaited before the rows are read. */
export interface StageWriter {
  /** A promise when the caller should wait before adding more. */
  add(row: StageRow): Promise<void> | null;
  /** Rows already written as COPY text (stageBatch); only for a session that has COPY. */
  addLines(text: string, rows: number): Promise<void> | null;
  close(): Promise<void>;
}

/**
 * Stages rows as they are validated. On PostgreSQL one COPY stays open for the whole file and
 * takes the rows in chunks of about 64 KB: no batch of row objects lives long enough to be
 * promoted to the old generation of the heap, which kept the importing process above 300 MB
 * with batches of 2,000. Elsewhere (PGlite) rows are written in batches of `batchRows`, one
 * statement each, so that other requests get their turn in between.
 *
 * @example
 * const writer = openStageWriter(session, names, 2_000);
 * for (const row of rows) await writer.add(row);
 * await writer.close();
 */
export function openStageWriter(session: ImportSession, names: StageNames, batchRows: number): StageWriter {
  if (session.openCopy) {
    const copy = session.openCopy(names.rows, COLUMNS);
    let text = '';
    const addLines = (lines: string) => {
      text += lines;
      if (text.length < COPY_CHUNK_CHARS) return null;
      const chunk = text;
      text = '';
      return copy.write(chunk);
    };
    return {
      add: (row) => addLines(copyLine(row)),
      addLines,
      async close() {
        if (text) await copy.write(text);
        text = '';
        await copy.end();
      },
    };
  }
  let batch: StageRow[] = [];
  // Lines from stageBatch, sent in one COPY per batchRows rows (PGlite).
  let lines = '';
  let lineRows = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await writeStageRows(session, names, rows);
  };
  const flushLines = async () => {
    const text = lines;
    lines = '';
    lineRows = 0;
    if (text) await session.copy!(names.rows, COLUMNS, text);
  };
  return {
    add(row) {
      batch.push(row);
      return batch.length >= batchRows ? flush() : null;
    },
    addLines(text, rows) {
      if (!session.copy) throw new Error('COPY text needs a session with COPY');
      lines += text;
      lineRows += rows;
      return lineRows >= batchRows ? flushLines() : null;
    },
    close: async () => {
      await flush();
      await flushLines();
    },
  };
}

/**
 * Writes a batch of rows in one statement: COPY where the session has it, else one INSERT of a JSON array.
 *
 * @example
 * await writeStageRows(session, names, batch);
 */
export async function writeStageRows(session: ImportSession, names: StageNames, rows: StageRow[]) {
  if (!rows.length) return;
  if (session.copy) {
    let text = '';
    for (const row of rows) text += copyLine(row);
    await session.copy(names.rows, COLUMNS, text);
    return;
  }
  const table = sql.id(names.rows);
  const columns = sql.join(COLUMNS.map((c) => sql.id(c)));
  await sql`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${table}, ${JSON.stringify(rows)}::json)`.execute(session.db);
}

/**
 * TEMP tables get no statistics from autovacuum: without them the planner guesses the joins
 * badly. Only the join keys: statistics of the ciphertext columns would cost more than they help.
 *
 * @example
 * await analyzeStage(session, names); // once the last row is staged
 */
export async function analyzeStage(session: ImportSession, names: StageNames) {
  await sql`ANALYZE ${sql.id(names.rows)} (county_code, household_no, id_hash, village_id)`.execute(session.db);
}
