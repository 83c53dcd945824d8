/**
 * What a file would change in records the registry already holds, field by field, computed
 * inside the import's transaction just before the merge (under the merge lock, so it is exactly
 * what the merge would write): an existing household moved to another village, its address,
 * coordinates or notes replaced; a registered person renamed, given another relationship or
 * registered again; a phone or hardship label added to a registered person or household; a
 * member added to an existing household. The rules follow merge-staged-rows.ts (an empty
 * optional cell keeps what the registry has; a label in force is not added again).
 *
 * The changes are stored in import_change (capped like the issues) and summed up in a digest
 * over all of them and the new households and people: a confirmation writes only if its own
 * digest, from the same file, is the same (else 409 import_preview_stale, nothing written).
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { HEAD_RELATIONSHIP } from '../../../shared/registry/import-columns.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { StageNames } from './import-stage.ts';

/** Changes stored per job; the rest are counted (and in the digest). */
export const MAX_STORED_CHANGES = 100_000;

export interface ReviewContext {
  trx: Kysely<DB>;
  names: StageNames;
  jobId: string;
  /** SHA-256 of the file's bytes. */
  fileSha256: string;
  /** The preview a confirmation must match; absent for a first look. */
  confirms?: { digest: string; fileSha256: string } | undefined;
  maxStored?: number;
}

export interface ReviewedChanges {
  /** Changes to records the registry holds (all of them, stored or not). */
  count: number;
  stored: number;
  digest: string;
  /** What the merge would count, for a preview that writes nothing. */
  planned: {
    rows: { inserted: number; updated: number; unchanged: number };
    households: { inserted: number; updated: number; unchanged: number };
  };
}

/**
 * Computes and stores the changes of the checked rows' good rows; with `confirms`, refuses (409
 * import_preview_stale) unless they are the previewed ones from the same file.
 *
 * @example
 * const review = await reviewImportChanges({ trx, names, jobId, fileSha256 });
 * if (review.count > 0) console.log(`${review.count} changes to confirm`);
 */
