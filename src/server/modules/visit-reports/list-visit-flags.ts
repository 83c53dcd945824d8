import { sql } from 'kysely';
import { FLAG_DEFAULTS, type TFlagReview, type TFlagVisit, type TVisitFlag, type TVisitFlags } from '../../../shared/visits/visit-report-schemas.ts';
import { wilsonInterval } from '../../stats/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { computeWaveResults, listResultsWaves } from '../survey-results/index.ts';
import { findBursts, findNightVisits, findSamePhotos, findSimilarPhotos, surveyGapFlagged, type FlagPhotoFact, type FlagVisitFact } from './flag-rules.ts';
import { findReportScope } from './find-report-campaign.ts';
import { getCampaignCoverage } from './get-campaign-coverage.ts';
import { headJoins } from './household-head.ts';

export interface ListVisitFlagsOptions {
  campaignId: string;
  burstLimit?: number;
  burstMinutes?: number;
  waveId?: string | undefined;
  now?: Date;
}

type SurveyComparison = TVisitFlags['surveyComparison'][number];

/**
 * The survey's figure for each township ("has a cadre visited your home this year", Q11 of the
 * standard questionnaire, the `visited` estimate of the survey results) next to the visit logs'
 * coverage. The interval is Wilson's on the township's valid answers; a suppressed figure (too
 * few answers) is shown as such and never flags.
 */
async function surveyComparison(ctx: ReadContext, campaignId: string, waveId: string | undefined, now: Date) {
  let wave: { id: string; name: string } | null = null;
  if (waveId !== undefined) wave = { id: waveId, name: '' };
  else {
    const waves = await listResultsWaves(ctx);
    const latest = waves.items.find((w) => w.status === 'closed' && w.completes > 0);
    if (latest) wave = { id: latest.id, name: latest.name };
  }
  if (wave === null) return { wave: null, rows: [] as SurveyComparison[] };
  const results = await computeWaveResults(ctx, { waveId: wave.id });
  wave = { id: results.wave.id, name: results.wave.name };
  // The county's breakdown by township, whatever region the caller is bound to inside it.
  const coverage = await getCampaignCoverage(ctx, { campaignId, now });
  const logs = new Map(coverage.rows.filter((r) => r.region !== null).map((r) => [r.region!.code, r]));
  const rows: SurveyComparison[] = results.townships.map((t) => {
    const log = logs.get(t.region.code);
    const logCoverage = log?.coverage ?? null;
    const township = { code: t.region.code, name: t.region.name, level: 'township' };
    if (t.visited.suppressed) return { township, logCoverage, targets: log?.targets ?? 0, survey: { suppressed: true as const, n: t.visited.n }, flagged: false };
    const successes = Math.round(t.visited.estimate * t.visited.n);
    const wilson = wilsonInterval({ successes, n: t.visited.n });
    const interval = wilson?.interval ?? null;
    return {
      township,
      logCoverage,
      targets: log?.targets ?? 0,
      survey: interval === null ? { suppressed: true as const, n: t.visited.n } : { suppressed: false as const, n: t.visited.n, rate: t.visited.estimate, interval },
      flagged: surveyGapFlagged(logCoverage, interval),
    };
  });
  return { wave, rows };
}

/**
 * The signs of paper visits in a campaign (疑似"虚假走访"线索), each with its evidence and the
 * county's review when it has one: cadres logging more than `burstLimit` home visits within
 * `burstMinutes` (default 6 in 60), visits in person between 22:00 and 06:00 Asia/Shanghai, the
 * same photo on different households, near-identical photos (difference hashes ≤ 6 bits apart)
 * on different households, and townships whose logs claim more coverage than the survey's
 * interval allows. Voided visits are left out. Never a penalty: a flag is for the county to
 * review (`reviewVisitFlag`).
 *
 * @example
 * const flags = await listVisitFlags({ db, actor }, { campaignId: '7' });
 * flags.items[0]; // { kind: 'burst', key: 'burst:12:3456', count: 9, visits: [...], review: null, … }
 */
