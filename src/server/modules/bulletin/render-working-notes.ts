import { Packer, type Paragraph, type Table } from 'docx';
import { GAMING_READ_ROLES, hasAnyRole } from '../../../shared/roles.ts';
import { localDate, formatLocalDateTime } from '../../../shared/time.ts';
import { readJson } from '../../db/json-columns.ts';
import { forbidden } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { chineseDate } from './bulletin-model.ts';
import { loadBulletin } from './load-bulletin.ts';
import { body, chineseOrdinal, heading, officialDocument, table, title } from './official-document.ts';

const SIGNAL_NAMES: Record<string, string> = {
  uniform_answers: '答案异常一致',
  satisfaction_jump: '满意度异常跃升',
  cases_disagree: '诉求记录与群众评价不符',
  visits_disagree: '走访记录与群众评价不符',
};
const STATUS_NAMES: Record<string, string> = { new: '待核查', dismissed: '已排除', confirmed: '已确认' };
const SEVERITY_NAMES: Record<string, string> = { watch: '关注', review: '需核查' };

const number = (v: number | null) => (v === null ? '—' : Math.abs(v) < 1 ? v.toFixed(3) : v.toFixed(1));

/**
 * The county's working notes on an assessment (工作备注, county only: GAMING_READ_ROLES): the
 * signs of gaming flagged in its waves with their evidence and review, and the internal remarks
 * behind the bulletin (bonus and penalty items with their reasons, waves that could not be read).
 * A separate document marked 内部资料 on every page; never part of the bulletin, whose model has
 * no field for any of it. Reading it is not audited (no resident appears), like the bulletin.
 *
 * @example
 * const { bytes, fileName } = await renderWorkingNotes({ db, actor }, { assessmentId: '7' });
 */
export async function renderWorkingNotes(ctx: ReadContext, options: { assessmentId: string; now?: Date }): Promise<{ bytes: Buffer; fileName: string; flags: number }> {
  if (!hasAnyRole(ctx.actor.roles, GAMING_READ_ROLES)) throw forbidden();
  const now = options.now ?? new Date();
  const { assessment, result } = await loadBulletin(ctx, { assessmentId: options.assessmentId });
  const waveIds = result.waves.map((w) => w.id);
  const flags = waveIds.length
    ? await ctx.db
        .selectFrom('gaming_flag as g')
        .innerJoin('region as r', 'r.id', 'g.township_id')
        .innerJoin('survey_wave as w', 'w.id', 'g.wave_id')
        .leftJoin('app_user as u', 'u.id', 'g.reviewed_by')
        .select(['g.id', 'g.signal', 'g.severity', 'g.evidence', 'g.status', 'g.review_note', 'g.reviewed_at', 'g.detected_at', 'r.name as township', 'w.name as wave', 'u.display_name as reviewer'])
        .where('g.county_code', '=', assessment.countyCode)
        .where('g.wave_id', 'in', waveIds)
        .orderBy('r.code')
        .orderBy('g.id')
        .execute()
    : [];
  const out: (Paragraph | Table)[] = [...title(`${result.name}工作备注`)];
  out.push(body(['本备注仅供县联系服务群众工作领导小组办公室内部掌握，不随通报印发，不向乡镇（街道）提供。']));
  let section = 0;
  out.push(heading(1, `${chineseOrdinal(++section)}、刷分迹象`));
  if (!flags.length) out.push(body(['本期各调查未发现刷分迹象。']));
  flags.forEach((f, i) => {
    const evidence = readJson('gaming_flag.evidence', f.evidence);
    const review = f.status === 'new' ? '尚未核查' : `${STATUS_NAMES[f.status] ?? f.status}${f.reviewer ? `（${f.reviewer}，${formatLocalDateTime(f.reviewed_at!)}）` : ''}${f.review_note ? `：${f.review_note}` : ''}`;
    out.push(heading(3, `${i + 1}. ${f.township} · ${f.wave} · ${SIGNAL_NAMES[f.signal] ?? f.signal}（${SEVERITY_NAMES[f.severity] ?? f.severity}）`));
    out.push(body([`${evidence.summary['zh-CN']} 核查情况：${review}。发现于${formatLocalDateTime(f.detected_at)}。`]));
    if (evidence.measures.length) {
      out.push(
        table(
          ['指标', '本乡镇', '参照', '参照说明', 'n', 'p值'],
          evidence.measures.map((m) => [m.label['zh-CN'], number(m.township), number(m.reference), m.referenceLabel['zh-CN'], m.n === null ? '—' : String(m.n), m.p === null ? '—' : m.p.toFixed(4)]),
          [2.4, 1.2, 1.2, 2.4, 1, 1],
        ),
      );
    }
  });
  out.push(heading(1, `${chineseOrdinal(++section)}、其他内部备注`));
  const adjustments = result.townships.flatMap((t) => t.adjustments.map((a) => `${t.name}${a.points > 0 ? '加' : '减'}${Math.abs(a.points)}分：${a.reason}`));
  out.push(body([adjustments.length ? `加减分事项：${adjustments.join('；')}。` : '本期无加减分事项。']));
  out.push(body([`考核状态：${assessment.status === 'published' ? `已发布（${formatLocalDateTime(assessment.publishedAt!)}）` : '草稿，结果未发布'}；所用结果编号${assessment.resultId}，计算于${formatLocalDateTime(result.computedAt)}。`]));
  out.push(body([`生成于${chineseDate(localDate(now))}。`]));
  const bytes = await Packer.toBuffer(officialDocument({ children: out, mark: '内部资料 · 注意保存 · 不随通报印发', title: `${result.name}工作备注` }));
  return { bytes, fileName: `${result.name}工作备注（内部）.docx`, flags: flags.length };
}
