/**
 * The current filtered resident list as XLSX: the same filter and scope as the screen, numbers
 * masked, every text cell safe against formula injection, streamed page by page so a county-wide
 * export does not sit in memory. The export itself is audited (who exported which filter).
 */
import type { Writable } from 'node:stream';
import type { TLocale } from '../../../shared/locale.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { safeCell } from '../../export/safe-cell.ts';
import { recordAudit } from '../audit/index.ts';
import { findRegionInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { toResidentItems, type ResidentFilter, type ResidentQuery } from './search-residents.ts';

const PAGE = 2000;

const HEADERS: Record<TLocale, string[]> = {
  'zh-CN': ['乡镇', '村（社区）', '户编号', '家庭住址', '姓名', '性别', '出生日期', '与户主关系', '身份证号（脱敏）', '电话（脱敏）', '困难类别', '结对干部'],
  en: ['Township', 'Village', 'Household no.', 'Address', 'Name', 'Gender', 'Birth date', 'Relationship', 'ID number (masked)', 'Phones (masked)', 'Hardship', 'Paired cadre'],
};

export interface ExportResidentsOptions {
  /** The filter as asked for, recorded in the audit log with the row count. */
  filter: ResidentFilter;
  /**
   * The filtered, scoped query built once by residentQuery before any byte is sent, so that its
   * errors stay problem+json; the export pages through it.
   */
  query: ResidentQuery;
  out: Writable;
  locale: TLocale;
}

/**
 * Writes the workbook to `out` and answers how many residents it holds.
 *
 * @example
 * const query = await residentQuery({ db, actor, cipher }, filter);
 * await exportResidents({ db, actor, source }, { filter, query, out: reply.raw, locale: 'zh-CN' });
 */
export async function exportResidents({ db, actor, source }: WriteContext, o: ExportResidentsOptions): Promise<number> {
  const { filter, query } = o;
  const region = await findRegionInScope(db, actor, filter.regionCode ?? actor.regionCode);
  const categories = new Map((await db.selectFrom('hardship_category').select(['code', 'name', 'name_en']).execute()).map((c) => [c.code, o.locale === 'en' ? c.name_en : c.name]));
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: o.out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(o.locale === 'en' ? 'Residents' : '居民名单');
  sheet.addRow([`${region.name} ${o.locale === 'en' ? 'resident list' : '居民名单'} · ${formatLocalDateTime(new Date())}`]).commit();
  sheet.addRow(HEADERS[o.locale]).commit();
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await (after ? query.where('r.id', '>', after) : query).orderBy('r.id').limit(PAGE).execute();
    if (!rows.length) break;
    for (const item of await toResidentItems(db, rows)) {
      sheet
        .addRow(
          [
            item.township.name,
            item.village.name,
            item.household.householdNo,
            item.household.address,
            item.name,
            o.locale === 'en' ? item.gender : item.gender === 'M' ? '男' : '女',
            item.birthDate,
            item.relationship,
            item.idNumberMasked,
            item.phones.map((p) => p.masked).join(' '),
            item.hardship.map((c) => categories.get(c) ?? c).join('、'),
            item.pairedCadre?.displayName ?? '',
          ].map(safeCell),
        )
        .commit();
      count++;
    }
    after = rows[rows.length - 1]!.id;
    if (rows.length < PAGE) break;
  }
  await workbook.commit();
  await recordAudit({ db, source }, { action: 'resident.export', entityType: 'resident', region, after: { filter, rows: count } });
  return count;
}
