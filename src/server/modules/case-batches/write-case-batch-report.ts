import ExcelJS from 'exceljs';
import type { TCaseBatchDetail } from '../../../shared/cases/case-batch-schemas.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { safeCell } from '../../export/safe-cell.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { getCaseBatch } from './get-case-batch.ts';

const OUTCOME = { created: '已登记 created', existing: '已登记过 already registered', refused: '未登记 refused' } as const;

/**
 * A batch's report as XLSX bytes, to send back to the hotline: a summary, then one row per work
 * order (row number, 工单编号, outcome, case number, problems in Chinese and English). Cells
 * come from the file, so they go through safeCell.
 *
 * @example
 * const bytes = await writeCaseBatchReport({ db, actor }, { id: '4' });
 */
export async function writeCaseBatchReport(ctx: ReadContext, { id }: { id: string }): Promise<{ batch: TCaseBatchDetail; bytes: Buffer }> {
  const batch = await getCaseBatch(ctx, { id });
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('导入报告', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.addRow([safeCell(`12345 工单导入报告 #${batch.id} ${batch.fileName}`), formatLocalDateTime(batch.createdAt)]);
  sheet.addRow([`共 ${batch.rowsTotal} 行 rows`, `登记 ${batch.rowsCreated} created`, `未登记 ${batch.rowsRefused} not created`]);
  sheet.addRow(['行号 row', '工单编号 work order', '结果 outcome', '受理编号 case no.', '问题 problems', 'problems (en)']);
  sheet.getRow(3).font = { bold: true };
  for (const r of batch.report) {
    sheet.addRow([r.rowNo, safeCell(r.externalRef), OUTCOME[r.outcome], r.caseNo, safeCell(r.problems.map((p) => p['zh-CN']).join('；')), safeCell(r.problems.map((p) => p.en).join('; '))]);
  }
  sheet.columns.forEach((c, i) => (c.width = [8, 24, 22, 20, 50, 50][i]));
  return { batch, bytes: Buffer.from(await book.xlsx.writeBuffer()) };
}
