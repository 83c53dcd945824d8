/**
 * The survey results module on the workbench: the satisfaction index of the caller's area with
 * its trend (leaders and administrators), and the waves in fieldwork with their progress
 * (whoever runs the survey). Built from this module's own use cases, so the workbench shows no
 * figure the results and progress pages would not show the same caller.
 */
import { SURVEY_MANAGE_ROLES } from '../../../shared/roles.ts';
import type { z } from 'zod';
import type { TEstimate, ZReportWave } from '../../../shared/schemas/survey-results.ts';
import type { TWorkbenchCard } from '../../../shared/schemas/workbench.ts';
import type { WorkbenchContribution, WorkbenchContext } from '../workbench/index.ts';
import { computeWaveResults } from './compute-wave-results.ts';
import { loadWave } from './find-report-wave.ts';
import { getWaveProgress } from './get-wave-progress.ts';
import { listResultsWaves } from './list-results-waves.ts';

type ReportWave = z.infer<typeof ZReportWave>;

/** Closed waves on the trend line; older ones are on the results page. */
const TREND_WAVES = 8;

/**
 * The index card: the latest closed wave with complete interviews (final figures; a running
 * wave's interim figures are on the results page for those who may see them) and the closed
 * waves before it of the same county. A township administrator gets their own township's index
 * (suppressed below 5 answers, as on the results page) with the county's beside it.
 */
async function satisfactionCard({ db, actor }: WorkbenchContext): Promise<TWorkbenchCard[]> {
  const closed = (await listResultsWaves({ db, actor })).items.filter((w) => w.status === 'closed' && w.completes > 0);
  const points: { wave: ReportWave; index: TEstimate; county: TEstimate; area: { code: string; name: string; nameEn: string | null }; scope: 'county' | 'township' }[] = [];
  let county: string | undefined;
  for (const item of closed.slice(0, TREND_WAVES)) {
    // The county first, so an actor above several counties computes no figures it would drop.
    const wave = await loadWave(db, item.id);
    if (!wave) continue;
    county ??= wave.county_region_code;
    if (wave.county_region_code !== county) continue;
    // Listed waves are the actor's to read, so the results' own scope check passes.
    const results = await computeWaveResults({ db, actor }, { waveId: wave.id });
    const area = results.scope === 'county' ? results.county : results.townships[0];
    // A township that was not a stratum of this wave has no figure of its own in it.
    if (!area) continue;
    points.push({ wave: results.wave, index: area.index, county: results.county.index, area: area.region, scope: results.scope });
  }
  const latest = points[0];
  if (!latest) return [];
  return [
    {
      kind: 'satisfaction',
      scope: latest.scope,
      area: latest.area,
      wave: latest.wave,
      index: latest.index,
      countyIndex: latest.scope === 'township' ? latest.county : null,
      trend: points
        .filter((p) => p.area.code === latest.area.code)
        .reverse()
        .map((p) => ({ wave: p.wave, index: p.index })),
    },
  ];
}

/** The fieldwork card: each wave in fieldwork with its county totals from the progress use case. */
async function fieldworkCard({ db, actor }: WorkbenchContext): Promise<TWorkbenchCard[]> {
  const running = (await listResultsWaves({ db, actor })).items.filter((w) => w.status === 'fieldwork');
  const waves = [];
  for (const item of running) {
    const { wave, county } = await getWaveProgress({ db, actor }, { waveId: item.id });
    waves.push({
      wave: { id: wave.id, name: wave.name, status: wave.status, startsOn: wave.startsOn, endsOn: wave.endsOn, questionnaireVersionId: wave.questionnaireVersionId },
      targetCompletes: county.targetCompletes,
      completes: county.completes,
      released: county.cases.released,
      inProgress: county.cases.inProgress,
      notAttempted: county.cases.notAttempted,
      attempts: county.attempts,
      rates: county.rates,
    });
  }
  return waves.length ? [{ kind: 'fieldwork', waves }] : [];
}

export const surveyResultsWorkbench: WorkbenchContribution[] = [
  { module: 'survey-results', roles: ['county_admin', 'county_leader', 'township_admin'], contribute: async (context) => ({ cards: await satisfactionCard(context) }) },
  { module: 'survey-results', roles: SURVEY_MANAGE_ROLES, contribute: async (context) => ({ cards: await fieldworkCard(context) }) },
];
