import { sql } from 'kysely';
import type { TDetectGamingResult, TGamingEvidence } from '../../../shared/assessment/gaming-schemas.ts';
import type { Actor } from '../../http/context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { MIN_REPORTABLE_N } from '../../stats/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { computeWaveResults, loadWave, viewerOf } from '../survey-results/index.ts';
import { detectCasesDisagree } from './cases-disagree.ts';
import { detectCoaching } from './coaching.ts';
import type { GamingFlagDraft, TownshipAssessment } from './flag-drafts.ts';
import { detectVisitsDisagree } from './visits-disagree.ts';
import { caseCounts, casePeriod, coachingWaves, visitCoverage } from './load-gaming-inputs.ts';

/**
 * Runs the three detectors on a closed wave (against the county's previous closed wave) and
 * stores their flags in `gaming_flag`, one per wave, township and signal. Idempotent: a flag
 * found again with the same severity and evidence keeps its review; one whose figures changed is
 * back to 'new' (its earlier review was about other figures); an unreviewed flag no longer found
 * is removed, a reviewed one is kept as the record of the review. Audited, one entry per run.
 *
 * County-only: 404 for a wave outside the actor's county (a township admin never gets here: the
 * route refuses the role); 409 `gaming_wave_not_closed` for a wave still in fieldwork, whose
 * figures would move. `actor: null` is the demo seed, acting for the deployment.
 *
 * @example
 * const run = await detectGamingSignals({ db, actor, source }, { waveId: '7' });
 * run.flags; // => { total: 3, created: 3, changed: 0, unchanged: 0, removed: 0 }
 */
