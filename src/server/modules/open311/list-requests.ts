import type { TCaseStatus } from '../../../shared/cases/index.ts';
import type { TLocale } from '../../../shared/locale.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { Open311Error } from './open311-errors.ts';
import { w3cDateTime, type Open311Item } from './open311-format.ts';

/** Our statuses in GeoReport v2's two: a case is closed once resolved (or merged into another). */
export const OPEN311_STATUS: Record<TCaseStatus, 'open' | 'closed'> = {
  registered: 'open',
  dispatched: 'open',
  accepted: 'open',
  in_progress: 'open',
  resolved: 'closed',
  called_back: 'closed',
  closed: 'closed',
  merged: 'closed',
};

/** status_notes: a fixed phrase per status (never the unit's own notes, which may name people). */
const STATUS_NOTES: Record<TCaseStatus, Record<TLocale, string>> = {
  registered: { 'zh-CN': '已受理，等待派单。', en: 'Received; waiting to be dispatched.' },
  dispatched: { 'zh-CN': '已派单至承办单位。', en: 'Dispatched to the responsible unit.' },
  accepted: { 'zh-CN': '承办单位已签收。', en: 'Accepted by the responsible unit.' },
  in_progress: { 'zh-CN': '正在办理。', en: 'In progress.' },
  resolved: { 'zh-CN': '已办结。', en: 'Resolved.' },
  called_back: { 'zh-CN': '已办结并回访。', en: 'Resolved; the resident was called back.' },
  closed: { 'zh-CN': '已办结归档。', en: 'Resolved and closed.' },
  merged: { 'zh-CN': '与另一诉求合并办理。', en: 'Merged with another request.' },
};

/** Most requests one answer lists, and the widest date range (GeoReport v2's defaults). */
export const OPEN311_MAX_RESULTS = 1000;
export const OPEN311_MAX_RANGE_DAYS = 90;

export interface ListRequestsOptions {
  countyCode: string;
  locale: TLocale;
  /** Case numbers: when given, every other filter is ignored (as the specification says). */
  ids?: string[];
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  startDate?: Date;
  endDate?: Date;
  now?: Date;
}

/**
 * GeoReport v2 "GET Service Requests": only cases filed through Open311 AND marked public, never
 * with personal data (no contact, no resident, no notes of the units): status, a fixed status
 * note, the service, the description the client sent, the unit responsible, the dates (expected:
 * the current assignment's resolution deadline), the address only when the client gave one,
 * lat/long and media_url. Newest first, at most 1000; without dates, the last 90 days.
 *
 * @example
 * await listRequests({ db, actor: null }, { countyCode: '370921', locale: 'zh-CN', statuses: ['open'] });
 */
export async function listRequests({ db }: ReadContext<null>, options: ListRequestsOptions): Promise<Open311Item[]> {
  const { countyCode, locale } = options;
  let query = db
    .selectFrom('resident_case as c')
    .innerJoin('case_category as k', 'k.id', 'c.category_id')
    .innerJoin('region as r', 'r.id', 'c.region_id')
    .leftJoin('region as ur', 'ur.id', 'c.unit_region_id')
    .leftJoin('department as d', 'd.id', 'c.unit_department_id')
    .leftJoin('case_assignment as a', (j) => j.onRef('a.id', '=', 'c.current_assignment_id').onRef('a.county_code', '=', 'c.county_code'))
    .select([
      'c.case_no',
      'c.status',
      'c.description',
      'c.address',
      'c.latitude',
      'c.longitude',
      'c.media_url',
      'c.registered_at',
      'c.updated_at',
      'k.code as service_code',
      'k.name as service_name',
      'k.name_en as service_name_en',
      'r.code as address_id',
      'ur.name as unit_region_name',
      'd.name as department_name',
      'a.resolve_due_at',
      'a.ended_at',
    ])
    .where('c.county_code', '=', countyCode)
    .where('c.channel', '=', 'open311')
    .where('c.public', '=', true);
  if (options.ids !== undefined) {
    query = query.where('c.case_no', 'in', options.ids);
  } else {
    const now = options.now ?? new Date();
    const end = options.endDate ?? (options.startDate ? new Date(Math.min(now.getTime(), options.startDate.getTime() + OPEN311_MAX_RANGE_DAYS * 86_400_000)) : now);
    const start = options.startDate ?? new Date(end.getTime() - OPEN311_MAX_RANGE_DAYS * 86_400_000);
    if (start > end || end.getTime() - start.getTime() > OPEN311_MAX_RANGE_DAYS * 86_400_000) throw new Open311Error(400, 'date_range');
    query = query.where('c.registered_at', '>=', start).where('c.registered_at', '<=', end);
    if (options.serviceCodes?.length) query = query.where('k.code', 'in', options.serviceCodes);
    if (options.statuses?.length === 1) {
      const wanted = options.statuses[0]!;
      const statuses = (Object.keys(OPEN311_STATUS) as TCaseStatus[]).filter((s) => OPEN311_STATUS[s] === wanted);
      query = query.where('c.status', 'in', statuses);
    }
  }
  const rows = await query.orderBy('c.registered_at', 'desc').orderBy('c.id', 'desc').limit(OPEN311_MAX_RESULTS).execute();
  return rows.map((r) => ({
    service_request_id: r.case_no,
    status: OPEN311_STATUS[r.status],
    status_notes: STATUS_NOTES[r.status][locale],
    service_name: locale === 'en' ? r.service_name_en : r.service_name,
    service_code: r.service_code,
    description: r.description,
    agency_responsible: r.department_name ?? r.unit_region_name ?? null,
    service_notice: null,
    requested_datetime: w3cDateTime(new Date(r.registered_at)),
    updated_datetime: w3cDateTime(new Date(r.updated_at)),
    expected_datetime: r.resolve_due_at && !r.ended_at && OPEN311_STATUS[r.status] === 'open' ? w3cDateTime(new Date(r.resolve_due_at)) : null,
    address: r.address === '' ? null : r.address,
    address_id: r.address_id,
    zipcode: null,
    lat: r.latitude === null ? null : Number(r.latitude),
    long: r.longitude === null ? null : Number(r.longitude),
    media_url: r.media_url,
  }));
}

/**
 * GeoReport v2 "GET Service Request" (one): the same rule as the list — filed through Open311 and
 * public, else 404.
 *
 * @example
 * await getRequest({ db, actor: null }, { countyCode: '370921', locale: 'en', id: 'MQ20261206000042' });
 */
export async function getRequest(ctx: ReadContext<null>, { countyCode, locale, id }: { countyCode: string; locale: TLocale; id: string }): Promise<Open311Item[]> {
  const items = await listRequests(ctx, { countyCode, locale, ids: [id] });
  if (items.length === 0) throw new Open311Error(404, 'request_not_found', { value: id.slice(0, 40) });
  return items;
}
