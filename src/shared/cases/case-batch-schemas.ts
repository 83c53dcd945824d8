/**
 * 12345 batches (市 12345 热线转办): the columns of the hotline's export as we read them, the JSON
 * form of a row, and the per-row report. A batch stores its good rows and reports the bad ones
 * (the hotline expects an outcome per work order), all in one transaction.
 */
import { z } from 'zod';
import { ZId } from '../schemas/common.ts';

/**
 * The columns of a 12345 work-order sheet. Headers are matched after normalisation (full-width
 * to half-width, spaces and 「*」「：」 removed, case ignored), in any order, under any title rows.
 * The first alias is what the template writes; the English one is the JSON key.
 */
export const CASE_BATCH_COLUMNS = {
  externalRef: { aliases: ['工单编号', '工单号', '工单编码', '12345工单号', '转办单号', 'externalRef', 'work order no'], required: true },
  receivedAt: { aliases: ['受理时间', '来电时间', '登记时间', '派单时间', 'receivedAt', 'received at'], required: false },
  contactName: { aliases: ['诉求人', '来电人', '诉求人姓名', '联系人', 'contactName', 'contact name'], required: false },
  contactPhone: { aliases: ['联系电话', '来电号码', '联系方式', '诉求人电话', 'contactPhone', 'contact phone'], required: false },
  title: { aliases: ['标题', '诉求标题', '工单标题', 'title'], required: false },
  description: { aliases: ['诉求内容', '内容', '问题描述', '来电内容', 'description'], required: false },
  category: { aliases: ['诉求分类', '分类', '问题分类', '诉求类别', 'category'], required: true },
  region: { aliases: ['所属乡镇/村', '所属乡镇村', '所属区域', '发生地', '区划代码', 'region'], required: false },
  township: { aliases: ['所属乡镇', '乡镇', '乡镇（街道）', 'township'], required: false },
  village: { aliases: ['所属村', '村（社区）', '村', '社区', 'village'], required: false },
  urgent: { aliases: ['是否紧急', '紧急程度', '紧急', 'urgent'], required: false },
} as const;
export type CaseBatchField = keyof typeof CASE_BATCH_COLUMNS;
export const CASE_BATCH_FIELDS = Object.keys(CASE_BATCH_COLUMNS) as CaseBatchField[];

/** A batch holds at most this many work orders (the city transfers a county's orders daily: tens, a few hundred). */
export const MAX_CASE_BATCH_ROWS = 2_000;
/** The largest batch file accepted (a 2,000-row export is well under 2 MB). */
export const MAX_CASE_BATCH_BYTES = 10 * 1024 * 1024;
/** What a batch upload may be sent as: a spreadsheet (as the registry import) or JSON. */
export const CASE_BATCH_CONTENT_TYPES = [
  'application/json',
  'application/octet-stream',
  'text/csv',
  'application/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
] as const;

const cell = z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]);
/**
 * One work order in a JSON batch: the English keys below (or the Chinese headers of
 * {@link CASE_BATCH_COLUMNS}), values as the sheet would hold them. A JSON batch is an array of
 * these. `region` is a division code (9 digits township, 12 village) or 「乡镇/村」 names;
 * `category` a category code or its name; `urgent` true/false or 是/否.
 *
 * @example
 * [{ "externalRef": "SD12345-20261201-0001", "receivedAt": "2026-12-01 09:12", "contactName": "王大娘",
 *    "contactPhone": "13912345678", "title": "路灯不亮", "description": "村口三盏路灯坏了两周",
 *    "category": "env-road-light", "region": "堽城镇/王家村", "urgent": false }]
 */
export const ZCaseBatchJsonRow = z.record(z.string().max(40), cell);
export const ZCaseBatchJson = z.array(ZCaseBatchJsonRow).min(1).max(MAX_CASE_BATCH_ROWS);

export const ZBilingualText = z.object({ 'zh-CN': z.string(), en: z.string() });
export const CASE_BATCH_ROW_OUTCOMES = ['created', 'existing', 'refused'] as const;
/** One row's outcome: created (its case number), existing (the 工单编号 was registered before: that case), refused (why). */
export const ZCaseBatchRowReport = z.object({
  rowNo: z.number().int(),
  externalRef: z.string().nullable(),
  outcome: z.enum(CASE_BATCH_ROW_OUTCOMES),
  caseId: ZId.nullable(),
  caseNo: z.string().nullable(),
  problems: z.array(ZBilingualText),
});
export type TCaseBatchRowReport = z.infer<typeof ZCaseBatchRowReport>;

export const ZCaseBatch = z.object({
  id: ZId,
  fileName: z.string(),
  digest: z.string(),
  rowsTotal: z.number().int(),
  rowsCreated: z.number().int(),
  /** Rows not created: refused ones and work orders registered before. */
  rowsRefused: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TCaseBatch = z.infer<typeof ZCaseBatch>;
export const ZCaseBatchDetail = ZCaseBatch.extend({ report: z.array(ZCaseBatchRowReport) });
export type TCaseBatchDetail = z.infer<typeof ZCaseBatchDetail>;

export const ZCaseBatchParams = z.strictObject({ id: ZId });
export const ZCaseBatchUploadQuery = z.strictObject({ fileName: z.string().trim().min(1).max(200) });
export const ZCaseBatchListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional() });