export async function listVisitFlags({ db, actor }: ReadContext, options: ListVisitFlagsOptions): Promise<TVisitFlags> {
  const now = options.now ?? new Date();
  const settings = {
    burstLimit: options.burstLimit ?? FLAG_DEFAULTS.burstLimit,
    burstMinutes: options.burstMinutes ?? FLAG_DEFAULTS.burstMinutes,
    nightFromHour: FLAG_DEFAULTS.nightFromHour,
    nightToHour: FLAG_DEFAULTS.nightToHour,
    similarDistance: FLAG_DEFAULTS.similarDistance,
  };
  const { campaign } = await findReportScope({ db, actor }, { campaignId: options.campaignId });
  const county = campaign.countyCode;
  const visits = await db
    .selectFrom('visit')
    .select(['id', 'recorded_by', 'household_id', 'kind', 'visited_at'])
    .where('campaign_id', '=', campaign.id)
    .where('county_code', '=', county)
    .where('voided_at', 'is', null)
    .execute();
  const facts: FlagVisitFact[] = visits.map((v) => ({ visitId: v.id, cadreId: v.recorded_by, householdId: v.household_id, kind: v.kind, visitedAt: v.visited_at }));
  const photos: FlagPhotoFact[] = (
    await db
      .selectFrom('visit_photo as p')
      .innerJoin('visit as v', 'v.id', 'p.visit_id')
      .innerJoin('stored_file as f', 'f.sha256', 'p.sha256')
      .select(['p.visit_id', 'p.household_id', 'p.sha256', 'f.perceptual_hash'])
      .where('v.campaign_id', '=', campaign.id)
      .where('v.county_code', '=', county)
      .where('v.voided_at', 'is', null)
      .where('f.kind', '=', 'photo')
      .execute()
  ).map((p) => ({ visitId: p.visit_id, householdId: p.household_id, sha256: p.sha256, perceptualHash: p.perceptual_hash }));

  const bursts = findBursts(facts, { limit: settings.burstLimit, minutes: settings.burstMinutes });
  const nights = findNightVisits(facts, { fromHour: settings.nightFromHour, toHour: settings.nightToHour });
  const same = findSamePhotos(photos);
  const similar = findSimilarPhotos(photos, { maxDistance: settings.similarDistance });
  const survey = await surveyComparison({ db, actor }, campaign.id, options.waveId, now);

  // The evidence: every visit a flag names, with its household's head, village and cadre.
  const ids = [...new Set([...bursts, ...nights, ...same, ...similar].flatMap((f) => f.visitIds))];
  const evidence = new Map<string, TFlagVisit>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await sql<{
      id: string;
      household_id: string;
      kind: string;
      visited_at: Date;
      recorded_at: Date;
      village_code: string;
      village_name: string;
      village_level: string;
      cadre_id: string;
      cadre_name: string;
      cadre_username: string;
      head_name: string | null;
    }>`WITH vv AS (SELECT vi.id, vi.household_id, vi.kind, vi.visited_at, vi.recorded_at, vi.village_id, vi.recorded_by FROM visit vi WHERE vi.county_code = ${county} AND vi.id = ANY (${chunk}::bigint[]))
      SELECT vv.id::text, vv.household_id::text, vv.kind, vv.visited_at, vv.recorded_at, r.code AS village_code, r.name AS village_name, r.level AS village_level,
             u.id::text AS cadre_id, u.display_name AS cadre_name, u.username AS cadre_username, head.name AS head_name
      FROM vv JOIN region r ON r.id = vv.village_id JOIN app_user u ON u.id = vv.recorded_by ${headJoins('vv', county)}`.execute(db);
    for (const r of rows.rows) {
      evidence.set(r.id, {
        visitId: r.id,
        householdId: r.household_id,
        headName: r.head_name,
        village: { code: r.village_code, name: r.village_name, level: r.village_level },
        cadre: { id: r.cadre_id, displayName: r.cadre_name, username: r.cadre_username },
        kind: r.kind,
        visitedAt: new Date(r.visited_at).toISOString(),
        recordedAt: new Date(r.recorded_at).toISOString(),
      });
    }
  }
  const visitsOf = (visitIds: readonly string[]) => visitIds.map((id) => evidence.get(id)!);
  const cadreOf = (cadreId: string, visitIds: readonly string[]) => evidence.get(visitIds[0]!)?.cadre ?? { id: cadreId, displayName: '', username: '' };

  const reviews = await db
    .selectFrom('visit_flag_review as r')
    .innerJoin('app_user as u', 'u.id', 'r.reviewed_by')
    .select(['r.flag_key', 'r.conclusion', 'r.note', 'r.reviewed_at', 'u.id as user_id', 'u.display_name'])
    .where('r.campaign_id', '=', campaign.id)
    .where('r.county_code', '=', county)
    .execute();
  const reviewOf = new Map<string, TFlagReview>(
    reviews.map((r) => [r.flag_key, { conclusion: r.conclusion, note: r.note, reviewedBy: { id: r.user_id, displayName: r.display_name }, reviewedAt: new Date(r.reviewed_at).toISOString() }]),
  );
  const review = (key: string) => reviewOf.get(key) ?? null;

  const items: TVisitFlag[] = [
    ...bursts.map((f) => ({ kind: 'burst' as const, key: f.key, review: review(f.key), cadre: cadreOf(f.cadreId, f.visitIds), windowStart: f.windowStart, windowEnd: f.windowEnd, count: f.count, visits: visitsOf(f.visitIds) })),
    ...nights.map((f) => ({ kind: 'night' as const, key: f.key, review: review(f.key), cadre: cadreOf(f.cadreId, f.visitIds), night: f.night, visits: visitsOf(f.visitIds) })),
    ...same.map((f) => ({ kind: 'same_photo' as const, key: f.key, review: review(f.key), sha256: f.sha256, households: f.households, visits: visitsOf(f.visitIds) })),
    ...similar.map((f) => ({ kind: 'similar_photo' as const, key: f.key, review: review(f.key), sha256: f.sha256, distance: f.distance, visits: visitsOf(f.visitIds) })),
    ...survey.rows
      .filter((r) => r.flagged && !r.survey.suppressed)
      .map((r) => {
        const s = r.survey as Extract<SurveyComparison['survey'], { suppressed: false }>;
        const key = `survey_gap:${r.township.code}:${survey.wave!.id}`;
        const log = r.logCoverage!;
        return {
          kind: 'survey_gap' as const,
          key,
          review: review(key),
          township: r.township,
          targets: r.targets,
          visited: Math.round(log * r.targets),
          logCoverage: log,
          wave: survey.wave!,
          surveyRate: s.rate,
          surveyN: s.n,
          interval: s.interval,
        };
      }),
  ];
  return {
    campaign: campaign.summary,
    settings,
    wave: survey.wave,
    surveyComparison: survey.rows,
    items,
    counts: { total: items.length, unreviewed: items.filter((i) => i.review === null).length },
  };
}
