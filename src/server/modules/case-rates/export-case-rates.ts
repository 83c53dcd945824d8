import type { TCaseRateLevel, TCaseRates, TRate } from '../../../shared/cases/index.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { safeCell } from '../../export/safe-cell.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { getCaseRates } from './get-case-rates.ts';

const LEVEL_NAMES: Record<TCaseRateLevel, string> = { township: '乡镇', village: '村（社区）', department: '县直部门' };

/** The export's header row: every rate with its interval and its n beside it. */
export const RATES_EXPORT_HEADERS = [
  '排名',
  '可能名次',
  '单位',
  '所属乡镇',
  '综合得分',
  '响应率',
  '响应率95%区间',
  '按时响应/派单数',
  '解决率',
  '解决率95%区间',
  '已解决/回访数',
  '满意率',
  '满意率95%区间',
  '满意/回访数',
  '按期办结率',
  '按期办结率95%区间',
  '按期办结/到期数',
  '无法区分的单位',
] as const;

const interval = (r: TRate) => (r.lower === null || r.upper === null ? '' : `${(r.lower * 100).toFixed(1)}%–${(r.upper * 100).toFixed(1)}%`);
const counts = (r: TRate) => `${r.successes}/${r.n}`;

/**
 * The month's three rates of a level as XLSX (三率排名), exactly the rows the caller may see on
 * the page: rank and plausible ranks, composite, each rate with its 95% interval and its
 * successes/n beside it, the units it cannot be told apart from, the weights and the source in
 * the title and the foot. Text cells are safe against formula injection. Aggregates only: no
 * resident appears, so nothing is audited.
 *
 * @example
 * const bytes = await exportCaseRates({ db, actor }, { month: '2026-11', level: 'township' });
 */
export async function exportCaseRates(ctx: ReadContext, options: { month: string; level: TCaseRateLevel; now?: Date }): Promise<{ rates: TCaseRates; bytes: Buffer }> {
  const rates = await getCaseRates(ctx, options);
  const names = new Map(rates.rows.map((r) => [r.unit.key, r.unit.name]));
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('三率排名', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' } });
  const w = rates.weights;
  sheet.addRow([safeCell(`${rates.month} ${LEVEL_NAMES[rates.level]}三率排名（民情诉求）`)]);
  sheet.addRow([
    safeCell(
      `综合得分 = 响应率×${w.response} + 解决率×${w.resolution} + 满意率×${w.satisfaction}；满意率${rates.basicallySatisfiedCounts ? '含' : '不含'}“基本满意”；区间为 95% Wilson 区间；“可能名次”与“无法区分”按两两比较（Holm 校正，α=${rates.alpha}）；生成于 ${formatLocalDateTime(rates.generatedAt)}`,
    ),
  ]);
  sheet.mergeCells(1, 1, 1, RATES_EXPORT_HEADERS.length);
  sheet.mergeCells(2, 1, 2, RATES_EXPORT_HEADERS.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow([...RATES_EXPORT_HEADERS]);
  header.font = { bold: true };
  for (const r of rates.rows) {
    sheet.addRow(
      [
        r.rank,
        r.bestRank === null ? '' : `${r.bestRank}–${r.worstRank}`,
        r.unit.name,
        r.unit.parentName ?? '',
        r.composite,
        r.response.estimate,
        interval(r.response),
        counts(r.response),
        r.resolution.estimate,
        interval(r.resolution),
        counts(r.resolution),
        r.satisfaction.estimate,
        interval(r.satisfaction),
        counts(r.satisfaction),
        r.onTime.estimate,
        interval(r.onTime),
        counts(r.onTime),
        r.notSignificantlyDifferent.map((k) => names.get(k) ?? k).join('、'),
      ].map((v) => (typeof v === 'string' || typeof v === 'number' ? safeCell(v) : null)),
    );
  }
  sheet.addRow([]);
  sheet.addRow([safeCell(`数据来源：${rates.source}。n 为各率的分母（派单数、回访接通数、到期数）；合并的诉求不计。`)]);
  for (const col of [5, 6, 9, 12, 15]) sheet.getColumn(col).numFmt = '0.0%';
  sheet.columns.forEach((c, i) => (c.width = [6, 10, 18, 12, 10][i] ?? 14));
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { rates, bytes };
}