export async function detectGamingSignals({ db, actor, source }: WriteContext<Actor | null>, options: { waveId: string; now?: Date }): Promise<TDetectGamingResult> {
  const wave = await loadWave(db, options.waveId);
  if (!wave || (actor !== null && viewerOf(actor, wave)?.kind !== 'county')) throw notFound();
  if (wave.status !== 'closed') throw conflict('gaming_wave_not_closed');
  const previous = await db
    .selectFrom('survey_wave')
    .select(['id', 'questionnaire_version_id'])
    .where('county_code', '=', wave.county_code)
    .where('status', '=', 'closed')
    .where('ends_on', '<', wave.starts_on)
    .orderBy('ends_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const results = await computeWaveResults({ db, actor: null }, { waveId: wave.id });
  const previousResults = previous ? await computeWaveResults({ db, actor: null }, { waveId: previous.id }) : null;
  const now = await coachingWaves(db, { waveId: wave.id, versionId: wave.questionnaire_version_id, results });
  const before = previous && previousResults ? await coachingWaves(db, { waveId: previous.id, versionId: previous.questionnaire_version_id, results: previousResults }) : null;
  const minN = results.minReportableN ?? MIN_REPORTABLE_N;
  const townships = results.townships;

  const coaching = detectCoaching({ townships: townships.map((t) => ({ code: t.region.code, population: t.population, now: now.get(t.region.code)!, previous: before?.get(t.region.code) ?? null })), minN });
  const rank = new Map(results.ranking.items.map((i) => [i.code, i.rank]));
  const counts = await caseCounts(db, { countyCode: wave.county_code, countyPath: wave.county_path, ...casePeriod(wave.ends_on) });
  const cases = detectCasesDisagree({
    townships: townships.map((t) => ({ code: t.region.code, n: t.completes, rank: rank.get(t.region.code) ?? null, cases: counts.get(t.region.code) ?? { callbacks: 0, satisfied: 0, solved: 0, finished: 0, reopened: 0 } })),
    ranked: results.ranking.of,
    minN,
  });
  const coverage = await visitCoverage(db, { countyCode: wave.county_code, endsOn: wave.ends_on });
  const visits = detectVisitsDisagree({
    townships: townships.map((t) => {
      const c = coverage.get(t.region.code) ?? { households: 0, visited: 0 };
      const v = t.visited;
      return {
        code: t.region.code,
        visitedHouseholds: c.visited,
        households: c.households,
        surveyed: v.suppressed || !v.interval || t.completes < minN ? null : { estimate: v.estimate, lower: v.interval.lower, upper: v.interval.upper, n: v.n },
      };
    }),
  });
  const drafts: GamingFlagDraft[] = [...coaching.flags, ...cases.flags, ...visits.flags];

  const ids = new Map(
    (await db.selectFrom('region').select(['id', 'code']).where('code', 'in', townships.length ? townships.map((t) => t.region.code) : ['']).execute()).map((r) => [r.code, r.id]),
  );
  const counted = { total: drafts.length, created: 0, changed: 0, unchanged: 0, removed: 0 };
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('gaming_flag').select(['id', 'township_id', 'signal', 'severity', 'evidence', 'status']).where('wave_id', '=', wave.id).forUpdate().execute();
    const key = (townshipId: string, signal: string) => `${townshipId}|${signal}`;
    const found = new Map(existing.map((f) => [key(f.township_id, f.signal), f]));
    const kept = new Set<string>();
    for (const d of drafts) {
      const townshipId = ids.get(d.townshipCode)!;
      const k = key(townshipId, d.signal);
      kept.add(k);
      const evidence = JSON.stringify(d.evidence);
      const old = found.get(k);
      if (!old) {
        await trx.insertInto('gaming_flag').values({ county_code: wave.county_code, wave_id: wave.id, township_id: townshipId, signal: d.signal, severity: d.severity, evidence }).execute();
        counted.created++;
      } else if (old.severity === d.severity && sameEvidence(old.evidence, d.evidence)) {
        counted.unchanged++;
      } else {
        await trx
          .updateTable('gaming_flag')
          .set({ severity: d.severity, evidence, status: 'new', review_note: null, reviewed_by: null, reviewed_at: null, detected_at: sql`now()` })
          .where('id', '=', old.id)
          .execute();
        counted.changed++;
      }
    }
    const stale = existing.filter((f) => !kept.has(key(f.township_id, f.signal)) && f.status === 'new').map((f) => f.id);
    if (stale.length) await trx.deleteFrom('gaming_flag').where('id', 'in', stale).execute();
    counted.removed = stale.length;
    await recordAudit(
      { db: trx, source },
      {
        action: 'gaming.detect',
        entityType: 'survey_wave',
        entityId: wave.id,
        region: { id: wave.county_id, path: wave.county_path, county_code: wave.county_code },
        after: { previousWaveId: previous?.id ?? null, ...counted },
      },
    );
  });

  const why = (list: TownshipAssessment[], code: string) => list.find((t) => t.townshipCode === code)?.reason ?? null;
  const notAssessed = townships.filter((t) => t.completes < minN).length;
  return {
    waveId: wave.id,
    previousWaveId: previous?.id ?? null,
    minReportableN: minN,
    flags: counted,
    townships: townships.map((t) => ({
      code: t.region.code,
      name: t.region.name,
      n: t.completes,
      notAssessed: { coaching: why(coaching.townships, t.region.code), cases: why(cases.townships, t.region.code), visits: why(visits.townships, t.region.code) },
    })),
    summary: {
      'zh-CN': `检出 ${drafts.length} 条刷分迹象（新增 ${counted.created}，变化 ${counted.changed}）${previous ? '' : '；无上一轮已结束的调查，未做前后对比'}${notAssessed ? `；${notAssessed} 个乡镇样本不足 ${minN} 份，未评估` : ''}。`,
      en: `${drafts.length} sign(s) of gaming (${counted.created} new, ${counted.changed} changed)${previous ? '' : '; no previous closed wave, so no comparison between waves'}${notAssessed ? `; ${notAssessed} township(s) with fewer than ${minN} interviews not assessed` : ''}.`,
    },
  };
}

/** Evidence equal up to JSON round-tripping (the database gives back parsed JSON or a string). */
function sameEvidence(stored: unknown, fresh: TGamingEvidence): boolean {
  const parsed: unknown = typeof stored === 'string' ? JSON.parse(stored) : stored;
  return JSON.stringify(normalize(parsed)) === JSON.stringify(normalize(JSON.parse(JSON.stringify(fresh))));
}

/** Keys sorted, numbers rounded to 10 significant digits (float noise between runs must not reset a review). */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, normalize((v as Record<string, unknown>)[k])]));
  if (typeof v === 'number') return Number(v.toPrecision(10));
  return v;
}
