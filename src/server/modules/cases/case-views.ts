/** Rows to the API's shapes (shared/schemas/cases.ts): units, list items, deadlines' flags. */
import type { TCaseListItem, TCaseUnitView } from '../../../shared/schemas/cases.ts';
import type { TCaseChannel, TCaseLevel, TCaseStatus } from '../../../shared/cases/index.ts';

export const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());

/**
 * A unit as shown, from an assignment's or a case's columns and the names joined to them.
 *
 * @example
 * unitView({ level: 'department', regionCode: null, departmentId: '3', regionName: null, departmentName: '民政局' });
 */
export function unitView(u: { level: string | null; regionCode: string | null; departmentId: string | null; regionName: string | null; departmentName: string | null }): TCaseUnitView | null {
  if (u.departmentId !== null) return { level: 'department', regionCode: null, departmentId: u.departmentId, name: u.departmentName ?? '' };
  if (u.regionCode !== null) return { level: (u.level ?? 'village') as TCaseLevel, regionCode: u.regionCode, departmentId: null, name: u.regionName ?? '' };
  return null;
}

/** The columns `listItem` reads (the list's and the detail's select). */
export interface CaseListRow {
  id: string;
  case_no: string;
  title: string;
  status: string;
  channel: string;
  urgent: boolean;
  category_code: string;
  category_name: string;
  region_code: string;
  region_name: string;
  unit_level: string | null;
  unit_region_code: string | null;
  unit_region_name: string | null;
  unit_department_id: string | null;
  unit_department_name: string | null;
  registered_at: Date | string;
  response_due_at: Date | string | null;
  resolve_due_at: Date | string | null;
  accepted_at: Date | string | null;
  reopen_count: number;
  contact_name: string;
  contact_phone_masked: string | null;
}

/**
 * The next deadline of an open assignment: accepting until accepted, then resolving.
 *
 * @example
 * nextDeadline({ accepted_at: null, response_due_at, resolve_due_at }); // response_due_at
 */
export function nextDeadline(r: Pick<CaseListRow, 'accepted_at' | 'response_due_at' | 'resolve_due_at'>): Date | null {
  const d = r.accepted_at === null ? r.response_due_at : r.resolve_due_at;
  return d === null ? null : new Date(d);
}

/**
 * A list item; `dueSoonBefore` is the instant due_soon_hours working hours from now.
 *
 * @example
 * listItem(row, { now, dueSoonBefore });
 */
export function listItem(r: CaseListRow, { now, dueSoonBefore }: { now: Date; dueSoonBefore: Date }): TCaseListItem {
  const next = nextDeadline(r);
  return {
    id: r.id,
    caseNo: r.case_no,
    title: r.title,
    status: r.status as TCaseStatus,
    channel: r.channel as TCaseChannel,
    urgent: r.urgent,
    categoryCode: r.category_code,
    categoryName: r.category_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    unit: unitView({ level: r.unit_level, regionCode: r.unit_region_code, departmentId: r.unit_department_id, regionName: r.unit_region_name, departmentName: r.unit_department_name }),
    registeredAt: iso(r.registered_at)!,
    responseDueAt: iso(r.response_due_at),
    resolveDueAt: iso(r.resolve_due_at),
    acceptedAt: iso(r.accepted_at),
    overdue: next !== null && next < now,
    dueSoon: next !== null && next >= now && next <= dueSoonBefore,
    reopenCount: r.reopen_count,
    contactName: r.contact_name,
    contactPhoneMasked: r.contact_phone_masked,
  };
}
