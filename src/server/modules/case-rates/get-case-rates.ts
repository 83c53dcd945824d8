import { sql } from 'kysely';
import { hasAnyRole } from '../../../shared/roles.ts';
import type { TCaseRateLevel, TCaseRateRow, TCaseRates } from '../../../shared/cases/index.ts';
import { DEFAULT_CONFIDENCE, type RankedItem } from '../../stats/index.ts';
import { forbidden } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { rankingGroups } from '../survey-results/index.ts';
import { loadCaseSettings } from './case-settings.ts';
import { compositeOf, rankComposites, RANK_ALPHA, rateOf, ZERO_COUNTS, type UnitCounts } from './rate-rules.ts';
import { ratesQuery } from './rates-sql.ts';

/** Where the figures come from, printed under the table and in the export. */
export const RATES_SOURCE = '连心民情诉求办理记录：派单（case_assignment）与回访（case_callback），按北京时间自然月统计';

type Viewer = { kind: 'county' } | { kind: 'township'; regionPath: string } | { kind: 'department'; departmentId: string };

/** Which view of the rates an account gets at a level: 403 for a level that is not theirs. */
function viewerOf(actor: Actor, level: TCaseRateLevel): Viewer {
  if (hasAnyRole(actor.roles, ['county_admin', 'county_leader'])) return { kind: 'county' };
  if (actor.roles.includes('township_admin')) {
    if (level === 'department') throw forbidden('case_rates_level_not_allowed');
    return { kind: 'township', regionPath: actor.regionPath };
  }
  if (actor.roles.includes('department_handler') && actor.departmentId !== null) {
    if (level !== 'department') throw forbidden('case_rates_level_not_allowed');
    return { kind: 'department', departmentId: actor.departmentId };
  }
  throw forbidden();
}

interface UnitRow {
  key: string;
  code: string | null;
  name: string;
  name_en: string | null;
  parent_name: string | null;
  /** Villages are ranked among their township's villages; other levels among all units of the level. */
  rank_group: string;
  open: boolean;
}

/** The units of a level in the county (or a township admin's villages), open ones and those closed since. */
async function loadUnits({ db }: ReadContext, options: { countyCode: string; level: TCaseRateLevel; regionPath?: string | undefined }): Promise<UnitRow[]> {
  if (options.level === 'department') {
    const rows = await db.selectFrom('department').select(['id', 'code', 'name', 'name_en']).where('county_code', '=', options.countyCode).orderBy('code').execute();
    return rows.map((d) => ({ key: `d${d.id}`, code: null, name: d.name, name_en: d.name_en, parent_name: null, rank_group: 'all', open: true }));
  }
  const rows = await db
    .selectFrom('region as r')
    .leftJoin('region as p', 'p.id', 'r.parent_id')
    .select(['r.id', 'r.code', 'r.name', 'r.name_en', 'r.parent_id', 'p.name as parent_name', sql<boolean>`r.closed_on IS NULL`.as('open')])
    .where('r.county_code', '=', options.countyCode)
    .where('r.level', '=', options.level)
    .$if(options.regionPath !== undefined, (q) => q.where((eb) => inSubtree(eb.ref('r.path'), options.regionPath!)))
    .orderBy('r.code')
    .execute();
  return rows.map((r) => ({ key: `r${r.id}`, code: r.code, name: r.name, name_en: r.name_en, parent_name: options.level === 'village' ? r.parent_name : null, rank_group: options.level === 'village' ? `r${r.parent_id}` : 'all', open: r.open }));
}

/**
 * The three rates (响应率, 解决率, 满意率) and the on-time rate (按期办结率) of every unit of a level
 * in a Shanghai month, each with its n and 95% Wilson interval, the composite with the county's
 * weights, and the ranking by composite with the survey's "cannot be told apart" groups
 * (`rankEstimates`, Holm). Counted in one SQL statement (`rates-sql.ts`), by the rules of
 * `rate-rules.ts`.
 *
 * Who sees what (aggregates only, never a resident): the county's staff every level; a township
 * admin its own villages (ranked among themselves) and the county's townships; a department
 * handler its department's row, with its rank among the departments. Villages are ranked among
 * their township's villages (`rankedAmong`). 403
 * `case_rates_level_not_allowed` for another level.
 *
 * @example
 * const rates = await getCaseRates({ db, actor }, { month: '2026-11', level: 'township' });
 * rates.rows[0]; // { unit: { name: '堽城镇', … }, response: { successes: 41, n: 44, estimate: 0.93, … }, composite: 0.86, rank: 1, … }
 */
