import type { TBulletinFigure, TBulletinModel, TBulletinQuery } from '../../../shared/api/bulletin.ts';
import { safeCell } from '../../export/safe-cell.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { getBulletin } from './get-bulletin.ts';
import { bulletinFileName } from './render-bulletin-docx.ts';

type Cell = string | number | null;
const cells = (values: readonly Cell[]) => values.map((v) => (v === null ? null : safeCell(v)));
const iv = (f: TBulletinFigure | null) => f?.intervalText ?? '';

/**
 * The bulletin's tables as a workbook, one sheet each: 排名 (rank, plausible ranks, composite
 * with its interval, each component's figure with n and interval and its points, the source
 * page), 优势薄弱领域, 整改进度, 县市对比, 数据来源. Text cells are safe against formula injection
 * (township names and the city's document name are typed in by people). Same access as
 * `getBulletin`.
 *
 * @example
 * const { bytes, fileName } = await exportBulletinXlsx({ db, actor }, { assessmentId: '7' });
 */
export async function exportBulletinXlsx(ctx: ReadContext, options: { assessmentId: string; now?: Date } & TBulletinQuery): Promise<{ bytes: Buffer; fileName: string; model: TBulletinModel }> {
  const model = await getBulletin(ctx, options);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const titled = (name: string, header: string[]) => {
    const sheet = workbook.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.addRow(cells([`${model.title} — ${name}`]));
    sheet.getRow(1).font = { bold: true, size: 14 };
    sheet.addRow(header.map((h) => safeCell(h))).font = { bold: true };
    return sheet;
  };

  const ranking = titled('排名', [
    '名次',
    '可能名次',
    '乡镇（街道）',
    '综合得分',
    '综合得分95%区间',
    '加减分',
    ...model.components.flatMap((c) => [`${c.label['zh-CN']}`, `${c.label['zh-CN']} n`, `${c.label['zh-CN']} 95%区间`, `${c.label['zh-CN']} 得分`]),
    '无法区分的乡镇',
    '来源页面',
  ]);
  for (const r of model.ranking) {
    ranking.addRow(
      cells([
        r.rank,
        r.rankText,
        r.name,
        r.composite.value,
        r.composite.intervalText,
        r.adjustmentTotal,
        ...model.components.flatMap((k) => {
          const c = r.components.find((x) => x.key === k.key);
          return [c?.figure?.text ?? '', c?.figure?.n ?? null, iv(c?.figure ?? null), c?.points.value ?? null];
        }),
        r.notSeparableFrom.join('、'),
        r.composite.source.page,
      ]),
    );
  }

  const domains = titled('优势薄弱领域', ['乡镇（街道）', '类别', '领域', '调查', '乡镇得分', 'n', '乡镇95%区间', '全县得分', '全县其他乡镇得分', '差值', '差值95%区间', '来源页面']);
  for (const t of model.townships) {
    const rows = [...t.strengths.map((d) => ['优势', d] as const), ...t.weaknesses.map((d) => ['薄弱', d] as const)];
    if (!rows.length) domains.addRow(cells([t.name, '无超出抽样误差的差异', '', '', null, null, '', null, null, null, '', t.source.page]));
    for (const [kind, d] of rows) {
      domains.addRow(cells([t.name, kind, d.label['zh-CN'], d.waveName, d.township.value, d.township.n, d.township.intervalText, d.county.value, d.rest.value, d.difference.value, d.difference.intervalText, d.township.source.page]));
    }
  }

  const rect = titled('整改进度', ['乡镇（街道）', '任务数', '整改中', '待验收', '已验收', '按期完成', '逾期', '来源页面']);
  for (const r of [...model.rectification.rows, ...(model.rectification.total ? [model.rectification.total] : [])]) {
    rect.addRow(cells([r.name, r.total, r.open, r.submitted, r.accepted, r.acceptedOnTime, r.overdue, r.source.page]));
  }
  rect.addRow(cells([model.rectification.sentence]));

  const city = titled('县市对比', ['指标', '全县', '全县 n', '全县95%区间', '市级抽查', '市级 n', '市级95%区间', '市级来源', '全市名次', '结论']);
  for (const c of model.city) {
    city.addRow(cells([c.label['zh-CN'], c.county?.text ?? '', c.county?.n ?? null, iv(c.county), c.city?.text ?? '', c.city?.n ?? null, iv(c.city), c.cityDocument ?? '', c.cityRank === null ? '' : `${c.cityRank}/${c.cityCounties ?? '—'}`, c.sentence]));
  }
  if (model.cityNote) city.addRow(cells([model.cityNote]));

  const sources = titled('数据来源', ['页面', '说明']);
  for (const s of model.sources) sources.addRow(cells([s.page, s.label['zh-CN']]));
  for (const m of model.method) sources.addRow(cells([m]));

  for (const sheet of workbook.worksheets) sheet.columns.forEach((c) => (c.width = 14));
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, fileName: bulletinFileName(model, 'xlsx'), model };
}
