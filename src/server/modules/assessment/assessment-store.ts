/**
 * The assessment's rows as the API shows them, and the rules of who reaches which assessment:
 * the county's staff (county admin and leader) every assessment of their county; a township
 * admin only the published ones (the bulletin is public to the townships, a draft is not: 404);
 * the deployment (`actor: null`: the demo, the benchmark, the command line) every one.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AssessmentTable, DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import type { Actor } from '../../http/context.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { hasAnyRole } from '../../../shared/roles.ts';
import type { TAssessmentDetail, TAssessmentSummary, TStoredResult } from '../../../shared/assessment/assessment-api-schemas.ts';

export type AssessmentRow = Selectable<AssessmentTable>;

const iso = (d: Date | string) => new Date(d).toISOString();

/** Whether the actor sees drafts (the county's staff) or only published assessments (a township admin). */
function readsDrafts(actor: Actor | null): boolean {
  if (actor === null) return true;
  if (hasAnyRole(actor.roles, ['county_admin', 'county_leader'])) return true;
  if (actor.roles.includes('township_admin')) return false;
  throw forbidden();
}

/**
 * The assessment as its reader may reach it: 404 when it does not exist, is another county's, or
 * is a draft and the reader a township admin.
 *
 * @example
 * const row = await findAssessment(db, actor, '7');
 */
export async function findAssessment(db: Kysely<DB>, actor: Actor | null, target: string | { id: string; forUpdate: true }): Promise<AssessmentRow> {
  const id = typeof target === 'string' ? target : target.id;
  const forUpdate = typeof target !== 'string';
  const drafts = readsDrafts(actor);
  const row = await db
    .selectFrom('assessment')
    .selectAll()
    .where('id', '=', id)
    .$if(actor !== null, (q) => q.where('county_code', '=', actor!.countyCode ?? ''))
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row || (!drafts && row.status !== 'published')) throw notFound();
  return row;
}

/**
 * The assessment locked for a change: 404 outside the county, 409 `assessment_published` once it
 * is published (the tables' triggers would refuse too, but as a 500; the problem says why).
 *
 * @example
 * await db.transaction().execute(async (trx) => { const row = await lockDraft(trx, actor, id); … });
 */
export async function lockDraft(db: Kysely<DB>, actor: Actor | null, id: string): Promise<AssessmentRow> {
  const row = await findAssessment(db, actor, { id, forUpdate: true });
  if (row.status === 'published') throw conflict('assessment_published');
  return row;
}

/** The county region of the actor (or of the code the deployment acts for). */
export async function countyOf(db: Kysely<DB>, countyCode: string): Promise<{ id: string; code: string; path: string; county_code: string | null; name: string; name_en: string | null }> {
  const county = await db.selectFrom('region').select(['id', 'code', 'path', 'county_code', 'name', 'name_en']).where('code', '=', countyCode).where('level', '=', 'county').executeTakeFirst();
  if (!county) throw notFound();
  return county;
}

/** The region an audit entry of the assessment belongs to (its county). */
export async function auditRegion(db: Kysely<DB>, row: Pick<AssessmentRow, 'county_id'>) {
  return db.selectFrom('region').select(['id', 'path', 'county_code']).where('id', '=', row.county_id).executeTakeFirstOrThrow();
}

/** The townships an assessment covers: the county's townships open at some time in the period, in code order. */
export async function periodTownships(db: Kysely<DB>, row: Pick<AssessmentRow, 'county_id' | 'period_start' | 'period_end'>) {
  return db
    .selectFrom('region')
    .select(['id', 'code', 'name', 'name_en'])
    .where('parent_id', '=', row.county_id)
    .where('level', '=', 'township')
    .where('opened_on', '<=', row.period_end)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', row.period_start)]))
    .orderBy('code')
    .execute();
}

