import { sql } from 'kysely';
import { QC_FLAGS } from '../../../shared/schemas/survey-results.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findWaveToSupervise, waveRegion } from './find-report-wave.ts';
import { loadDefinition } from '../survey/index.ts';
import { resultsQuestionnaire } from './read-questionnaire.ts';

/** The median of a list of numbers (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Quality control of a wave's complete interviews: `too_short` when an interview took less than
 * `shortFraction` of the wave's median duration (a script read that fast was probably not read),
 * `straight_lining` when at least `minStraightLineAnswers` satisfaction questions (overall and
 * domains) were answered and every answer is the same option. Flags are recomputed each run, so
 * a changed threshold also clears flags that no longer hold; other flags are left alone.
 * Audited, one entry for the run.
 *
 * @example
 * await flagInterviews({ db, actor, source }, { waveId: '3', shortFraction: 0.4, minStraightLineAnswers: 6 });
 * // => { checked: 1300, medianSeconds: 540, thresholdSeconds: 216, tooShort: 12, straightLining: 31, flagged: 40 }
 */
export async function flagInterviews({ db, actor, source }: WriteContext, options: { waveId: string; shortFraction: number; minStraightLineAnswers: number }) {
  const wave = await findWaveToSupervise(db, actor, options.waveId);
  const questionnaire = resultsQuestionnaire(await loadDefinition({ db }, { versionId: wave.questionnaire_version_id }));
  const satisfactionCodes = [questionnaire.overall, ...questionnaire.domains].filter((q) => q !== null).map((q) => q.code);
  const rows = await sql<{ id: string; duration_seconds: number; qc_flags: string[]; answered: string; distinct_options: string }>`
    SELECT i.id, i.duration_seconds, i.qc_flags, count(a.option_id) AS answered, count(DISTINCT a.option_id) AS distinct_options
    FROM interview i
    LEFT JOIN interview_answer a
      ON a.interview_id = i.id AND a.option_id IS NOT NULL AND a.question_code = ANY(${sql.val(satisfactionCodes)}::text[])
    WHERE i.wave_id = ${wave.id} AND i.status = 'complete'
    GROUP BY i.id`.execute(db);
  const medianSeconds = median(rows.rows.map((r) => r.duration_seconds));
  const thresholdSeconds = medianSeconds === null ? null : options.shortFraction * medianSeconds;
  const ours = new Set<string>(QC_FLAGS);
  // Interviews grouped by their new flag set, to update each group in one statement.
  const changes = new Map<string, string[]>();
  let tooShort = 0;
  let straightLining = 0;
  let flagged = 0;
  for (const row of rows.rows) {
    const flags = row.qc_flags.filter((f) => !ours.has(f));
    if (thresholdSeconds !== null && row.duration_seconds < thresholdSeconds) {
      flags.push('too_short');
      tooShort++;
    }
    if (Number(row.answered) >= options.minStraightLineAnswers && Number(row.distinct_options) === 1) {
      flags.push('straight_lining');
      straightLining++;
    }
    if (flags.some((f) => ours.has(f))) flagged++;
    if (flags.join(',') === row.qc_flags.join(',')) continue;
    const key = JSON.stringify(flags);
    changes.set(key, [...(changes.get(key) ?? []), row.id]);
  }
  const result = { checked: rows.rows.length, medianSeconds, thresholdSeconds, tooShort, straightLining, flagged };
  await db.transaction().execute(async (trx) => {
    for (const [key, ids] of changes) {
      await trx
        .updateTable('interview')
        .set({ qc_flags: sql<string[]>`${sql.val(JSON.parse(key) as string[])}::text[]` })
        .where('id', '=', sql<string>`ANY(${sql.val(ids)}::bigint[])`)
        .execute();
    }
    await recordAudit({ db: trx, source }, {
      action: 'survey.qc_flagged',
      entityType: 'survey_wave',
      entityId: wave.id,
      region: waveRegion(wave),
      after: { shortFraction: options.shortFraction, minStraightLineAnswers: options.minStraightLineAnswers, ...result, changed: [...changes.values()].reduce((n, ids) => n + ids.length, 0) },
    });
  });
  return result;
}
