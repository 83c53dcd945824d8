import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { escapeLike, inSubtree, isPathInSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadWorkingCalendar } from '../working-calendar/index.ts';
import { addWorkingHours } from '../../../shared/cases/index.ts';
import type { TCasePage } from '../../../shared/schemas/cases.ts';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { ZId } from '../../../shared/schemas/common.ts';
import type { ZCaseListQuery } from '../../../shared/schemas/cases.ts';
import { caseVisible } from './case-access.ts';
import { listItem } from './case-views.ts';

export type CaseListQuery = z.output<typeof ZCaseListQuery>;

/** The county's "due soon" window when it has no settings row (hours of working time). */
export const DEFAULT_DUE_SOON_HOURS = 8;

/**
 * The cases with the names and the open assignment's deadlines a list row shows (the list's and
 * the case page's select), in one county.
 *
 * @example
 * const rows = await caseListSelect(db, '370921').where('c.id', '=', id).execute();
 */
export function caseListSelect(db: Kysely<DB>, countyCode: string) {
  return db
    .selectFrom('resident_case as c')
    .innerJoin('case_category as cat', 'cat.id', 'c.category_id')
    .innerJoin('region as r', 'r.id', 'c.region_id')
    .leftJoin('case_assignment as a', (j) => j.onRef('a.id', '=', 'c.current_assignment_id').onRef('a.county_code', '=', 'c.county_code').on('a.ended_at', 'is', null))
    .leftJoin('region as ur', 'ur.id', 'c.unit_region_id')
    .leftJoin('department as d', 'd.id', 'c.unit_department_id')
    .select([
      'c.id',
      'c.case_no',
      'c.title',
      'c.status',
      'c.channel',
      'c.urgent',
      'cat.code as category_code',
      'cat.name as category_name',
      'r.code as region_code',
      'r.name as region_name',
      'a.level as unit_level',
      'ur.code as unit_region_code',
      'ur.name as unit_region_name',
      'c.unit_department_id',
      'd.name as unit_department_name',
      'c.registered_at',
      'a.response_due_at',
      'a.resolve_due_at',
      'a.accepted_at',
      'c.reopen_count',
      'c.contact_name',
      'c.contact_phone_masked',
    ])
    .where('c.county_code', '=', countyCode);
}

/**
 * The instant `due_soon_hours` working hours from now: a deadline at or before it is "due soon".
 * (workingHoursBetween(now, d) ≤ h exactly when d ≤ addWorkingHours(now, h).)
 *
 * @example
 * const before = await dueSoonBefore(db, { countyCode: '370921', now });
 */
export async function dueSoonBefore(db: Kysely<DB>, { countyCode, now }: { countyCode: string; now: Date }): Promise<Date> {
  // Both at once (on PostgreSQL two connections of the pool); the calendar only the days ahead of
  // now (a few dozen rows), not the county's whole calendar on every list.
  const [setting, calendar] = await Promise.all([
    db.selectFrom('case_setting').select('due_soon_hours').where('county_code', '=', countyCode).executeTakeFirst(),
    loadWorkingCalendar({ db }, { countyCode, from: now }),
  ]);
  return addWorkingHours(now, setting?.due_soon_hours ?? DEFAULT_DUE_SOON_HOURS, calendar);
}

/** The keyset cursor: the last row's registration instant (to the microsecond, as stored) and id. */
const ZCaseCursor = z.strictObject({ at: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), id: ZId });

/** Midnight at the start of a Shanghai calendar day, as an instant. */
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * Cases in the actor's area (a department's handlers: cases their department has or had),
 * newest first, a keyset page at a time, with the filters of the list page. Contacts masked.
 * A region filter outside the actor's area is 404, as one that does not exist.
 *
 * @example
 * const page = await listCases({ db, actor }, { status: ['dispatched'], overdue: true, limit: 50 });
 */
export async function listCases(ctx: ReadContext<Actor>, query: CaseListQuery & { now?: Date }): Promise<TCasePage> {
  const { db, actor } = ctx;
  if (actor.countyCode === null) return { items: [], nextCursor: null };
  const countyCode = actor.countyCode;
  const now = query.now ?? new Date();
  const regionOf = async (code: string) => {
    const r = await db.selectFrom('region').select(['id', 'path']).where('county_code', '=', countyCode).where('code', '=', code).executeTakeFirst();
    if (!r || !isPathInSubtree(r.path, actor.regionPath)) throw notFound();
    return r;
  };
  // The lookups the list statement needs, at once rather than one round trip after another.
  const [where, unitRegion, soon] = await Promise.all([
    query.regionCode ? regionOf(query.regionCode) : null,
    query.unitRegionCode ? regionOf(query.unitRegionCode) : null,
    dueSoonBefore(db, { countyCode, now }),
  ]);
  const nextDue = sql<Date>`CASE WHEN a.accepted_at IS NULL THEN a.response_due_at ELSE a.resolve_due_at END`;

  let q = caseListSelect(db, countyCode).where((eb) => caseVisible(eb, actor));
  if (query.status && query.status.length > 0) q = q.where('c.status', 'in', query.status);
  if (query.category) q = q.where('cat.code', '=', query.category);
  if (query.channel) q = q.where('c.channel', '=', query.channel);
  if (where) q = q.where((eb) => inSubtree(eb.ref('c.region_path'), where.path));
  if (unitRegion) q = q.where('c.unit_region_id', '=', unitRegion.id);
  if (query.unitDepartmentId) q = q.where('c.unit_department_id', '=', query.unitDepartmentId);
  if (query.overdue !== undefined) q = q.where(query.overdue ? sql<boolean>`a.id IS NOT NULL AND ${nextDue} < ${now}` : sql<boolean>`(a.id IS NULL OR ${nextDue} >= ${now})`);
  if (query.dueSoon !== undefined) q = q.where(query.dueSoon ? sql<boolean>`a.id IS NOT NULL AND ${nextDue} >= ${now} AND ${nextDue} <= ${soon}` : sql<boolean>`(a.id IS NULL OR ${nextDue} < ${now} OR ${nextDue} > ${soon})`);
  if (query.reopened !== undefined) q = q.where('c.reopen_count', query.reopened ? '>' : '=', 0);
  if (query.urgent !== undefined) q = q.where('c.urgent', '=', query.urgent);
  if (query.from) q = q.where('c.registered_at', '>=', shanghaiMidnight(query.from));
  if (query.to) q = q.where('c.registered_at', '<', new Date(shanghaiMidnight(query.to).getTime() + 24 * 3600 * 1000));
  if (query.q) {
    const text = query.q;
    const pattern = `%${escapeLike(text)}%`;
    q = /^mq\d+$/i.test(text) ? q.where('c.case_no', 'like', `${escapeLike(text.toUpperCase())}%`) : q.where((eb) => eb.or([eb('c.case_no', '=', text), eb('c.title', 'ilike', pattern)]));
  }
  const cursor = decodeCursor(query.cursor, ZCaseCursor);
  if (cursor) {
    const { at, id } = cursor;
    q = q.where(sql<boolean>`(c.registered_at, c.id) < (${at}::timestamptz, ${id}::bigint)`);
  }
  const rows = await q
    .select(sql<string>`to_char(c.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('registered_key'))
    .orderBy('c.registered_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map((r) => listItem(r, { now, dueSoonBefore: soon }));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor({ at: rows[query.limit - 1]!.registered_key, id: rows[query.limit - 1]!.id }) : null };
}