export async function toSummaries(db: Kysely<DB>, rows: readonly AssessmentRow[]): Promise<TAssessmentSummary[]> {
  const ids = rows.map((r) => r.id);
  const corrections = ids.length
    ? await db.selectFrom('assessment').select(['id', 'supersedes_id']).where('supersedes_id', 'in', ids).execute()
    : [];
  const correctedBy = new Map(corrections.map((c) => [c.supersedes_id!, c.id]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    currentVersion: r.current_version,
    previousId: r.previous_id,
    supersedesId: r.supersedes_id,
    supersededById: correctedBy.get(r.id) ?? null,
    publishedAt: r.published_at === null ? null : iso(r.published_at),
    publishedResultId: r.published_result_id,
    createdAt: iso(r.created_at),
  }));
}

/** The result shown with an assessment: the published one, else the latest of the current version. */
export async function shownResult(db: Kysely<DB>, row: AssessmentRow): Promise<TStoredResult | null> {
  const stored = await db
    .selectFrom('assessment_result')
    .select(['id', 'scheme_version', 'computed_at', 'result'])
    .where('assessment_id', '=', row.id)
    .$if(row.published_result_id !== null, (q) => q.where('id', '=', row.published_result_id!))
    .$if(row.published_result_id === null, (q) => q.where('scheme_version', '=', row.current_version))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!stored) return null;
  return {
    id: stored.id,
    schemeVersion: stored.scheme_version,
    computedAt: iso(stored.computed_at),
    stale: row.status === 'draft' && new Date(stored.computed_at).getTime() < new Date(row.updated_at).getTime(),
    result: readJson('assessment_result.result', stored.result),
  };
}

/**
 * The whole assessment as the detail page shows it.
 *
 * @example
 * const detail = await toDetail(db, row);
 */
export async function toDetail(db: Kysely<DB>, row: AssessmentRow): Promise<TAssessmentDetail> {
  const [summary] = await toSummaries(db, [row]);
  const version = await db
    .selectFrom('assessment_scheme_version')
    .select(['scheme', 'note'])
    .where('assessment_id', '=', row.id)
    .where('version', '=', row.current_version)
    .executeTakeFirstOrThrow();
  const adjustments = await db
    .selectFrom('assessment_adjustment as a')
    .innerJoin('region as r', 'r.id', 'a.township_id')
    .select(['a.id', 'a.points', 'a.reason', 'a.created_at', 'a.removed_at', 'r.id as township_id', 'r.code', 'r.name', 'r.name_en'])
    .where('a.assessment_id', '=', row.id)
    .orderBy('a.id')
    .execute();
  const previous = row.previous_id === null ? null : await db.selectFrom('assessment').select(['id', 'name', 'status']).where('id', '=', row.previous_id).executeTakeFirst();
  const townships = await periodTownships(db, row);
  return {
    ...summary!,
    scheme: readJson('assessment_scheme_version.scheme', version.scheme),
    schemeNote: version.note,
    adjustments: adjustments.map((a) => ({
      id: a.id,
      township: { id: a.township_id, code: a.code, name: a.name, nameEn: a.name_en },
      points: Number(a.points),
      reason: a.reason,
      createdAt: iso(a.created_at),
      removedAt: a.removed_at === null ? null : iso(a.removed_at),
    })),
    result: await shownResult(db, row),
    townships: townships.map((t) => ({ id: t.id, code: t.code, name: t.name, nameEn: t.name_en })),
    previous: previous ? { id: previous.id, name: previous.name, status: previous.status } : null,
  };
}

/** Marks a draft changed, so a result computed before is stale until computed again. */
export async function touch(db: Kysely<DB>, id: string, now: Date): Promise<void> {
  await db.updateTable('assessment').set({ updated_at: now }).where('id', '=', id).execute();
}

/** A transaction-scoped lock on one county's spot checks (an import and a hand entry do not interleave). */
export const lockCountySpotChecks = (db: Kysely<DB>, countyCode: string) => sql`SELECT pg_advisory_xact_lock(hashtext(${`city_spot_check:${countyCode}`}))`.execute(db);
