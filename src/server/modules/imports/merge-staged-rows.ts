/**
 * Writes the good checked rows into the registry, set-based, inside the import's transaction:
 * households upserted by (county_code, 户编号), residents by (county_code, ID-number hash),
 * phones added if missing, hardship labels added when no open label of the category exists
 * (categories on the head's row label the household, on another member's row that member).
 * Only what differs is updated, so importing the same file again changes nothing; every row
 * and household ends up counted as inserted, updated or unchanged, and each inserted or updated
 * household gets one audit entry (no personal numbers in it).
 *
 * An empty optional cell (address, coordinates, notes) keeps what the registry has: a file that
 * leaves a column blank does not erase it. Residents missing from the file stay as they are. A
 * household whose 户编号 the registry has in another village of the importer's scope moves to
 * the file's village (its audit entry shows both).
 *
 * What changed is collected with INSERT … RETURNING into small TEMP tables (ON COMMIT DROP),
 * never by UPDATEs of the staged rows, which would rewrite a million rows each time.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { HEAD_RELATIONSHIP } from '../../../shared/registry/import-columns.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditSource } from '../audit/index.ts';
import type { StageNames } from './import-stage.ts';

export interface MergeContext {
  trx: Kysely<DB>;
  names: StageNames;
  jobId: string;
  /** Date the labels start (the import's date in Asia/Shanghai). */
  today: string;
  /** household_hardship.source of added labels: 'import:' + file name. */
  labelSource: string;
  userId: string | null;
  audit: AuditSource;
}

export interface MergeCounts {
  rows: { inserted: number; updated: number; unchanged: number };
  households: { inserted: number; updated: number; unchanged: number };
  phonesAdded: number;
  labelsAdded: number;
}

/**
 * @example
 * const counts = await mergeStagedRows({ trx, names, jobId, today: '2026-05-01', labelSource: 'import:台账.xlsx', userId, audit });
 */
