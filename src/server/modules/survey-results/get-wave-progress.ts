import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import type { TPhoneQuota } from '../../../shared/schemas/survey.ts';
import type { TProgressRow, TSurveyProgress } from '../../../shared/schemas/survey-results.ts';
import { aaporRates, dispositionGroup, estimateEligibility, findDisposition, type DispositionCounts } from '../../stats/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findWaveToSupervise, reportWave, type ReportWave } from './find-report-wave.ts';

type RegionRef = TProgressRow['region'];

const emptyCounts = (): DispositionCounts => ({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 });

/**
 * The final code a case counts as: its final disposition; else its last temporary outcome as the
 * final code it would become (provisional rates while fieldwork runs); else 3.11, "not attempted",
 * because AAPOR accounts for every released number.
 */
export function provisionalCode(finalDisposition: string | null, lastDisposition: string | null): string {
  if (finalDisposition) return finalDisposition;
  if (!lastDisposition) return '3.11';
  if (!lastDisposition.startsWith('T')) return lastDisposition;
  return findDisposition(lastDisposition)?.finalCode ?? lastDisposition.slice(1);
}

/** A code's outcome group; a code that is not of the AAPOR form counts as "other, unknown eligibility". */
function groupOf(code: string) {
  try {
    return dispositionGroup(code);
  } catch {
    return 'UO' as const;
  }
}

const nullableNumber = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Number(value));

/** Shares by phone kind from the wave's phone quota ({ mobile: 6, landline: 4 } → 0.6 / 0.4); null without a quota. */
export function quotaShares(quota: TPhoneQuota | null): { mobile: number; landline: number } | null {
  if (!quota) return null;
  const total = quota.mobile + quota.landline;
  return { mobile: quota.mobile / total, landline: quota.landline / total };
}

interface Tally {
  sampled: number;
  released: number;
  finalized: number;
  inProgress: number;
  notAttempted: number;
  assigned: number;
  attempts: number;
  codes: Map<string, number>;
  completesByKind: { mobile: number; landline: number };
}

const emptyTally = (): Tally => ({ sampled: 0, released: 0, finalized: 0, inProgress: 0, notAttempted: 0, assigned: 0, attempts: 0, codes: new Map(), completesByKind: { mobile: 0, landline: 0 } });

function addTally(into: Tally, from: Tally) {
  into.sampled += from.sampled;
  into.released += from.released;
  into.finalized += from.finalized;
  into.inProgress += from.inProgress;
  into.notAttempted += from.notAttempted;
  into.assigned += from.assigned;
  into.attempts += from.attempts;
  for (const [code, count] of from.codes) into.codes.set(code, (into.codes.get(code) ?? 0) + count);
  into.completesByKind.mobile += from.completesByKind.mobile;
  into.completesByKind.landline += from.completesByKind.landline;
}

function countsOf(tally: Tally): DispositionCounts {
  const counts = emptyCounts();
  for (const [code, count] of tally.codes) counts[groupOf(code)] += count;
  return counts;
}

function progressRow(region: RegionRef, targetCompletes: number, tally: Tally, e: number | null): TProgressRow {
  const dispositions = countsOf(tally);
  const rates = aaporRates({ counts: dispositions, ...(e === null ? {} : { e }) });
  return {
    region,
    targetCompletes,
    completes: dispositions.I,
    cases: { sampled: tally.sampled, released: tally.released, finalized: tally.finalized, inProgress: tally.inProgress, notAttempted: tally.notAttempted, assigned: tally.assigned },
    attempts: tally.attempts,
    dispositions,
    codes: [...tally.codes]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([code, count]) => {
        const known = findDisposition(code);
        return { code, count, zh: known?.zh ?? code, en: known?.en ?? code };
      }),
    rates: { RR1: rates.RR1, RR3: e === null ? null : rates.RR3, COOP1: rates.COOP1, REF1: rates.REF1, CON1: rates.CON1 },
  };
}

function quotaRow(region: RegionRef, targetCompletes: number, tally: Tally, shares: { mobile: number; landline: number } | null) {
  const total = tally.completesByKind.mobile + tally.completesByKind.landline;
  return {
    region,
    cells: (['mobile', 'landline'] as const).map((kind) => ({
      kind,
      targetShare: shares ? shares[kind] : null,
      targetCompletes: shares ? Math.round(shares[kind] * targetCompletes) : null,
      completes: tally.completesByKind[kind],
      share: total > 0 ? tally.completesByKind[kind] / total : null,
    })),
  };
}

/**
 * Live progress of a wave computed from the cases and their call attempts.
 *
 * @example
 * const progress = await computeWaveProgress(db, { wave, e: 0.8 });
 * progress.county.rates.RR3; // with e = 0.8 instead of the stored or estimated one
 */
