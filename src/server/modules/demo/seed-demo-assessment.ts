/**
 * Step 4 of the demo's loop: the last complete quarter's township assessment (考核), computed and
 * published through the assessment module's own use cases, with a bonus and a penalty item, the
 * city's spot check of the quarter, and — when the county has a second closed wave — a published
 * assessment of the quarter before, so the result shows "compared with the previous period".
 * Survey components come from the county's latest closed wave (the earlier assessment from the
 * one before it). Components the demo's data cannot give every township (a township with no
 * rectification task due, say) are dropped from the scheme as a county admin would, in a second
 * scheme version saying why. Run twice, it finds the published assessment and does nothing.
 */
import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import type { TAssessmentScheme, TAssessmentComponentKey } from '../../../shared/assessment/assessment-schemas.ts';
import { addAdjustment, computeAssessment, createAssessment, publishAssessment, saveCitySpotCheck, saveScheme } from '../assessment/index.ts';
import { computeWaveResults } from '../survey-results/index.ts';

/** The default weights (issue 12's example), before dropping what the data cannot support. */
const DEFAULT_WEIGHTS: [TAssessmentComponentKey, number, TAssessmentScheme['components'][number]['scaling']][] = [
  ['survey_index', 0.3, { kind: 'fixed', worst: 60, best: 95 }],
  ['survey_dissatisfaction', 0.1, { kind: 'fixed', worst: 0.3, best: 0.02 }],
  ['case_response', 0.1, { kind: 'fixed', worst: 0.6, best: 1 }],
  ['case_resolution', 0.15, { kind: 'fixed', worst: 0.5, best: 1 }],
  ['case_satisfaction', 0.1, { kind: 'fixed', worst: 0.5, best: 1 }],
  ['visit_coverage', 0.1, { kind: 'fixed', worst: 0.5, best: 1 }],
  ['rectification_on_time', 0.05, { kind: 'fixed', worst: 0, best: 1 }],
  ['policy_awareness', 0.1, { kind: 'fixed', worst: 0.4, best: 0.95 }],
];

/**
 * The last complete quarter before `now` (Asia/Shanghai), and the one before it.
 *
 * @example
 * lastQuarters(new Date('2026-12-06T00:00:00Z')); // [{ start: '2026-07-01', end: '2026-09-30', label: '2026年第三季度' }, { start: '2026-04-01', … }]
 */
export function lastQuarters(now: Date): { start: string; end: string; label: string }[] {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  let year = local.getUTCFullYear();
  let q = Math.floor(local.getUTCMonth() / 3); // the current quarter, 0-based; the last complete is q - 1
  const out: { start: string; end: string; label: string }[] = [];
  for (let k = 0; k < 2; k++) {
    q -= 1;
    if (q < 0) {
      q = 3;
      year -= 1;
    }
    const startMonth = q * 3 + 1;
    const endDay = new Date(Date.UTC(year, startMonth + 2, 0)).getUTCDate();
    out.push({
      start: `${year}-${String(startMonth).padStart(2, '0')}-01`,
      end: `${year}-${String(startMonth + 2).padStart(2, '0')}-${endDay}`,
      label: `${year}年第${['一', '二', '三', '四'][q]}季度`,
    });
  }
  return out;
}

const rescaled = (components: TAssessmentScheme['components']) => {
  const sum = components.reduce((s, c) => s + c.weight, 0);
  // Three decimals, the last component taking the rounding so the sum is exactly 1.
  const weights = components.map((c) => Math.round((c.weight / sum) * 1000) / 1000);
  weights[weights.length - 1] = Math.round((1 - weights.slice(0, -1).reduce((s, w) => s + w, 0)) * 1000) / 1000;
  return components.map((c, k) => ({ ...c, weight: weights[k]! }));
};

/** One published assessment of a period: created, its unsupported components dropped, computed, published. */
async function publishQuarter(
  ctx: WriteContext<null>,
  o: { countyCode: string; name: string; start: string; end: string; waveId: string; previousId: string | null; items: { townshipCode: string; points: number; reason: string }[]; now: Date },
): Promise<{ id: string; dropped: string[] }> {
  const scheme: TAssessmentScheme = { components: DEFAULT_WEIGHTS.map(([key, weight, scaling]) => ({ key, weight, scaling })), waveIds: [o.waveId] };
  const created = await createAssessment(ctx, { countyCode: o.countyCode, now: o.now, input: { name: o.name, periodStart: o.start, periodEnd: o.end, previousId: o.previousId, scheme, note: '默认方案' } });
  for (const item of o.items) await addAdjustment(ctx, { assessmentId: created.id, input: item, now: o.now });
  const dropped: string[] = [];
  let components = scheme.components;
  for (;;) {
    try {
      await computeAssessment(ctx, { assessmentId: created.id, now: o.now });
      break;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'assessment_missing_component')) throw error;
      const missing = new Set((error.options.issues ?? []).map((i) => i.path.split('.')[2]!));
      dropped.push(...missing);
      components = rescaled(components.filter((c) => !missing.has(c.key)));
      if (!components.length) throw error;
      await saveScheme(ctx, { assessmentId: created.id, now: o.now, input: { scheme: { components, waveIds: [o.waveId] }, note: `演示数据不足，去掉：${[...missing].join('、')}` } });
    }
  }
  await publishAssessment(ctx, { assessmentId: created.id, now: o.now });
  return { id: created.id, dropped };
}

