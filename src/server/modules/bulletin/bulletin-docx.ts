/**
 * The bulletin (通报) as a Word document in the standard's form, written from the model alone:
 * the DOCX says exactly what the preview and the XLSX say.
 */
import type { Document, Paragraph, Table } from 'docx';
import type { TBulletinDomainFinding, TBulletinFigure, TBulletinModel } from '../../../shared/api/bulletin.ts';
import { blank, body, chineseOrdinal, heading, officialDocument, redHeader, table, title, TWO_CHARS } from './official-document.ts';

/** What a draft's bulletin says on every page. */
export const DRAFT_MARK = '征求意见稿 · 考核结果未发布，不得外传';

const withInterval = (f: TBulletinFigure) => `${f.text}${f.intervalText ? `（95%区间${f.intervalText}${f.n === null ? '' : `，n=${f.n}`}）` : f.n === null ? '' : `（n=${f.n}）`}`;

const finding = (d: TBulletinDomainFinding) =>
  `${d.label['zh-CN']}${d.township.text}分（n=${d.township.n ?? '—'}），全县其他乡镇${d.rest.text}分（全县${d.county.text}分），差${d.difference.text}分（95%区间${d.difference.intervalText}）`;

/**
 * The bulletin's Word document: 版头, title, 主送机关, the lead, then 一、县市对比 二、排名
 * 三、各乡镇优势和薄弱领域 四、整改进度 五、先进和后进 六、方法说明 七、数据来源, 署名 and 成文日期.
 *
 * @example
 * const doc = bulletinDocx(model); // Packer.toBuffer(doc) → the .docx bytes
 */
export function bulletinDocx(model: TBulletinModel): Document {
  const out: (Paragraph | Table)[] = [...redHeader(model.header.issuer, model.header.number), ...title(model.title)];
  out.push(body([model.addressee], { indent: false }));
  out.push(body([model.lead]));
  let section = 0;
  const h1 = (text: string) => out.push(heading(1, `${chineseOrdinal(++section)}、${text}`));

  h1('全县结果与市级抽查对比');
  if (model.cityNote) out.push(body([model.cityNote]));
  for (const c of model.city) if (!model.cityNote || c.county) out.push(body([c.sentence]));

  h1('乡镇（街道）综合排名');
  out.push(body([`本期参加考核的乡镇（街道）${model.ranking.length}个。综合得分及分项得分见下表；“可能名次”是统计误差允许的名次范围。`]));
  out.push(
    table(
      ['名次', '可能名次', '乡镇（街道）', '综合得分', '95%区间', '加减分'],
      model.ranking.map((r) => [String(r.rank), r.rankText, r.name, r.composite.text, r.composite.intervalText, r.adjustmentTotal === 0 ? '—' : r.adjustmentTotal.toFixed(1)]),
      [1, 1.4, 2.4, 1.4, 2, 1.1],
    ),
  );
  if (model.components.length) {
    out.push(blank());
    out.push(body([`分项得分（指标值／折算分；权重：${model.components.map((c) => `${c.label['zh-CN']}${c.weight}`).join('，')}）：`]));
    out.push(
      table(
        ['乡镇（街道）', ...model.components.map((c) => c.label['zh-CN'])],
        model.ranking.map((r) => [r.name, ...model.components.map((k) => r.components.find((c) => c.key === k.key)).map((c) => (c ? `${c.figure?.text ?? '—'}\n${c.points.text}分` : '—'))]),
        [2.2, ...model.components.map(() => 1.5)],
      ),
    );
  }

  h1('各乡镇（街道）优势领域和薄弱领域');
  out.push(body(['以下只列出与全县其他乡镇相比差异超出抽样误差的领域；未列出的领域与全县无可测差异。']));
  if (model.wavesMissing.length) out.push(body([`${model.wavesMissing.join('、')}的调查结果暂不可读，未纳入比较。`]));
  model.townships.forEach((t, i) => {
    const strengths = t.strengths.length ? t.strengths.map(finding).join('；') : '无明显优势领域';
    const weaknesses = t.weaknesses.length ? t.weaknesses.map(finding).join('；') : '无明显薄弱领域';
    const note = t.compared === 0 ? '（本期无可比较的领域数据）' : t.suppressed ? `（${t.suppressed}个领域样本不足，未作比较）` : '';
    out.push(body([`${i + 1}. ${t.name}。优势领域：${strengths}。薄弱领域：${weaknesses}。${note}`]));
  });

  h1('整改任务进展');
  out.push(body([model.rectification.sentence]));
  if (model.rectification.rows.length) {
    const rows = [...model.rectification.rows, ...(model.rectification.total ? [model.rectification.total] : [])];
    out.push(
      table(
        ['乡镇（街道）', '任务数', '整改中', '待验收', '已验收', '按期完成', '逾期'],
        rows.map((r) => [r.name, r.total, r.open, r.submitted, r.accepted, r.acceptedOnTime, r.overdue].map(String)),
        [2.6, 1, 1, 1, 1, 1.2, 1],
      ),
    );
  }

  h1('先进和后进乡镇（街道）');
  if (!model.best) out.push(body(['本期无排名结果。']));
  if (model.best) out.push(heading(2, '（一）综合得分靠前'), body([model.best.sentence]));
  if (model.lagging && model.lagging.sentence !== model.best?.sentence) out.push(heading(2, '（二）综合得分靠后'), body([model.lagging.sentence]));

  h1('方法说明');
  model.method.forEach((m, i) => out.push(body([`${i + 1}. ${m}`])));
  for (const c of model.city) if (c.city) out.push(body([`市级抽查${c.label['zh-CN']}：${withInterval(c.city)}，来源：${c.cityDocument ?? '—'}。`]));

  h1('数据来源');
  out.push(body(['本通报中的数字均可在连心平台以下页面查到：']));
  model.sources.forEach((s, i) => out.push(body([`${i + 1}. ${s.label['zh-CN']}：${s.page}`])));

  // 署名 and 成文日期: below the text after a blank line, two characters in from the right.
  out.push(blank(), blank());
  out.push(body([model.header.signature], { indent: false, align: 'right', rightIndent: TWO_CHARS }));
  out.push(body([model.header.dateText], { indent: false, align: 'right', rightIndent: TWO_CHARS }));
  return officialDocument({ children: out, mark: model.draft ? DRAFT_MARK : null, title: model.title });
}
