/**
 * What a backup covers, read from the database's own catalog rather than from schema.ts, so a
 * table added by a future migration is backed up and restored without touching this module.
 *
 * Covered: every ordinary or partitioned table of the `public` schema, with its stored columns,
 * primary key, foreign keys and sequences. Left out, each for a reason:
 * - partitions (their rows are read and written through their partitioned parent);
 * - tables that belong to an extension (CREATE EXTENSION recreates and fills them);
 * - generated columns (PostgreSQL computes them again on insert);
 * - views, materialized views and foreign tables (no data of their own).
 *
 * pg_catalog rather than information_schema: only it tells partitions, extension members,
 * generated columns and sequence ownership apart, and it is the same on PGlite and PostgreSQL.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const BACKUP_SCHEMA = 'public';

export interface CatalogColumn {
  name: string;
  /** As `format_type()` prints it, e.g. `bigint`, `text[]`, `timestamp with time zone`. */
  type: string;
}

export interface CatalogTable {
  name: string;
  partitioned: boolean;
  /** Stored columns in column order (generated columns left out). */
  columns: CatalogColumn[];
  /** Primary-key columns in key order; empty when the table has none. */
  primaryKey: string[];
  /** Other tables this one references through foreign keys. */
  references: string[];
}

export interface CatalogForeignKey {
  table: string;
  name: string;
  /** `pg_get_constraintdef()`: enough to add the constraint again, NOT VALID included. */
  definition: string;
}

export interface CatalogSequence {
  name: string;
  /** The serial or identity column that owns it, if any. */
  table: string | null;
  column: string | null;
}

export interface Catalog {
  /** Referenced tables before the tables that reference them (cycles broken by name). */
  tables: CatalogTable[];
  foreignKeys: CatalogForeignKey[];
  sequences: CatalogSequence[];
}

const notExtensionMember = (oid: string) =>
  sql.raw(`NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`);

/**
 * @example
 * const { tables } = await readCatalog(db);
 * tables.map((t) => t.name); // ['department', 'region', 'app_user', …, 'schema_migration']
 */
export async function readCatalog(db: Kysely<DB>): Promise<Catalog> {
  const tableRows = await sql<{ name: string; relkind: string }>`
    SELECT c.relname AS name, c.relkind::text AS relkind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${BACKUP_SCHEMA} AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${notExtensionMember('c.oid')}
    ORDER BY c.relname`.execute(db);

  const columnRows = await sql<{ table: string; name: string; type: string }>`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${BACKUP_SCHEMA} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`.execute(db);

  const keyRows = await sql<{ table: string; name: string }>`
    SELECT c.relname AS table, a.attname AS name
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
    WHERE n.nspname = ${BACKUP_SCHEMA} AND con.contype = 'p'
    ORDER BY c.relname, k.position`.execute(db);

  // conparentid = 0: a foreign key of a partitioned table, not its copies on the partitions.
  const foreignKeyRows = await sql<{ table: string; referenced: string; name: string; definition: string }>`
    SELECT c.relname AS table, r.relname AS referenced, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_class r ON r.oid = con.confrelid
    WHERE n.nspname = ${BACKUP_SCHEMA} AND con.contype = 'f' AND con.conparentid = 0
    ORDER BY c.relname, con.conname`.execute(db);

  const sequenceRows = await sql<{ name: string; table: string | null; column: string | null }>`
    SELECT s.relname AS name, t.relname AS table, a.attname AS column
    FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    LEFT JOIN pg_class t ON t.oid = d.refobjid
    LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE n.nspname = ${BACKUP_SCHEMA} AND s.relkind = 'S' AND ${notExtensionMember('s.oid')}
    ORDER BY s.relname`.execute(db);

  const names = new Set(tableRows.rows.map((t) => t.name));
  const tables = tableRows.rows.map<CatalogTable>((t) => ({
    name: t.name,
    partitioned: t.relkind === 'p',
    columns: columnRows.rows.filter((c) => c.table === t.name).map((c) => ({ name: c.name, type: c.type })),
    primaryKey: keyRows.rows.filter((k) => k.table === t.name).map((k) => k.name),
    references: [...new Set(foreignKeyRows.rows.filter((f) => f.table === t.name && f.referenced !== t.name && names.has(f.referenced)).map((f) => f.referenced))],
  }));
  return {
    tables: foreignKeyOrder(tables),
    foreignKeys: foreignKeyRows.rows.filter((f) => names.has(f.table)).map((f) => ({ table: f.table, name: f.name, definition: f.definition })),
    sequences: sequenceRows.rows.map((s) => ({ name: s.name, table: s.table, column: s.column })),
  };
}

/**
 * Orders tables so that each comes after the tables it references (Kahn's algorithm, ties by
 * name so the order is stable). Self-references are ignored; tables caught in a cycle follow in
 * name order. Restore does not depend on this order (it drops and re-adds foreign keys), but a
 * file in this order can be loaded table by table by other tools too.
 */
export function foreignKeyOrder<T extends { name: string; references: string[] }>(tables: T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const placed = new Set<string>();
  const ordered: T[] = [];
  const sorted = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (ordered.length < tables.length) {
    const next = sorted.find((t) => !placed.has(t.name) && t.references.every((r) => placed.has(r) || !byName.has(r)));
    const pick = next ?? sorted.find((t) => !placed.has(t.name))!;
    placed.add(pick.name);
    ordered.push(pick);
  }
  return ordered;
}