export async function reviewImportChanges(ctx: ReviewContext): Promise<ReviewedChanges> {
  const checked = sql.id(ctx.names.checked);
  const limit = Math.max(0, ctx.maxStored ?? MAX_STORED_CHANGES);
  const result = await sql<{ count: string; stored: string; digest: string | null; members: string; households: string }>`
    WITH g AS MATERIALIZED (
      SELECT * FROM ${checked} c WHERE NOT (c.bad_own OR c.f_incomplete)
    ),
    hh AS (
      SELECT c.county_code, c.household_no, min(c.household_id) AS household_id, min(c.row_no) AS row_no, min(c.village_id) AS village_id,
        (array_agg(c.address ORDER BY c.row_no) FILTER (WHERE c.address <> ''))[1] AS address,
        (array_agg(c.latitude ORDER BY c.row_no) FILTER (WHERE c.latitude IS NOT NULL))[1] AS latitude,
        (array_agg(c.longitude ORDER BY c.row_no) FILTER (WHERE c.latitude IS NOT NULL))[1] AS longitude,
        (array_agg(c.notes ORDER BY c.row_no) FILTER (WHERE c.notes <> ''))[1] AS notes
      FROM g c WHERE c.household_id IS NOT NULL GROUP BY c.county_code, c.household_no
    ),
    changes AS (
      SELECT x.row_no, x.county_code, x.household_no, NULL::bigint AS resident_id, '' AS person, v.field, coalesce(v.old_value, '') AS old_value, coalesce(v.new_value, '') AS new_value
      FROM hh x
      JOIN household h ON h.county_code = x.county_code AND h.id = x.household_id
      JOIN region ov ON ov.id = h.village_id
      JOIN region nv ON nv.id = x.village_id
      CROSS JOIN LATERAL (VALUES
        ('village', ov.name, nv.name, h.village_id <> x.village_id),
        ('address', h.address, x.address, x.address IS NOT NULL AND x.address <> h.address),
        ('location', CASE WHEN h.latitude IS NOT NULL THEN concat(h.longitude, ', ', h.latitude) END, concat(x.longitude, ', ', x.latitude),
          x.latitude IS NOT NULL AND (h.latitude, h.longitude) IS DISTINCT FROM (x.latitude, x.longitude)),
        ('notes', h.notes, x.notes, x.notes IS NOT NULL AND x.notes <> h.notes)
      ) AS v(field, old_value, new_value, changed)
      WHERE v.changed
      UNION ALL
      SELECT c.row_no, c.county_code, c.household_no, r.id, r.name, v.field, coalesce(v.old_value, ''), coalesce(v.new_value, '')
      FROM g c
      JOIN resident r ON r.county_code = c.county_code AND r.id = c.resident_id
      CROSS JOIN LATERAL (VALUES
        ('name', r.name, c.name, r.name IS DISTINCT FROM c.name),
        ('relationship', r.relationship, c.relationship, r.relationship IS DISTINCT FROM c.relationship),
        ('status', 'inactive', 'active', NOT r.active)
      ) AS v(field, old_value, new_value, changed)
      WHERE v.changed
      UNION ALL
      -- The person as registered: the name may be one of the changes.
      SELECT c.row_no, c.county_code, c.household_no, c.resident_id, r.name, 'phone', '', split_part(u.p, '|', 4)
      FROM g c JOIN resident r ON r.county_code = c.county_code AND r.id = c.resident_id
      CROSS JOIN LATERAL unnest(string_to_array(c.phones, ';')) AS u(p)
      WHERE c.phones IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM resident_phone p WHERE p.county_code = c.county_code AND p.resident_id = c.resident_id AND p.phone_hash = split_part(u.p, '|', 2))
      UNION ALL
      -- On the head's row a label is the household's; on another row, that member's (new or registered).
      (SELECT DISTINCT ON (l.household_id, l.owner, l.code) l.row_no, l.county_code, l.household_no, l.resident_id, coalesce(r.name, l.name), 'hardship', '', l.code
      FROM (
        SELECT c.*, u.code, c.relationship = ${HEAD_RELATIONSHIP} AS head, CASE WHEN c.relationship = ${HEAD_RELATIONSHIP} THEN '' ELSE c.id_hash END AS owner
        FROM g c CROSS JOIN LATERAL unnest(string_to_array(c.hardship, ',')) AS u(code)
        WHERE c.household_id IS NOT NULL AND c.hardship IS NOT NULL
      ) l
      LEFT JOIN resident r ON r.county_code = l.county_code AND r.id = l.resident_id
      WHERE NOT EXISTS (
        SELECT 1 FROM household_hardship x
        WHERE x.county_code = l.county_code AND x.household_id = l.household_id AND x.category_code = l.code AND x.valid_to IS NULL
          AND (x.resident_id IS NULL OR (NOT l.head AND x.resident_id = l.resident_id))
      )
      ORDER BY l.household_id, l.owner, l.code, l.row_no)
      UNION ALL
      SELECT c.row_no, c.county_code, c.household_no, NULL, c.name, 'member', '', concat(c.name, '（', c.relationship, '）')
      FROM g c WHERE c.household_id IS NOT NULL AND c.resident_id IS NULL
    ),
    ins AS (
      INSERT INTO import_change (job_id, county_code, row_no, household_no, resident_id, person, field, old_value, new_value)
      SELECT ${ctx.jobId}, county_code, row_no, household_no, resident_id, person, field, old_value, new_value
      FROM changes ORDER BY row_no, resident_id NULLS FIRST, field, new_value LIMIT ${limit}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM changes) AS count, (SELECT count(*) FROM ins) AS stored,
      (SELECT md5(string_agg(md5(concat_ws(chr(31), row_no, household_no, resident_id, field, old_value, new_value)), '' ORDER BY row_no, household_no, resident_id, field, old_value, new_value)) FROM changes) AS digest,
      (SELECT count(*) FROM g WHERE resident_id IS NULL) AS members,
      (SELECT count(DISTINCT (county_code, household_no)) FROM g WHERE household_id IS NULL) AS households`.execute(ctx.trx);
  const r = result.rows[0]!;
  const count = Number(r.count);
  // The new households and people are part of what is confirmed: a person registered meanwhile changes the digest.
  const digest = crypto.createHash('sha256').update(`${r.digest ?? ''}|${r.members}|${r.households}`).digest('hex');
  if (ctx.confirms && (ctx.confirms.digest !== digest || ctx.confirms.fileSha256 !== ctx.fileSha256)) throw new AppError(409, 'import_preview_stale');

  const planned = await sql<Record<'rows' | 'inserted' | 'updated' | 'hhRows' | 'hhInserted' | 'hhUpdated', string>>`
    SELECT (SELECT count(*) FROM ${checked} c WHERE NOT (c.bad_own OR c.f_incomplete)) AS rows,
      ${Number(r.members)}::int AS inserted,
      (SELECT count(DISTINCT resident_id) FROM import_change WHERE job_id = ${ctx.jobId} AND resident_id IS NOT NULL AND field IN ('name', 'relationship', 'status', 'phone')) AS updated,
      (SELECT count(DISTINCT (county_code, household_no)) FROM ${checked} c WHERE NOT (c.bad_own OR c.f_incomplete)) AS "hhRows",
      ${Number(r.households)}::int AS "hhInserted",
      (SELECT count(DISTINCT household_no) FROM import_change WHERE job_id = ${ctx.jobId}) AS "hhUpdated"`.execute(ctx.trx);
  const p = planned.rows[0]!;
  const n = (k: keyof typeof p) => Number(p[k]);
  return {
    count,
    stored: Number(r.stored),
    digest,
    planned: {
      rows: { inserted: n('inserted'), updated: n('updated'), unchanged: n('rows') - n('inserted') - n('updated') },
      households: { inserted: n('hhInserted'), updated: n('hhUpdated'), unchanged: n('hhRows') - n('hhInserted') - n('hhUpdated') },
    },
  };
}
