import ExcelJS from 'exceljs';
import { CASE_BATCH_COLUMNS, CASE_BATCH_FIELDS } from '../../../shared/cases/case-batch-schemas.ts';

/** The template's columns: the hotline's own headers (first alias), without the split township/village pair. */
const TEMPLATE_FIELDS = CASE_BATCH_FIELDS.filter((f) => f !== 'township' && f !== 'village');
const EXAMPLE: Record<string, string> = {
  externalRef: 'SD12345-20261201-0001',
  receivedAt: '2026-12-01 09:12',
  contactName: '王大娘',
  contactPhone: '13912345678',
  title: '村口路灯不亮',
  description: '村口三盏路灯坏了两周，晚上出行不便。',
  category: '道路与路灯',
  region: '堽城镇/示例村',
  urgent: '否',
};

/**
 * The 12345 batch template (12345 工单导入模板): the columns as the hotline exports them, one
 * example row, numbers formatted as text (so Excel keeps 工单编号 and phones as typed).
 *
 * @example
 * const bytes = await writeCaseBatchTemplate();
 */
export async function writeCaseBatchTemplate(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('12345工单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_FIELDS.map((f) => ({ header: CASE_BATCH_COLUMNS[f].aliases[0], key: f, width: f === 'description' ? 40 : f === 'externalRef' ? 24 : 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(EXAMPLE);
  for (const f of ['externalRef', 'contactPhone'] as const) sheet.getColumn(f).numFmt = '@';
  const notes = book.addWorksheet('说明');
  notes.addRow(['列 column', '必填 required', '说明 notes']);
  notes.addRow(['工单编号', '是', '12345 的工单编号；已登记过的工单不会重复登记']);
  notes.addRow(['诉求分类', '是', '分类编码或名称，如“道路与路灯”或 env-road-light']);
  notes.addRow(['所属乡镇/村', '是', '“乡镇/村”名称，或乡镇（9 位）/村（12 位）区划代码；只填乡镇时由乡镇承办']);
  notes.addRow(['诉求内容 / 标题', '至少一项', '标题为空时取内容的前 30 字']);
  notes.addRow(['联系电话', '否', '手机号或带区号的固定电话']);
  notes.addRow(['是否紧急', '否', '是 / 否']);
  notes.addRow(['受理时间', '否', '12345 的受理时间，记入诉求内容；办理时限从本县导入时起算']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
