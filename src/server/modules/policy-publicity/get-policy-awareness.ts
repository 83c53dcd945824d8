import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { TAwarenessCell, TLowestCell, TPolicyAwareness, TPublicityEffortCell } from '../../../shared/schemas/policy-publicity.ts';
import type { TAreaResults, TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import { compareWaves } from '../../stats/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadDefinition } from '../survey/index.ts';
import { computeWaveResults, loadWave, viewerOf } from '../survey-results/index.ts';
import { lowestAwarenessCells, resolveAwarenessItems, type ResolvedItem } from './awareness-rules.ts';
import { effortCells } from './get-publicity-effort.ts';
import { awarenessQuestions, loadCatalogue, loadCountyLinks } from './publicity-queries.ts';

/** Family-wise error rate of "significantly below the county". */
export const LOWEST_ALPHA = 0.05;
/** Without a previous closed wave, the effort counted is that of this many days before the wave began. */
export const EFFORT_LOOKBACK_DAYS = 90;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A wave's items resolved, and its figure per area and policy code. */
async function resolvedResults(db: Kysely<DB>, results: TSurveyResults, countyCode: string, knownPolicies: ReadonlySet<string>) {
  const definition = await loadDefinition({ db }, { versionId: results.wave.questionnaireVersionId });
  const resolved = resolveAwarenessItems({
    items: awarenessQuestions(definition).map((q) => ({ questionCode: q.code, policyCode: q.policyCode })),
    countyLinks: await loadCountyLinks(db, countyCode),
    knownPolicies,
  });
  const texts = new Map(awarenessQuestions(definition).map((q) => [q.code, q.policy ?? q.text]));
  const linked = resolved.filter((r): r is Extract<ResolvedItem, { status: 'linked' }> => r.status === 'linked');
  // policy:<questionCode> figures, as computeWaveResults gives them, by area code and policy code.
  const figureOf = (area: TAreaResults) => {
    const byQuestion = new Map(area.awareness.policies.map((p) => [p.questionCode, p.awareness]));
    return new Map(linked.flatMap((r) => (byQuestion.has(r.questionCode) ? [[r.policyCode, { questionCode: r.questionCode, awareness: byQuestion.get(r.questionCode)! }] as const] : [])));
  };
  const areas = new Map([results.county, ...results.townships].map((area) => [area.region.code, figureOf(area)]));
  return { resolved, texts, linked, areas };
}

const changeOf = (before: TEstimate | undefined, after: TEstimate, previousWaveId: string): TAwarenessCell['change'] => {
  if (!before || before.suppressed || after.suppressed || before.standardError === null || after.standardError === null) return null;
  const change = compareWaves({ before: { estimate: before.estimate, standardError: before.standardError }, after: { estimate: after.estimate, standardError: after.standardError } });
  return { previousWaveId, difference: change.difference, interval: change.interval, p: change.p, verdict: change.verdict };
};

/**
 * Awareness of a closed wave per township × policy (政策知晓率), for the publicity page, the
 * dashboard and the bulletin. Figures are computeWaveResults' `policy:<questionCode>` estimates
 * (n, interval, suppressed below 5), mapped to policy codes by the one resolver (the question's
 * own `policyCode`, else the county's link; unlinked items are listed as such). Each cell carries
 * its change from the previous closed wave of the county (compareWaves: improved / no measurable
 * change / worse, with the difference's interval). `lowest` lists the township × policy cells
 * significantly below the rest of the county (the statistics module's test, Holm-adjusted over
 * every tested cell; nothing on a low estimate alone), each with the period's publicity effort in
 * that township (activities and visits explaining that policy).
 *
 * Viewers as for survey results: the county sees every township; a township admin sees their own
 * township and the county only (the lowest list too). 404 for a wave outside the caller's county,
 * 409 `publicity_wave_not_closed` for a wave not closed. `actor: null` reads for the deployment.
 *
 * @example
 * const awareness = await getPolicyAwareness({ db, actor }, { waveId: '7' });
 * awareness.townships[0].cells[0]; // => { policyCode: 'dibao', questionCode: 'Q10c', awareness: { n: 96, estimate: 0.62, interval: {…}, … }, change: { verdict: 'improved', … } }
 */
export async function getPolicyAwareness({ db, actor }: ReadContext<Actor | null>, options: { waveId: string }): Promise<TPolicyAwareness> {
  const wave = await loadWave(db, options.waveId);
  const viewer = !wave ? null : actor === null ? ({ kind: 'county' } as const) : viewerOf(actor, wave);
  if (!wave || !viewer) throw notFound();
  if (wave.status !== 'closed') throw conflict('publicity_wave_not_closed');
  // The whole county's figures: the "below the county" test is one family over every township,
  // whatever the viewer may see of it; what they see is filtered at the end.
  const results = await computeWaveResults({ db, actor: null }, { waveId: wave.id });
  const previousRow = await db
    .selectFrom('survey_wave')
    .select('id')
    .where('county_id', '=', wave.county_id)
    .where('status', '=', 'closed')
    .where('ends_on', '<', wave.ends_on)
    .orderBy('ends_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const previous = previousRow ? await computeWaveResults({ db, actor: null }, { waveId: previousRow.id }) : null;

  const catalogue = await loadCatalogue(db);
  const known = new Set(catalogue.map((p) => p.code));
  const now = await resolvedResults(db, results, wave.county_code, known);
  const before = previous ? await resolvedResults(db, previous, wave.county_code, known) : null;

  const effortPeriod = { from: previous ? addDays(previous.wave.endsOn, 1) : addDays(wave.starts_on, -EFFORT_LOOKBACK_DAYS), to: wave.ends_on };
  const county = { id: wave.county_id, code: wave.county_region_code, name: wave.county_name, name_en: wave.county_name_en, path: wave.county_path, county_code: wave.county_code };
  const effort = await effortCells(db, { county, within: wave.county_path, ...effortPeriod });
  const effortOf = (townshipCode: string, policyCode: string): Pick<TPublicityEffortCell, 'activities' | 'audience' | 'visits'> => {
    const c = effort.find((e) => e.townshipCode === townshipCode && e.policyCode === policyCode);
    return { activities: c?.activities ?? 0, audience: c?.audience ?? 0, visits: c?.visits ?? 0 };
  };

  const policyOrder = catalogue.filter((p) => now.linked.some((l) => l.policyCode === p.code));
  const areaOut = (area: TAreaResults) => {
    const figures = now.areas.get(area.region.code)!;
    const earlier = before?.areas.get(area.region.code);
    const cells = policyOrder.flatMap((p): TAwarenessCell[] => {
      const figure = figures.get(p.code);
      if (!figure) return [];
      return [{ policyCode: p.code, questionCode: figure.questionCode, awareness: figure.awareness, change: previous ? changeOf(earlier?.get(p.code)?.awareness, figure.awareness, previous.wave.id) : null }];
    });
    return { region: area.region, cells };
  };

  const townshipCells = results.townships.flatMap((t) => [...now.areas.get(t.region.code)!.entries()].map(([policyCode, f]) => ({ townshipCode: t.region.code, policyCode, figure: f.awareness })));
  const countyFigures = now.areas.get(results.county.region.code)!;
  const lowest = lowestAwarenessCells({
    cells: townshipCells,
    county: new Map([...countyFigures.entries()].map(([code, f]) => [code, f.awareness])),
    populations: new Map(results.townships.map((t) => [t.region.code, t.population])),
    alpha: LOWEST_ALPHA,
  });

  const ownCode = viewer.kind === 'township' ? await db.selectFrom('region').select('code').where('id', '=', viewer.townshipId).executeTakeFirst() : undefined;
  const visible = (code: string) => viewer.kind === 'county' || code === ownCode?.code;
  const lowestItems: TLowestCell[] = lowest.items.filter((i) => visible(i.townshipCode)).map((i) => ({ ...i, effort: effortOf(i.townshipCode, i.policyCode) }));

  return {
    wave: results.wave,
    previousWave: previous?.wave ?? null,
    scope: viewer.kind,
    minReportableN: results.minReportableN,
    policies: policyOrder.map((p) => ({ code: p.code, name: p.name, nameEn: p.name_en })),
    unlinked: now.resolved.flatMap((r) => (r.status === 'linked' ? [] : [{ questionCode: r.questionCode, policyText: now.texts.get(r.questionCode)!, reason: r.status }])),
    county: areaOut(results.county),
    townships: results.townships.filter((t) => visible(t.region.code)).map(areaOut),
    effortPeriod,
    lowest: { alpha: LOWEST_ALPHA, adjustment: 'holm', tested: lowest.tested, items: lowestItems },
  };
}