/**
 * @example
 * const summary = await seedDemoAssessment({ db, actor: null, source }, { now });
 * // '2026年第三季度乡镇考核 published (13 townships), compared with 2026年第二季度'
 */
export async function seedDemoAssessment(ctx: WriteContext<null>, options: { now?: Date } = {}): Promise<string> {
  try {
    return await seedQuarters(ctx, options.now ?? new Date());
  } catch (error) {
    // The demo starts anyway: a wave in fieldwork over the quarter, say, is the county's to resolve.
    if (error instanceof AppError) return `skipped: ${error.code} ${(error.options.issues ?? []).map((i) => i.message).join('; ')}`;
    throw error;
  }
}

async function seedQuarters(ctx: WriteContext<null>, now: Date): Promise<string> {
  const { db } = ctx;
  const county = await db.selectFrom('region').select(['id', 'code']).where('level', '=', 'county').orderBy('code').executeTakeFirst();
  if (!county) return 'no county';
  const [last, before] = lastQuarters(now) as [{ start: string; end: string; label: string }, { start: string; end: string; label: string }];
  const name = `${last.label}乡镇考核`;
  const done = await db.selectFrom('assessment').select('id').where('county_code', '=', county.code).where('name', '=', name).where('status', '=', 'published').executeTakeFirst();
  if (done) return `${name} already published`;
  const waves = await db.selectFrom('survey_wave').select(['id', 'name']).where('county_code', '=', county.code).where('status', '=', 'closed').orderBy('ends_on', 'desc').orderBy('id', 'desc').limit(2).execute();
  if (!waves.length) return 'no closed wave: skipped';
  const townships = await db.selectFrom('region').select(['code', 'name']).where('parent_id', '=', county.id).where('level', '=', 'township').where('closed_on', 'is', null).orderBy('code').execute();
  if (townships.length < 2) return 'fewer than two townships: skipped';

  // The city's spot check of the quarter: a little below the county's own index, with its interval.
  const results = await computeWaveResults({ db, actor: null }, { waveId: waves[0]!.id, now });
  const index = results.county.index;
  if (!index.suppressed) {
    const estimate = Math.round((index.estimate - 1.2) * 10) / 10;
    await saveCitySpotCheck(ctx, {
      countyCode: county.code,
      now,
      input: { periodStart: last.start, periodEnd: last.end, figure: 'index', estimate, n: 600, lower: Math.round((estimate - 1.6) * 10) / 10, upper: Math.round((estimate + 1.6) * 10) / 10, source: `泰联服办〔${last.end.slice(0, 4)}〕${Number(last.end.slice(5, 7))}号`, cityRank: 3, cityCounties: 6 },
    });
  }

  let previous: { id: string } | null = null;
  if (waves[1]) {
    const earlierName = `${before.label}乡镇考核`;
    previous =
      (await db.selectFrom('assessment').select('id').where('county_code', '=', county.code).where('name', '=', earlierName).where('status', '=', 'published').executeTakeFirst()) ??
      (await publishQuarter(ctx, { countyCode: county.code, name: earlierName, start: before.start, end: before.end, waveId: waves[1].id, previousId: null, items: [], now }));
  }
  const published = await publishQuarter(ctx, {
    countyCode: county.code,
    name,
    start: last.start,
    end: last.end,
    waveId: waves[0]!.id,
    previousId: previous?.id ?? null,
    items: [
      { townshipCode: townships[0]!.code, points: 2, reason: '获市级“群众满意乡镇”表彰（加分）' },
      { townshipCode: townships[townships.length - 1]!.code, points: -1, reason: '季度内发生越级上访被市里通报（减分）' },
    ],
    now,
  });
  return `${name} published (${townships.length} townships${published.dropped.length ? `; dropped for lack of data: ${published.dropped.join(', ')}` : ''})${previous ? `, compared with ${before.label}` : ''}`;
}
