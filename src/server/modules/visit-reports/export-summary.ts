import { hasAnyRole, VISIT_FLAG_READ_ROLES } from '../../../shared/roles.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findReportScope } from './find-report-campaign.ts';
import { getCampaignCoverage } from './get-campaign-coverage.ts';
import { listVisitFlags } from './list-visit-flags.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const yuan = (fen: number | null) => (fen === null ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`);

type Docx = typeof import('docx');

function table({ Paragraph, Table, TableCell, TableRow, TextRun, WidthType }: Docx, header: string[], rows: string[][]) {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
  });
}

/**
 * The campaign's summary as a Word document (.docx): title, period and deadline, coverage by
 * township (or by the next level down for a township admin), aid against plan and each
 * township's budget, overdue and due counts, the number of paper-visit flags and how many are
 * reviewed (for those who read flags), and when it was generated, in Asia/Shanghai time.
 * Audited. Returns the document's bytes.
 *
 * @example
 * const bytes = await exportSummary({ db, actor, source }, { campaignId: '7' });
 */
export async function exportSummary({ db, actor, source }: WriteContext, options: { campaignId: string; now?: Date }): Promise<Buffer> {
  const now = options.now ?? new Date();
  const scope = await findReportScope({ db, actor }, { campaignId: options.campaignId });
  const coverage = await getCampaignCoverage({ db, actor }, { campaignId: options.campaignId, now });
  const flags = hasAnyRole(actor.roles, VISIT_FLAG_READ_ROLES) ? await listVisitFlags({ db, actor }, { campaignId: options.campaignId, now }) : null;
  // docx is loaded only when a document is written (as ExcelJS is), not by every process loading the module.
  const docx = await import('docx');
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph } = docx;
  const c = coverage.campaign;
  const t = coverage.total;
  const children = [
    new Paragraph({ text: `${c.name}工作总结`, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
    new Paragraph({ text: `范围：${coverage.region.name}，活动期间：${c.startsOn} 至 ${c.endsOn}，完成时限：${c.deadline}（补录宽限 ${c.graceDays} 天）` }),
    new Paragraph({ text: `生成时间：${formatLocalDateTime(now)}（北京时间）` }),
    new Paragraph({ text: '一、走访覆盖', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({
      text: `目标户 ${t.targets} 户，已按要求走访 ${t.visited} 户（其中补录 ${t.visitedLate} 户），覆盖率 ${pct(t.coverage)}；困难户 ${t.hardshipTargets} 户，已走访 ${t.hardshipVisited} 户。逾期未走访 ${t.overdue} 户，尚在期限内待走访 ${t.due} 户。`,
    }),
    table(
      docx,
      [coverage.rowsAre === 'cadres' ? '干部' : '区域', '目标户', '已走访', '补录', '覆盖率', '困难户', '困难户已走访', '逾期'],
      coverage.rows.map((r) => [r.region?.name ?? r.cadre?.displayName ?? '村干部（未指派）', String(r.targets), String(r.visited), String(r.visitedLate), pct(r.coverage), String(r.hardshipTargets), String(r.hardshipVisited), String(r.overdue)]),
    ),
    new Paragraph({ text: '二、慰问发放', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: `按标准应发 ${yuan(t.plannedFen)}，已发放 ${yuan(t.deliveredFen)}。` }),
    table(
      docx,
      ['乡镇', '预算', '已发放', '作废', '结余', '是否超支'],
      coverage.budgets.map((b) => [b.township.name, yuan(b.budgetFen), yuan(b.deliveredFen), yuan(b.voidedFen), yuan(b.remainingFen), b.overBudget ? '超支' : '否']),
    ),
    new Paragraph({ text: '三、疑似"虚假走访"线索', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({
      text: flags === null ? '（由县级复核，本级不显示。）' : `共 ${flags.counts.total} 条线索，已复核 ${flags.counts.total - flags.counts.unreviewed} 条，待复核 ${flags.counts.unreviewed} 条。线索仅供复核，不作为处理依据。`,
    }),
  ];
  const doc = new Document({ creator: 'Lianxin', title: `${c.name}工作总结`, sections: [{ children }] });
  const bytes = await Packer.toBuffer(doc);
  const { region } = scope;
  await recordAudit({ db, source }, { action: 'visit_campaign.export_summary', entityType: 'visit_campaign', entityId: c.id, region: { id: region.id, path: region.path, county_code: scope.campaign.countyCode } });
  return bytes;
}
