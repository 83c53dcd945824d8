/**
 * Test helpers for the backup tests (not shipped code): read every table of a database
 * independently of the backup module, and craft damaged backup files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface TableSnapshot {
  /** SELECT * in primary-key order, as the driver returns it (Dates, parsed JSON, arrays…). */
  rows: Record<string, unknown>[];
  /** The same rows as PostgreSQL prints a whole row (`t::text`): exact to the microsecond and the byte. */
  text: string[];
  /** Column name → information_schema data_type. */
  types: Record<string, string>;
}

export interface DatabaseSnapshot {
  tables: Record<string, TableSnapshot>;
  /** Every key, foreign key, unique, check and exclusion constraint, as PostgreSQL prints it. */
  constraints: string[];
  sequences: Record<string, { last_value: string; is_called: boolean }>;
}

/**
 * Every base table of the public schema (found through information_schema, not through the
 * backup module's own catalog code) and every sequence, identity sequences included.
 */
export async function snapshotDatabase(db: Kysely<DB>): Promise<DatabaseSnapshot> {
  return db.transaction().execute(async (trx) => {
    for (const [name, value] of [
      ['TimeZone', 'UTC'],
      ['DateStyle', 'ISO, YMD'],
      ['IntervalStyle', 'postgres'],
      ['extra_float_digits', '3'],
      ['bytea_output', 'hex'],
    ]) {
      await sql`SELECT set_config(${name}, ${value}, true)`.execute(trx);
    }
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(trx);
    const snapshot: DatabaseSnapshot = { tables: {}, constraints: [], sequences: {} };
    // NOT NULL constraints left out: only PostgreSQL 18 lists them here.
    const constraints = await sql<{ text: string }>`
      SELECT c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) || CASE WHEN con.convalidated THEN '' ELSE ' (not validated)' END AS text
      FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND con.contype IN ('p', 'f', 'u', 'c', 'x')`.execute(trx);
    snapshot.constraints = constraints.rows.map((r) => r.text).sort();
    for (const { name } of tables.rows) {
      const key = await sql<{ column_name: string; data_type: string }>`
        SELECT kcu.column_name, c.data_type
        FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu
          ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
        JOIN information_schema.columns c ON c.table_schema = tc.table_schema AND c.table_name = tc.table_name AND c.column_name = kcu.column_name
        WHERE tc.table_schema = 'public' AND tc.table_name = ${name} AND tc.constraint_type = 'PRIMARY KEY'
        ORDER BY kcu.ordinal_position`.execute(trx);
      // Text keys in byte order, so servers with different collations sort alike.
      const order = key.rows.length
        ? sql.join(key.rows.map((k) => (/char|text/.test(k.data_type) ? sql`${sql.ref(`t.${k.column_name}`)} COLLATE "C"` : sql.ref(`t.${k.column_name}`))))
        : sql`t::text COLLATE "C"`;
      const { rows } = await sql<Record<string, unknown>>`SELECT t.*, t::text AS "__text" FROM ${sql.table(`public.${name}`)} AS t ORDER BY ${order}`.execute(trx);
      const columns = await sql<{ column_name: string; data_type: string }>`
        SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${name}`.execute(trx);
      snapshot.tables[name] = {
        rows: rows.map(({ __text: _, ...rest }) => rest),
        text: rows.map((r) => r.__text as string),
        types: Object.fromEntries(columns.rows.map((c) => [c.column_name, c.data_type])),
      };
    }
    // pg_class, not information_schema.sequences: that view leaves identity columns' sequences out.
    const sequences = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`.execute(trx);
    for (const { name } of sequences.rows) {
      const { rows } = await sql<{ last_value: string; is_called: boolean }>`SELECT last_value::text AS last_value, is_called FROM ${sql.table(`public.${name}`)}`.execute(trx);
      snapshot.sequences[name] = rows[0]!;
    }
    return snapshot;
  });
}

/** The decompressed lines of a backup file (without the final empty one). */
export function readBackupLines(file: string): string[] {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').slice(0, -1);
}

/**
 * Writes lines as a backup file. With `rehash`, the trailer gets a correct checksum for the
 * new content: a file that is consistent but says something else (to test what lies beyond
 * the checksum).
 */
export function writeBackupLines(file: string, lines: string[], options: { rehash?: boolean } = {}) {
  let out = lines;
  if (options.rehash) {
    const body = lines.slice(0, -1);
    const hash = crypto.createHash('sha256');
    for (const line of body) hash.update(`${line}\n`);
    const trailer = JSON.parse(lines.at(-1)!) as { sha256: string };
    out = [...body, JSON.stringify({ ...trailer, sha256: hash.digest('hex') })];
  }
  fs.writeFileSync(file, zlib.gzipSync(`${out.join('\n')}\n`));
}

/**
 * SELECT * rows in a form both drivers agree on. They hand some types over differently (pg: a
 * Buffer for bytea and an interval object; PGlite: a Uint8Array and the interval's text), so bytea
 * becomes hex and intervals are left out here: the exact text form compares them.
 */
export function driverNeutralRows(table: TableSnapshot): Record<string, unknown>[] {
  return table.rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([column]) => table.types[column] !== 'interval')
        .map(([column, value]) => [column, value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value]),
    ),
  );
}
