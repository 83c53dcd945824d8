import type { Command } from 'commander';
import { AppError } from '../../server/http/errors.ts';
import { ZId } from '../../shared/schemas/common.ts';
import type { TAreaResults, TEstimate, TSurveyResults } from '../../shared/schemas/survey-results.ts';
import { CliError } from '../errors.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';

/** Columns on a terminal: CJK characters take two. */
const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
const pad = (text: string, columns: number, right = false) => (right ? ' '.repeat(Math.max(0, columns - width(text))) + text : text + ' '.repeat(Math.max(0, columns - width(text))));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: string[]) => cells.map((cell, c) => pad(cell, widths[c]!, c > 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** "78.4 [77.2–79.6]" for an index, "81.0% [79.4–82.5]" for a rate, "— (n=3)" when suppressed. */
function cell(e: TEstimate, kind: 'index' | 'rate'): string {
  if (e.suppressed) return `— (n=${e.n})`;
  const f = (v: number) => (kind === 'rate' ? (100 * v).toFixed(1) : v.toFixed(1));
  const unit = kind === 'rate' ? '%' : '';
  return e.interval ? `${f(e.estimate)}${unit} [${f(e.interval.lower)}–${f(e.interval.upper)}]` : `${f(e.estimate)}${unit}`;
}

/** The results as people read them: the county, then townships in rank order, then domain scores. */
export function formatResults(r: TSurveyResults): string {
  const rank = new Map(r.ranking.items.map((item) => [item.code, item]));
  const names = new Map(r.townships.map((t) => [t.region.code, t.region.name]));
  const ordered = [...r.townships].sort((a, b) => (rank.get(a.region.code)?.rank ?? 1e9) - (rank.get(b.region.code)?.rank ?? 1e9) || (a.region.code < b.region.code ? -1 : 1));
  const row = (area: TAreaResults, label: string) => {
    const position = rank.get(area.region.code);
    return [
      label,
      String(area.completes),
      cell(area.index, 'index'),
      cell(area.satisfaction, 'rate'),
      cell(area.dissatisfaction, 'rate'),
      cell(area.awareness.overall, 'rate'),
      cell(area.visited, 'rate'),
      position ? (position.bestRank === position.worstRank ? String(position.rank) : `${position.rank} (${position.bestRank}–${position.worstRank})`) : '',
    ];
  };
  const main = table(
    ['乡镇 township', 'n', '满意度指数 index', '满意率 satisfied', '不满意率 dissatisfied', '政策知晓 aware', '干部走访 visited', '排名 rank'],
    [row(r.county, `${r.county.region.name} (county, SE ${r.county.index.suppressed ? '—' : (r.county.index.standardError ?? 0).toFixed(2)})`), ...ordered.map((t) => row(t, `${t.region.name} ${t.region.code}`))],
  );
  const domains = table(
    ['乡镇 township', ...r.county.domains.map((d) => `${d.questionCode} ${d.text['zh-CN'].replace(/^您对本乡镇|是否满意？$/g, '').slice(0, 8)}`)],
    [r.county, ...ordered].map((area) => [area === r.county ? area.region.name : `${area.region.name}`, ...area.domains.map((d) => cell(d.score, 'index'))]),
  );
  const notes = [
    `Wave ${r.wave.id} ${r.wave.name} (${r.wave.status}, ${r.wave.startsOn} – ${r.wave.endsOn}). 95% intervals: t for the index and scores, Wilson for rates; the county is the`,
    'stratified estimate weighted by township population. Rank (best–worst): the places a township could plausibly hold (Holm-adjusted pairwise tests).',
    `Figures with fewer than ${r.minReportableN} valid answers are suppressed (—).`,
    ...(r.ranking.groups.length ? [`Not statistically different 无显著差异: ${r.ranking.groups.map((g) => g.map((code) => names.get(code) ?? code).join(' ≈ ')).join('; ')}`] : []),
    ...(r.countyExcludes.length ? [`Left out of some county figures (small base) 县级估计未含: ${r.countyExcludes.join(', ')}`] : []),
    ...(r.unassigned ? [`${r.unassigned} complete interviews name a township outside the wave and are not counted.`] : []),
  ];
  return [main, '', '各领域得分 domain scores', domains, '', ...notes].join('\n');
}

export function surveyResultsCommand(program: Command) {
  // The survey command group may already exist (other survey commands register into it).
  const survey = program.commands.find((c) => c.name() === 'survey') ?? program.command('survey').description('Satisfaction telephone survey | 群众满意度电话调查');
  survey
    .command('results')
    .description("A wave's results per township and for the county, with 95% intervals and the ranking | 调查结果")
    .requiredOption('--wave <id>', 'the wave id')
    .option('--json', 'machine-readable output (the same shape as GET /api/survey/waves/:id/results)')
    .addHelpText('after', ['', 'The figures of every township are shown (county view); aggregates with fewer than 5 valid answers are suppressed.', '显示全县及各乡镇结果；有效回答少于 5 个的数字不显示。', '', 'Example: lianxin survey results --wave 3 --json'].join('\n'))
    .action(async (o: CliOptions & { wave: string }) => {
      const id = ZId.safeParse(o.wave.trim());
      if (!id.success) throw new CliError(`--wave: a wave id is a positive whole number, got "${o.wave}".\n--wave：轮次编号应为正整数。`);
      const { computeWaveResults } = await import('../../server/modules/survey-results/index.ts');
      const results = await withDatabase('survey results', ({ db }) =>
        computeWaveResults({ db, actor: null }, { waveId: id.data }).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'not_found') throw new CliError(`There is no survey wave ${id.data}.\n没有编号为 ${id.data} 的调查轮次。`);
          throw error;
        }),
      );
      output(o, results, () => formatResults(results));
    });
}
