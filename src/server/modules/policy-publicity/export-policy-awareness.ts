import type { TAwarenessCell, TPolicyAwareness } from '../../../shared/schemas/policy-publicity.ts';
import { safeCell } from '../../export/safe-cell.ts';
import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { getPolicyAwareness } from './get-policy-awareness.ts';

/** The detail sheet's header: one row per area × policy, every figure with its n and interval beside it. */
export const AWARENESS_DETAIL_HEADERS = [
  '乡镇',
  '政策',
  '政策代码',
  '题号',
  '知晓率',
  '95%区间下限',
  '95%区间上限',
  'n',
  '上轮知晓率变化',
  '变化95%区间下限',
  '变化95%区间上限',
  '变化检验p值',
  '变化判断',
  '显著低于全县',
] as const;

const VERDICTS: Record<NonNullable<TAwarenessCell['change']>['verdict'], string> = { improved: '提高', no_measurable_change: '无可测变化', worse: '下降' };

/** A change in percentage points, its sign a true minus (U+2212): text starting with '-' would read as a formula and be escaped. */
const changeText = (c: NonNullable<TAwarenessCell['change']>) => `${c.difference >= 0 ? '+' : '\u2212'}${Math.abs(c.difference * 100).toFixed(1)}个百分点（${VERDICTS[c.verdict]}）`;

/** A cell's awareness as the matrix shows it: the share, or why there is none. */
const shareOrWhy = (cell: TAwarenessCell | undefined, minN: number): number | string => (!cell ? '未调查' : cell.awareness.suppressed ? `n<${minN}` : cell.awareness.estimate);

/**
 * A closed wave's policy awareness (政策知晓率) as XLSX: a matrix of township × policy (the county
 * first) and a detail sheet with each cell's n, 95% interval, its change from the previous closed
 * wave (difference, interval, p, verdict: never a bare difference) and whether it is significantly
 * below the county (Holm-adjusted). Exactly what the caller may see on the publicity page: a
 * township admin gets their township and the county. Cells under the reporting minimum are shown
 * as "n<5", never as a figure. Text cells are safe against formula injection. Aggregates only: no
 * resident appears, so nothing is audited.
 *
 * @example
 * const { bytes, fileName } = await exportPolicyAwareness({ db, actor }, { waveId: '7' });
 */
export async function exportPolicyAwareness(ctx: ReadContext<Actor | null>, options: { waveId: string }): Promise<{ awareness: TPolicyAwareness; bytes: Buffer; fileName: string }> {
  const awareness = await getPolicyAwareness(ctx, options);
  const { wave, previousWave, policies, minReportableN: minN } = awareness;
  const areas = [awareness.county, ...awareness.townships];
  const below = new Set(awareness.lowest.items.filter((c) => c.significantlyBelow).map((c) => `${c.townshipCode}|${c.policyCode}`));
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const title = `${wave.name}（${wave.startsOn} 至 ${wave.endsOn}）政策知晓率`;
  const note = [
    `知晓率及其 95% 区间与平台“政策宣传”页相同（全县为按乡镇人口分层的估计）；样本少于 ${minN} 人的格不公布（显示 n<${minN}）`,
    previousWave ? `变化为与上一轮 ${previousWave.name}（${previousWave.startsOn} 至 ${previousWave.endsOn}）相比，按两轮独立样本的 z 检验判断` : '没有更早的已结束轮次，不计算变化',
    `“显著低于全县”为乡镇与全县比较的 z 检验，Holm 校正，α = ${awareness.lowest.alpha}`,
  ].join('；');
  const source = `数据来源：群众满意度电话调查 ${wave.name}（轮次编号 ${wave.id}），连心平台“政策宣传”页。`;

  const matrix = workbook.addWorksheet('知晓率', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' } });
  const width = 1 + policies.length * 2;
  matrix.addRow([safeCell(title)]);
  matrix.addRow([safeCell(note)]);
  matrix.mergeCells(1, 1, 1, width);
  matrix.mergeCells(2, 1, 2, width);
  matrix.getRow(1).font = { bold: true, size: 14 };
  matrix.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  matrix.getRow(2).height = 48;
  const header = matrix.addRow(['乡镇', ...policies.flatMap((p) => [safeCell(`${p.name}知晓率`), safeCell(`${p.name}较上轮`)])]);
  header.font = { bold: true };
  for (const area of areas) {
    const cells = new Map(area.cells.map((c) => [c.policyCode, c]));
    matrix.addRow([
      safeCell(area.region.name),
      ...policies.flatMap((p) => {
        const cell = cells.get(p.code);
        const change = cell?.change;
        return [safeCell(shareOrWhy(cell, minN)), change ? safeCell(changeText(change)) : null];
      }),
    ]);
  }
  matrix.addRow([]);
  matrix.addRow([safeCell(source)]);
  for (let k = 0; k < policies.length; k++) matrix.getColumn(2 + k * 2).numFmt = '0.0%';
  matrix.getColumn(1).width = 14;
  for (let col = 2; col <= width; col++) matrix.getColumn(col).width = col % 2 === 0 ? 12 : 24;

  const detail = workbook.addWorksheet('明细');
  detail.addRow([safeCell(title)]);
  detail.mergeCells(1, 1, 1, AWARENESS_DETAIL_HEADERS.length);
  detail.getRow(1).font = { bold: true, size: 14 };
  const detailHeader = detail.addRow([...AWARENESS_DETAIL_HEADERS]);
  detailHeader.font = { bold: true };
  const names = new Map(policies.map((p) => [p.code, p.name]));
  for (const area of areas) {
    for (const p of policies) {
      const cell = area.cells.find((c) => c.policyCode === p.code);
      if (!cell) continue;
      const a = cell.awareness;
      const change = cell.change;
      detail.addRow(
        [
          area.region.name,
          names.get(cell.policyCode) ?? cell.policyCode,
          cell.policyCode,
          cell.questionCode,
          a.suppressed ? `n<${minN}` : a.estimate,
          a.suppressed ? null : (a.interval?.lower ?? null),
          a.suppressed ? null : (a.interval?.upper ?? null),
          a.n,
          change?.difference ?? null,
          change?.interval.lower ?? null,
          change?.interval.upper ?? null,
          change?.p ?? null,
          change ? VERDICTS[change.verdict] : null,
          area === awareness.county ? null : below.has(`${area.region.code}|${cell.policyCode}`) ? '是' : '否',
        ].map((v) => safeCell(v)),
      );
    }
  }
  detail.addRow([]);
  detail.addRow([safeCell(source)]);
  for (const col of [5, 6, 7, 9, 10, 11]) detail.getColumn(col).numFmt = '0.0%';
  detail.getColumn(12).numFmt = '0.000';
  detail.columns.forEach((c, i) => (c.width = [14, 16, 12, 8][i] ?? 12));

  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { awareness, bytes, fileName: `政策知晓率-${wave.name}.xlsx` };
}
