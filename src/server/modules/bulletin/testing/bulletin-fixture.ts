/**
 * Hand-made assessment results for the bulletin's tests: the assessment module computes real
 * ones; here a result is written straight into the tables, passing ZAssessmentResult, so the
 * bulletin can be tested on exactly the figures it must print.
 */
import type { Kysely } from 'kysely';
import { ZAssessmentResult, type TAssessmentResult, type TResultTownship } from '../../../../shared/assessment/index.ts';
import type { DB } from '../../../db/schema.ts';

export interface FixtureTownship {
  id: string;
  code: string;
  name: string;
}

/**
 * A result over the given townships, ranked in the order given: composites 90, 85, 80 … unless
 * given; each township's plausible ranks from `ranks` (default: certain); two components.
 *
 * @example
 * const result = handMadeResult({ assessmentId: '1', townships, countyCode: '370921', waves: [] });
 */
export function handMadeResult(o: {
  assessmentId: string;
  townships: readonly FixtureTownship[];
  countyCode?: string;
  waves?: TAssessmentResult['waves'];
  composites?: number[];
  ranks?: { best: number; worst: number }[];
  city?: TAssessmentResult['city'];
  adjustments?: Record<string, TResultTownship['adjustments']>;
}): TAssessmentResult {
  const townships: TResultTownship[] = o.townships.map((t, i) => {
    const composite = o.composites?.[i] ?? 90 - i * 5;
    const rank = o.ranks?.[i] ?? { best: i + 1, worst: i + 1 };
    const notSeparable = o.townships.filter((_, j) => j !== i && o.ranks && o.ranks[j] && o.ranks[j]!.best <= rank.worst && o.ranks[j]!.worst >= rank.best).map((x) => x.id);
    const adjustments = o.adjustments?.[t.code] ?? [];
    return {
      id: t.id,
      code: t.code,
      name: t.name,
      nameEn: null,
      rank: i + 1,
      bestRank: rank.best,
      worstRank: rank.worst,
      notSignificantlyDifferent: notSeparable,
      composite,
      compositeStandardError: 1.5,
      compositeInterval: { lower: composite - 2.94, upper: composite + 2.94 },
      components: [
        {
          key: 'survey_index',
          figure: { estimate: 70 + composite / 10, standardError: 1.2, n: 100 + i, interval: { lower: 70 + composite / 10 - 2.4, upper: 70 + composite / 10 + 2.4 } },
          points: composite,
          pointsStandardError: 2,
          weighted: composite * 0.6,
          source: { page: `/survey-results?wave=1&township=${t.code}`, label: { 'zh-CN': '满意度调查结果', en: 'Survey results' } },
        },
        {
          key: 'case_response',
          figure: { estimate: 0.9 - i / 100, standardError: 0, n: 40, interval: { lower: 0.8 - i / 100, upper: 0.95 - i / 100 } },
          points: composite,
          pointsStandardError: 0,
          weighted: composite * 0.4,
          source: { page: '/case-rates?month=2026-10', label: { 'zh-CN': '三率排名', en: 'Case rates' } },
        },
      ],
      adjustments,
      adjustmentTotal: adjustments.reduce((s, a) => s + a.points, 0),
      previous: null,
    };
  });
  return ZAssessmentResult.parse({
    assessmentId: o.assessmentId,
    schemeVersion: 1,
    name: '2026年第四季度乡镇考核',
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    county: { code: o.countyCode ?? '370921', name: '宁阳县', nameEn: 'Ningyang' },
    waves: o.waves ?? [],
    components: [
      { key: 'survey_index', weight: 0.6, scaling: { kind: 'fixed', worst: 60, best: 100 }, label: { 'zh-CN': '群众满意度指数', en: 'Satisfaction index' } },
      { key: 'case_response', weight: 0.4, scaling: { kind: 'fixed', worst: 0.5, best: 1 }, label: { 'zh-CN': '诉求响应率', en: 'Case response rate' } },
    ],
    townships,
    city: o.city ?? [],
    previousAssessment: null,
    computedAt: '2026-12-01T02:00:00.000Z',
  });
}

/**
 * Writes an assessment with scheme version 1 and the given result; published when asked (the
 * result is then frozen by the database's trigger).
 *
 * @example
 * const { assessmentId, resultId } = await insertAssessment(db, { countyCode: '370921', status: 'published', result: (id) => handMadeResult({ assessmentId: id, townships }) });
 */
export async function insertAssessment(
  db: Kysely<DB>,
  o: { countyCode?: string; status: 'draft' | 'published'; result: (assessmentId: string) => TAssessmentResult },
): Promise<{ assessmentId: string; resultId: string }> {
  const countyCode = o.countyCode ?? '370921';
  const county = await db.selectFrom('region').select('id').where('code', '=', countyCode).executeTakeFirstOrThrow();
  const a = await db
    .insertInto('assessment')
    .values({ county_code: countyCode, county_id: county.id, name: '2026年第四季度乡镇考核', period_start: '2026-10-01', period_end: '2026-12-31' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('assessment_scheme_version').values({ assessment_id: a.id, version: 1, scheme: JSON.stringify({ components: [], waveIds: [] }) }).execute();
  const r = await db
    .insertInto('assessment_result')
    .values({ assessment_id: a.id, scheme_version: 1, result: JSON.stringify(o.result(String(a.id))) })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.status === 'published') {
    await db.updateTable('assessment').set({ status: 'published', published_result_id: r.id, published_at: new Date('2026-12-05T02:00:00Z') }).where('id', '=', a.id).execute();
  }
  return { assessmentId: String(a.id), resultId: String(r.id) };
}