export async function getCaseRates(ctx: ReadContext, options: { month: string; level: TCaseRateLevel; now?: Date }): Promise<TCaseRates> {
  const { db, actor } = ctx;
  const viewer = viewerOf(actor, options.level);
  if (!actor.countyCode) throw forbidden();
  const countyCode = actor.countyCode;
  const now = options.now ?? new Date();
  const settings = await loadCaseSettings(db, { countyCode });
  // A township admin's villages are ranked among themselves; other levels county-wide.
  const regionPath = viewer.kind === 'township' && options.level === 'village' ? viewer.regionPath : undefined;
  const [units, counted] = await Promise.all([
    loadUnits(ctx, { countyCode, level: options.level, regionPath }),
    ratesQuery({ countyCode, level: options.level, month: options.month, now, basicallySatisfiedCounts: settings.basicallySatisfiedCounts, regionPath }).execute(db),
  ]);
  const counts = new Map<string, UnitCounts>(
    counted.rows.map((r) => [
      r.unit_key,
      { responseN: r.response_n, responded: r.responded, callbacks: r.callbacks, solved: r.solved, satisfactionN: r.satisfaction_n, satisfied: r.satisfied, solvedSatisfied: r.solved_satisfied, onTimeN: r.on_time_n, onTime: r.on_time },
    ]),
  );
  const rows = units
    .filter((u) => u.open || counts.has(u.key))
    .map((u) => {
      const c = counts.get(u.key) ?? ZERO_COUNTS;
      const rates = { response: rateOf(c.responded, c.responseN), resolution: rateOf(c.solved, c.callbacks), satisfaction: rateOf(c.satisfied, c.satisfactionN) };
      const { composite, standardError } = compositeOf(settings.weights, rates, c.solvedSatisfied);
      return { u, rates, onTime: rateOf(c.onTime, c.onTimeN), composite, standardError };
    });
  // Villages are ranked within their township (as offices compare them, and as a township admin
  // sees them); pairwise comparisons across several hundred villages would also cost seconds.
  const position = new Map<string, RankedItem & { among: number }>();
  const groups: string[][] = [];
  let rankedOf = 0;
  const rankGroups = new Map<string, typeof rows>();
  for (const r of rows) rankGroups.set(r.u.rank_group, [...(rankGroups.get(r.u.rank_group) ?? []), r]);
  for (const members of rankGroups.values()) {
    const ranking = rankComposites(members.map((r) => ({ key: r.u.key, composite: r.composite, standardError: r.standardError })));
    for (const item of ranking.items) position.set(item.id, { ...item, among: ranking.items.length });
    groups.push(...rankingGroups(ranking));
    rankedOf += ranking.items.length;
  }
  const visible = (key: string) => viewer.kind !== 'department' || key === `d${viewer.departmentId}`;
  const out: TCaseRateRow[] = rows
    .filter((r) => visible(r.u.key))
    .map((r) => {
      const p = position.get(r.u.key);
      return {
        unit: { key: r.u.key, level: options.level, code: r.u.code, name: r.u.name, nameEn: r.u.name_en, parentName: r.u.parent_name },
        ...r.rates,
        onTime: r.onTime,
        composite: r.composite,
        compositeStandardError: r.standardError,
        rank: p?.rank ?? null,
        rankedAmong: p?.among ?? null,
        bestRank: p?.bestRank ?? null,
        worstRank: p?.worstRank ?? null,
        notSignificantlyDifferent: viewer.kind === 'department' ? [] : (p?.notSignificantlyDifferent ?? []),
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.unit.code ?? a.unit.key).localeCompare(b.unit.code ?? b.unit.key));
  return {
    month: options.month,
    level: options.level,
    scope: viewer.kind,
    weights: settings.weights,
    basicallySatisfiedCounts: settings.basicallySatisfiedCounts,
    confidence: DEFAULT_CONFIDENCE,
    alpha: RANK_ALPHA,
    rankedOf,
    rows: out,
    groups: viewer.kind === 'department' ? [] : groups,
    source: RATES_SOURCE,
    generatedAt: now.toISOString(),
  };
}
