/** A stored batch as the API shows it (the report read back through its JSON column's schema). */
import type { Kysely } from 'kysely';
import { ZCaseBatchRowReport, type TCaseBatch, type TCaseBatchDetail } from '../../../shared/cases/case-batch-schemas.ts';
import { iso } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';

const summary = (r: { id: string; file_name: string; digest: string; rows_total: number; rows_created: number; rows_refused: number; created_by_name: string | null; created_at: Date }): TCaseBatch => ({
  id: r.id,
  fileName: r.file_name,
  digest: r.digest,
  rowsTotal: r.rows_total,
  rowsCreated: r.rows_created,
  rowsRefused: r.rows_refused,
  createdBy: r.created_by_name,
  createdAt: iso(r.created_at)!,
});

const base = (db: Kysely<DB>, countyCode: string) =>
  db
    .selectFrom('case_batch as b')
    .leftJoin('app_user as u', 'u.id', 'b.created_by')
    .select(['b.id', 'b.file_name', 'b.digest', 'b.rows_total', 'b.rows_created', 'b.rows_refused', 'b.created_at', 'u.display_name as created_by_name'])
    .where('b.county_code', '=', countyCode);

/**
 * The county's batches, newest first.
 *
 * @example
 * await batchList(db, { countyCode: '370921', limit: 50 });
 */
export async function batchList(db: Kysely<DB>, { countyCode, limit }: { countyCode: string; limit: number }): Promise<TCaseBatch[]> {
  const rows = await base(db, countyCode).orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').limit(limit).execute();
  return rows.map(summary);
}

/**
 * One batch with its per-row report, or undefined.
 *
 * @example
 * (await batchDetail(db, { countyCode: '370921', id: '4' }))?.report.length; // 20
 */
export async function batchDetail(db: Kysely<DB>, { countyCode, id }: { countyCode: string; id: string }): Promise<TCaseBatchDetail | undefined> {
  const row = await base(db, countyCode).select('b.report').where('b.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...summary(row), report: ZCaseBatchRowReport.array().parse(row.report) };
}