export async function mergeStagedRows(ctx: MergeContext): Promise<MergeCounts> {
  const { trx, names } = ctx;
  const run = (query: RawBuilder<unknown>) => query.execute(trx);
  const checked = sql.id(names.checked);
  const hh = sql.id(names.households);
  const hchanged = sql.id(names.householdsChanged);
  const good = sql.id(names.good);
  const rchanged = sql.id(names.residentsChanged);
  const phones = sql.id(names.phonesAdded);
  const labels = sql.id(names.labelsAdded);
  const isGood = sql`NOT (c.bad_own OR c.f_incomplete)`;

  // One line per household of the file; its fields from the first row that has them.
  await run(sql`
    CREATE TEMP TABLE ${hh} ON COMMIT DROP AS
    SELECT c.county_code, c.household_no, min(c.village_id) AS village_id, min(c.household_id) AS existing_id,
      (array_agg(c.address ORDER BY c.row_no) FILTER (WHERE c.address <> ''))[1] AS address,
      (array_agg(c.latitude ORDER BY c.row_no) FILTER (WHERE c.latitude IS NOT NULL))[1] AS latitude,
      (array_agg(c.longitude ORDER BY c.row_no) FILTER (WHERE c.latitude IS NOT NULL))[1] AS longitude,
      (array_agg(c.notes ORDER BY c.row_no) FILTER (WHERE c.notes <> ''))[1] AS notes
    FROM ${checked} c WHERE ${isGood} GROUP BY c.county_code, c.household_no`);

  // New households, in a stable order so that ids follow the file.
  await run(sql`
    INSERT INTO household (county_code, village_id, household_no, address, latitude, longitude, notes)
    SELECT county_code, village_id, household_no, coalesce(address, ''), latitude, longitude, coalesce(notes, '')
    FROM ${hh} WHERE existing_id IS NULL ORDER BY county_code, household_no`);

  // Existing ones, only where something differs; `prev` is the row as it was, for the audit entry.
  await run(sql`CREATE TEMP TABLE ${hchanged} (id bigint PRIMARY KEY, before jsonb) ON COMMIT DROP`);
  await run(sql`
    WITH upd AS (
      UPDATE household h SET
        village_id = x.village_id,
        address = coalesce(x.address, h.address),
        latitude = CASE WHEN x.latitude IS NULL THEN h.latitude ELSE x.latitude END,
        longitude = CASE WHEN x.latitude IS NULL THEN h.longitude ELSE x.longitude END,
        notes = coalesce(x.notes, h.notes),
        updated_at = now()
      FROM ${hh} x JOIN household prev ON prev.id = x.existing_id
      WHERE h.id = x.existing_id
        AND (h.village_id, h.address, h.latitude, h.longitude, h.notes) IS DISTINCT FROM
            (x.village_id, coalesce(x.address, h.address), CASE WHEN x.latitude IS NULL THEN h.latitude ELSE x.latitude END,
             CASE WHEN x.latitude IS NULL THEN h.longitude ELSE x.longitude END, coalesce(x.notes, h.notes))
      RETURNING h.id, jsonb_build_object('villageId', prev.village_id::text, 'address', prev.address, 'latitude', prev.latitude, 'longitude', prev.longitude, 'notes', prev.notes) AS before
    )
    INSERT INTO ${hchanged} SELECT id, before FROM upd`);

  // Residents: new ones (their household is now in the table, new or not) …
  await run(sql`
    INSERT INTO resident (county_code, household_id, name, name_pinyin, name_initials, gender, birth_date, relationship,
                          id_number_cipher, id_number_hash, id_number_masked, id_number_tail)
    SELECT c.county_code, h.id, c.name, c.name_pinyin, c.name_initials, c.gender, c.birth_date, c.relationship,
           c.id_cipher, c.id_hash, c.id_masked, c.id_tail
    FROM ${checked} c JOIN household h ON h.county_code = c.county_code AND h.household_no = c.household_no
    WHERE ${isGood} AND c.resident_id IS NULL
    ORDER BY c.row_no`);
  // … and existing ones whose name or relationship changed, or who were inactive.
  await run(sql`CREATE TEMP TABLE ${rchanged} (id bigint PRIMARY KEY) ON COMMIT DROP`);
  await run(sql`
    WITH upd AS (
      UPDATE resident r SET name = c.name, name_pinyin = c.name_pinyin, name_initials = c.name_initials,
        relationship = c.relationship, active = true, updated_at = now()
      FROM ${checked} c
      WHERE r.id = c.resident_id AND ${isGood}
        AND (r.name, r.relationship, r.active) IS DISTINCT FROM (c.name, c.relationship, true)
      RETURNING r.id
    )
    INSERT INTO ${rchanged} SELECT id FROM upd`);

  // Every good row with its household and resident ids.
  await run(sql`
    CREATE TEMP TABLE ${good} ON COMMIT DROP AS
    SELECT c.row_no, c.county_code, h.id AS household_id, r.id AS resident_id, (c.resident_id IS NULL) AS inserted, c.relationship,
           c.phones, c.hardship
    FROM ${checked} c
    JOIN household h ON h.county_code = c.county_code AND h.household_no = c.household_no
    JOIN resident r ON r.county_code = c.county_code AND r.id_number_hash = c.id_hash
    WHERE ${isGood}`);
  await run(sql`ANALYZE ${good} (household_id, resident_id)`);

  // Phones: added when the resident does not have them yet (unique per resident and number hash).
  await run(sql`CREATE TEMP TABLE ${phones} (resident_id bigint NOT NULL) ON COMMIT DROP`);
  await run(sql`
    WITH ins AS (
      INSERT INTO resident_phone (county_code, resident_id, kind, phone_cipher, phone_hash, phone_masked, phone_tail)
      SELECT g.county_code, g.resident_id, split_part(u.p, '|', 1), split_part(u.p, '|', 3), split_part(u.p, '|', 2), split_part(u.p, '|', 4), split_part(u.p, '|', 5)
      FROM ${good} g CROSS JOIN LATERAL unnest(string_to_array(g.phones, ';')) AS u(p)
      WHERE g.phones IS NOT NULL
      ORDER BY g.row_no, u.p
      ON CONFLICT (resident_id, phone_hash) DO NOTHING
      RETURNING resident_id
    )
    INSERT INTO ${phones} SELECT resident_id FROM ins`);

  // Hardship labels: on the head's row (户主) they label the household, on another member's row that
  // member; added unless one of the category is in force already (for the household, or for that member).
  await run(sql`CREATE TEMP TABLE ${labels} (household_id bigint NOT NULL) ON COMMIT DROP`);
  await run(sql`
    WITH wanted AS (
      SELECT DISTINCT g.county_code, g.household_id, CASE WHEN g.relationship = ${HEAD_RELATIONSHIP} THEN NULL ELSE g.resident_id END AS resident_id, u.code
      FROM ${good} g CROSS JOIN LATERAL unnest(string_to_array(g.hardship, ',')) AS u(code)
      WHERE g.hardship IS NOT NULL
    ),
    ins AS (
      INSERT INTO household_hardship (county_code, household_id, resident_id, category_code, valid_from, source, created_by)
      SELECT w.county_code, w.household_id, w.resident_id, w.code, ${ctx.today}::date, ${ctx.labelSource}, ${ctx.userId}::bigint FROM wanted w
      WHERE NOT EXISTS (
        SELECT 1 FROM household_hardship x
        WHERE x.household_id = w.household_id AND x.category_code = w.code AND x.valid_to IS NULL AND (x.resident_id IS NULL OR x.resident_id = w.resident_id)
      )
      ORDER BY w.household_id, w.resident_id NULLS FIRST, w.code
      -- A label added on the household page meanwhile wins; the import does not fail over it.
      ON CONFLICT (household_id, category_code, (COALESCE(resident_id, 0))) WHERE valid_to IS NULL DO NOTHING
      RETURNING household_id
    )
    INSERT INTO ${labels} SELECT household_id FROM ins`);

  // Per row: inserted, updated (a field or a phone), or unchanged.
  const rowOutcome = sql`
    SELECT g.household_id, g.inserted,
      (NOT g.inserted AND (rc.id IS NOT NULL OR p.n IS NOT NULL)) AS updated, coalesce(p.n, 0) AS phones
    FROM ${good} g
    LEFT JOIN ${rchanged} rc ON rc.id = g.resident_id
    LEFT JOIN (SELECT resident_id, count(*) AS n FROM ${phones} GROUP BY resident_id) p ON p.resident_id = g.resident_id`;
  // Per household: inserted, or updated when its fields, members, phones or labels changed.
  const householdOutcome = sql`
    SELECT h.id AS household_id, x.household_no, hc.before,
      CASE WHEN x.existing_id IS NULL THEN 'inserted'
           WHEN hc.id IS NOT NULL OR coalesce(m.inserted, 0) + coalesce(m.updated, 0) + coalesce(m.phones, 0) + coalesce(l.n, 0) > 0 THEN 'updated'
      END AS outcome,
      coalesce(m.inserted, 0) AS residents_inserted, coalesce(m.updated, 0) AS residents_updated,
      coalesce(m.phones, 0) AS phones_added, coalesce(l.n, 0) AS labels_added
    FROM ${hh} x
    JOIN household h ON h.county_code = x.county_code AND h.household_no = x.household_no
    LEFT JOIN ${hchanged} hc ON hc.id = h.id
    LEFT JOIN (
      SELECT household_id, count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE updated) AS updated, sum(phones) AS phones
      FROM (${rowOutcome}) o GROUP BY household_id
    ) m ON m.household_id = h.id
    LEFT JOIN (SELECT household_id, count(*) AS n FROM ${labels} GROUP BY household_id) l ON l.household_id = h.id`;

  const outcomes = sql.id(names.outcomes);
  await run(sql`CREATE TEMP TABLE ${outcomes} ON COMMIT DROP AS ${householdOutcome}`);

  const a = ctx.audit;
  await run(sql`
    INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity_type, entity_id, region_id, region_path, county_code, before, after)
    SELECT ${a.actorId}::bigint, ${a.actorName}::text, ${a.requestId}::text, ${a.clientIp}::text, 'household.imported', 'household', o.household_id::text,
      v.id, v.path, v.county_code, o.before,
      jsonb_build_object(
        'jobId', ${ctx.jobId}::text, 'change', o.outcome, 'householdNo', o.household_no,
        'villageId', h.village_id::text, 'address', h.address, 'latitude', h.latitude, 'longitude', h.longitude, 'notes', h.notes,
        'residentsInserted', o.residents_inserted, 'residentsUpdated', o.residents_updated,
        'phonesAdded', o.phones_added, 'labelsAdded', o.labels_added)
    FROM ${outcomes} o JOIN household h ON h.id = o.household_id JOIN region v ON v.id = h.village_id
    WHERE o.outcome IS NOT NULL
    ORDER BY o.household_id`);

  const totals = (
    await sql<Record<'rows' | 'rowsInserted' | 'rowsUpdated' | 'inserted' | 'updated' | 'unchanged' | 'phones' | 'labels', string>>`
      SELECT (SELECT count(*) FROM ${good}) AS "rows",
        coalesce(sum(residents_inserted), 0) AS "rowsInserted", coalesce(sum(residents_updated), 0) AS "rowsUpdated",
        count(*) FILTER (WHERE outcome = 'inserted') AS inserted, count(*) FILTER (WHERE outcome = 'updated') AS updated,
        count(*) FILTER (WHERE outcome IS NULL) AS unchanged, coalesce(sum(phones_added), 0) AS phones, coalesce(sum(labels_added), 0) AS labels
      FROM ${outcomes}`.execute(trx)
  ).rows[0]!;
  const [rowsInserted, rowsUpdated] = [Number(totals.rowsInserted), Number(totals.rowsUpdated)];
  return {
    rows: { inserted: rowsInserted, updated: rowsUpdated, unchanged: Number(totals.rows) - rowsInserted - rowsUpdated },
    households: { inserted: Number(totals.inserted), updated: Number(totals.updated), unchanged: Number(totals.unchanged) },
    phonesAdded: Number(totals.phones),
    labelsAdded: Number(totals.labels),
  };
}
