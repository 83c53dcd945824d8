import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TLocale } from '../../../shared/locale.ts';
import { describeImportChange } from '../../../shared/registry/import-changes.ts';
import type { TImportChange } from '../../../shared/registry/import-schemas.ts';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findImportJobInScope } from './import-job-queries.ts';

const ZChangeCursor = z.object({ row: z.number().int().min(0).max(2_147_483_647), id: z.string().regex(/^[1-9]\d{0,17}$/) });

/**
 * The hardship categories' names in a language, for changes that add a label.
 *
 * @example
 * const name = await categoryNames(db, 'zh-CN'); name('dibao'); // '低保户'
 */
export async function categoryNames(db: Kysely<DB>, locale: TLocale): Promise<(code: string) => string> {
  const rows = await db.selectFrom('hardship_category').select(['code', 'name', 'name_en']).execute();
  const names = new Map(rows.map((c) => [c.code, locale === 'en' ? c.name_en : c.name]));
  return (code) => names.get(code) ?? code;
}

/**
 * A page of a job's changes to existing households and people, field by field, in row order,
 * with field names and values in the caller's language (phones masked).
 *
 * @example
 * const { items } = await listImportChanges({ db, actor }, { id: jobId, limit: 50, locale: 'zh-CN' });
 * // [{ rowNo: 3, householdNo: 'G-1', person: '张三', field: 'name', fieldLabel: '姓名', oldValue: '张三', newValue: '张叁' }]
 */
export async function listImportChanges(
  { db, actor }: ReadContext,
  options: { id: string; cursor?: string | undefined; limit: number; locale: TLocale },
): Promise<{ items: TImportChange[]; nextCursor: string | null }> {
  const job = await findImportJobInScope(db, actor, options.id);
  const after = decodeCursor(options.cursor, ZChangeCursor);
  let query = db
    .selectFrom('import_change')
    .select(['id', 'row_no', 'household_no', 'person', 'field', 'old_value', 'new_value'])
    .where('job_id', '=', options.id)
    .where('county_code', '=', job.county_code ?? '');
  if (after) query = query.where((eb) => eb.or([eb('row_no', '>', after.row), eb.and([eb('row_no', '=', after.row), eb('id', '>', after.id)])]));
  const rows = await query.orderBy('row_no').orderBy('id').limit(options.limit + 1).execute();
  const name = await categoryNames(db, options.locale);
  return pageOf(
    rows,
    options.limit,
    (r) => ({ rowNo: r.row_no, householdNo: r.household_no, person: r.person, field: r.field, ...describeImportChange({ field: r.field, oldValue: r.old_value, newValue: r.new_value }, options.locale, name) }),
    (r) => ({ row: r.row_no, id: r.id }),
  );
}