export async function computeWaveProgress(db: Kysely<DB>, options: { wave: ReportWave; e?: number | undefined; now?: Date }): Promise<TSurveyProgress> {
  const { wave } = options;
  const now = options.now ?? new Date();
  const strata = await db
    .selectFrom('wave_stratum as s')
    .innerJoin('region as r', 'r.id', 's.township_id')
    .select(['s.township_id', 's.target_completes', 'r.code', 'r.name', 'r.name_en'])
    .where('s.wave_id', '=', wave.id)
    .orderBy('r.code')
    .execute();
  const cases = await sql<{ township_id: string; code: string; phone_kind: 'mobile' | 'landline'; sampled: string; released: string; finalized: string; in_progress: string; not_attempted: string; assigned: string; completes: string }>`
    SELECT township_id,
           CASE WHEN released THEN coalesce(final_disposition, last_disposition, '') ELSE '' END AS code,
           phone_kind,
           count(*) AS sampled,
           count(*) FILTER (WHERE released) AS released,
           count(*) FILTER (WHERE final_disposition IS NOT NULL) AS finalized,
           count(*) FILTER (WHERE released AND final_disposition IS NULL AND (attempts > 0 OR last_disposition IS NOT NULL)) AS in_progress,
           count(*) FILTER (WHERE released AND final_disposition IS NULL AND attempts = 0 AND last_disposition IS NULL) AS not_attempted,
           count(*) FILTER (WHERE assigned_to IS NOT NULL AND lease_expires_at > ${now}) AS assigned,
           count(*) FILTER (WHERE left(final_disposition, 3) = '1.1') AS completes
    FROM sample_case
    WHERE wave_id = ${wave.id}
    GROUP BY 1, 2, 3`.execute(db);
  const attempts = await sql<{ township_id: string; attempts: string }>`
    SELECT c.township_id, count(*) AS attempts
    FROM call_attempt a JOIN sample_case c ON c.id = a.case_id
    WHERE a.wave_id = ${wave.id}
    GROUP BY 1`.execute(db);
  const interviewers = await sql<{ id: string; username: string; display_name: string; attempts: string; completes: string; seconds: string | number | null }>`
    SELECT u.id, u.username, u.display_name, t.attempts, t.completes, t.seconds
    FROM (
      SELECT interviewer_id,
             count(*) AS attempts,
             count(*) FILTER (WHERE left(disposition, 3) = '1.1') AS completes,
             sum(extract(epoch FROM ended_at - assigned_at)) FILTER (WHERE ended_at IS NOT NULL AND ended_at > assigned_at) AS seconds
      FROM call_attempt
      WHERE wave_id = ${wave.id}
      GROUP BY interviewer_id
    ) t JOIN app_user u ON u.id = t.interviewer_id
    ORDER BY t.completes DESC, u.username`.execute(db);

  const tallies = new Map<string, Tally>(strata.map((s) => [s.township_id, emptyTally()]));
  const tallyOf = (townshipId: string) => {
    let tally = tallies.get(townshipId);
    if (!tally) tallies.set(townshipId, (tally = emptyTally()));
    return tally;
  };
  for (const row of cases.rows) {
    const tally = tallyOf(row.township_id);
    const released = Number(row.released);
    tally.sampled += Number(row.sampled);
    tally.released += released;
    tally.finalized += Number(row.finalized);
    tally.inProgress += Number(row.in_progress);
    tally.notAttempted += Number(row.not_attempted);
    tally.assigned += Number(row.assigned);
    tally.completesByKind[row.phone_kind] += Number(row.completes);
    if (released > 0) {
      // The query grouped released cases by coalesce(final, last); unreleased ones carry ''.
      const [finalCode, last] = row.code.startsWith('T') || row.code === '' ? [null, row.code || null] : [row.code, null];
      const code = provisionalCode(finalCode, last);
      tally.codes.set(code, (tally.codes.get(code) ?? 0) + released);
    }
  }
  for (const row of attempts.rows) tallyOf(row.township_id).attempts += Number(row.attempts);

  const county = emptyTally();
  for (const tally of tallies.values()) addTally(county, tally);
  const override = nullableNumber(wave.eligibility_override);
  const estimated = estimateEligibility({ counts: countsOf(county) });
  const source = options.e !== undefined ? 'query' : override !== null ? 'override' : 'estimated';
  const e = options.e ?? override ?? estimated;
  const shares = quotaShares(readJson('survey_wave.phone_quota', wave.phone_quota));
  const countyRegion = { code: wave.county_region_code, name: wave.county_name, nameEn: wave.county_name_en };

  return {
    wave: { ...reportWave(wave), targetCompletes: wave.target_completes, maxAttempts: wave.max_attempts },
    eligibility: { used: e, source, override, estimated },
    county: progressRow(countyRegion, wave.target_completes, county, e),
    townships: strata.map((s) => progressRow({ code: s.code, name: s.name, nameEn: s.name_en }, s.target_completes, tallyOf(s.township_id), e)),
    interviewers: interviewers.rows.map((r) => {
      const hours = Number(r.seconds ?? 0) / 3600;
      const completes = Number(r.completes);
      return {
        interviewer: { id: r.id, username: r.username, displayName: r.display_name },
        completes,
        attempts: Number(r.attempts),
        hours,
        completesPerHour: hours > 0 ? completes / hours : null,
      };
    }),
    quota: {
      shares,
      county: quotaRow(countyRegion, wave.target_completes, county, shares),
      townships: strata.map((s) => quotaRow({ code: s.code, name: s.name, nameEn: s.name_en }, s.target_completes, tallyOf(s.township_id), shares)),
    },
    generatedAt: now.toISOString(),
  };
}

/**
 * Progress of a wave the actor supervises (SURVEY_PROGRESS_ROLES); `e` previews RR3 with another
 * eligibility estimate without storing it.
 *
 * @example
 * await getWaveProgress({ db, actor }, { waveId: '3', e: 0.75 });
 */
export async function getWaveProgress({ db, actor }: ReadContext, options: { waveId: string; e?: number | undefined }): Promise<TSurveyProgress> {
  const wave = await findWaveToSupervise(db, actor, options.waveId);
  return computeWaveProgress(db, { wave, e: options.e });
}
