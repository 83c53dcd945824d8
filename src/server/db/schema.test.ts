/**
 * `schema.ts` is kept by hand beside the migrations; this test holds it to the database the
 * migrations build, on every dialect: the same tables and columns, `| null` exactly where a column
 * is nullable, `Generated<…>` only where the database fills a value in, a TypeScript type that
 * matches what the driver returns for the SQL type (bigint, numeric and date as strings, see
 * `database.ts`), a string-literal union exactly where a CHECK constraint lists the values, and
 * every JSON column's schema in `json-columns.ts`.
 * A migration that adds a column without its interface line fails here, not in production.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import { JSON_COLUMNS } from './json-columns.ts';

interface DeclaredColumn {
  generated: boolean;
  nullable: boolean;
  /** The type with `Generated<>` and `| null` taken off. */
  base: string;
  /** The values of a string-literal union, sorted; null for other types. */
  literals: string[] | null;
}

const SCHEMA_FILE = path.resolve(import.meta.dirname, 'schema.ts');

/** The tables of `interface DB` and the columns of each table's interface, as written. */
function declaredTables(): Map<string, Map<string, DeclaredColumn>> {
  const source = ts.createSourceFile(SCHEMA_FILE, fs.readFileSync(SCHEMA_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map(source.statements.filter(ts.isInterfaceDeclaration).map((i) => [i.name.text, i]));
  const members = (i: ts.InterfaceDeclaration) => i.members.filter(ts.isPropertySignature).map((m) => ({ name: m.name.getText(source), type: m.type! }));
  const tables = new Map<string, Map<string, DeclaredColumn>>();
  for (const table of members(interfaces.get('DB')!)) {
    const declaration = interfaces.get(table.type.getText(source))!;
    tables.set(table.name, new Map(members(declaration).map((c) => [c.name, describeType(c.type, source)])));
  }
  return tables;
}

function describeType(node: ts.TypeNode, source: ts.SourceFile): DeclaredColumn {
  let type = node;
  let generated = false;
  if (ts.isTypeReferenceNode(type) && type.typeName.getText(source) === 'Generated') {
    generated = true;
    type = type.typeArguments![0]!;
  }
  let parts = ts.isUnionTypeNode(type) ? [...type.types] : [type];
  const nullable = parts.some((p) => p.getText(source) === 'null');
  parts = parts.filter((p) => p.getText(source) !== 'null');
  const literals = parts.every((p) => ts.isLiteralTypeNode(p) && ts.isStringLiteral(p.literal))
    ? parts.map((p) => ((p as ts.LiteralTypeNode).literal as ts.StringLiteral).text).sort()
    : null;
  return { generated, nullable, base: parts.map((p) => p.getText(source)).join(' | '), literals };
}

/** The TypeScript types a column of this SQL type may be declared as, given the drivers' parsers. */
const TYPES_FOR: Record<string, RegExp> = {
  int8: /^string$/,
  numeric: /^(string|Numeric|NumericWithDefault)$/,
  int4: /^number$/,
  int2: /^number$/,
  float8: /^number$/,
  bool: /^boolean$/,
  text: /^string$/,
  varchar: /^string$/,
  bpchar: /^string$/,
  uuid: /^string$/,
  inet: /^string$/,
  bytea: /^(Buffer|Uint8Array)$/,
  date: /^(DateOnly|string)$/,
  timestamptz: /^(Timestamp|RequiredTimestamp|Date)$/,
  jsonb: /^Json(<.+>)?$/,
  json: /^Json(<.+>)?$/,
  _text: /^string\[\]$/,
};

for (const dialect of DIALECTS) {
  describe(`schema.ts against the migrated database [${dialect.name}]`, () => {
    it('declares every table and column the migrations create, with the driver’s types, nullability, defaults and allowed values', async () => {
      const database = await dialect.open();
      try {
        const { rows: columns } = await sql<{ table_name: string; column_name: string; udt_name: string; is_nullable: 'YES' | 'NO'; has_default: boolean }>`
          SELECT table_name, column_name, udt_name, is_nullable, (column_default IS NOT NULL OR is_identity = 'YES') AS has_default
          FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
          ORDER BY table_name, ordinal_position`.execute(database.db);
        const { rows: checks } = await sql<{ table_name: string; definition: string }>`
          SELECT rel.relname AS table_name, pg_get_constraintdef(con.oid) AS definition
          FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
          WHERE con.contype = 'c' AND ns.nspname = current_schema()`.execute(database.db);

        const declared = declaredTables();
        const actualTables = [...new Set(columns.map((c) => c.table_name))].sort();
        expect([...declared.keys()].sort(), 'tables in interface DB').toEqual(actualTables);

        const problems: string[] = [];
        for (const table of actualTables) {
          const actual = columns.filter((c) => c.table_name === table);
          const written = declared.get(table)!;
          expect([...written.keys()].sort(), `columns of ${table}`).toEqual(actual.map((c) => c.column_name).sort());
          for (const column of actual) {
            const d = written.get(column.column_name)!;
            const where = `${table}.${column.column_name}`;
            if (d.nullable !== (column.is_nullable === 'YES')) problems.push(`${where}: ${column.is_nullable === 'YES' ? 'nullable, declare `| null`' : 'NOT NULL, drop `| null`'}`);
            // `Timestamp` and `NumericWithDefault` let an insert leave the column out, as Generated<> does.
            const optionalOnInsert = d.generated || ['Timestamp', 'NumericWithDefault'].includes(d.base);
            if (optionalOnInsert && !column.has_default) problems.push(`${where}: optional on insert (${d.generated ? 'Generated<>' : d.base}) but the database has no default`);
            const allowed = TYPES_FOR[column.udt_name];
            if (!allowed) problems.push(`${where}: no rule for SQL type ${column.udt_name} in this test`);
            else if (!d.literals && !allowed.test(d.base)) problems.push(`${where}: SQL ${column.udt_name} is declared ${d.base}`);
            else if (['json', 'jsonb'].includes(column.udt_name) && !(where in JSON_COLUMNS)) problems.push(`${where}: a JSON column without its schema in json-columns.ts`);
            else if (d.literals && !['text', 'varchar'].includes(column.udt_name)) problems.push(`${where}: a string-literal union over SQL ${column.udt_name}`);
            // A CHECK that lists the column's values (`col = ANY (ARRAY['a'::text, …])` or `col IN (…)`).
            const listing = checks
              .filter((c) => c.table_name === table)
              .map((c) => new RegExp(`\\(?\\b${column.column_name}\\b\\)?(?:::text)? = ANY \\(+ARRAY\\[([^\\]]+)\\]`).exec(c.definition)?.[1])
              .find(Boolean);
            const listed = listing ? [...listing.matchAll(/'([^']*)'/g)].map((m) => m[1]!).sort() : null;
            if (listed && d.literals) {
              if (JSON.stringify(listed) !== JSON.stringify(d.literals)) problems.push(`${where}: CHECK allows ${listed.join(', ')}; declared ${d.literals.join(', ')}`);
            } else if (listed && d.base !== 'string[]') problems.push(`${where}: CHECK allows only ${listed.join(', ')}; declare them as a union`);
            else if (d.literals && !listed) problems.push(`${where}: declared as ${d.literals.join(' | ')} but no CHECK constraint lists the values`);
          }
        }
        expect(problems).toEqual([]);
      } finally {
        await database.close();
      }
    });
  });
}
