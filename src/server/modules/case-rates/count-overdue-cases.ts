import { sql } from 'kysely';
import type { ReadContext } from '../../use-case-context.ts';

export interface OverdueCases {
  total: number;
  /** By the township the case is in (its village's township), for cases at a village or township. */
  townships: { code: string; name: string; count: number }[];
  /** By the department handling it. */
  departments: { id: string; name: string; count: number }[];
}

/**
 * The county's open cases past their current deadline (accepting while dispatched, resolving
 * after), by township and by department, in one SQL statement: the county's card on the
 * workbench. Counts only; the county's staff see every case of the county anyway.
 *
 * @example
 * const overdue = await countOverdueCases({ db, actor }, { now: new Date() }); // { total: 7, townships: [{ code: '370921104', name: '堽城镇', count: 3 }], departments: [...] }
 */
export async function countOverdueCases({ db, actor }: ReadContext, options: { now: Date }): Promise<OverdueCases> {
  if (!actor.countyCode) return { total: 0, townships: [], departments: [] };
  const countyCode = actor.countyCode;
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const r = await sql<{ township_code: string | null; township_name: string | null; department_id: string | null; department_name: string | null; n: number }>`
    SELECT t.code AS township_code, t.name AS township_name, d.id AS department_id, d.name AS department_name, count(*)::int AS n
    FROM resident_case rc
    JOIN case_assignment a ON a.id = rc.current_assignment_id AND a.county_code = ${countyCode}
    JOIN region r ON r.id = rc.region_id
    LEFT JOIN region t ON rc.unit_department_id IS NULL AND t.id = CASE r.level WHEN 'township' THEN r.id ELSE r.parent_id END
    LEFT JOIN department d ON d.id = rc.unit_department_id
    WHERE rc.county_code = ${countyCode} AND rc.status IN ('dispatched', 'accepted', 'in_progress')
      AND CASE WHEN rc.status = 'dispatched' THEN a.response_due_at ELSE a.resolve_due_at END <= ${now}
    GROUP BY t.code, t.name, d.id, d.name`.execute(db);
  const townships = r.rows.filter((x) => x.township_code !== null).map((x) => ({ code: x.township_code!, name: x.township_name!, count: x.n }));
  const departments = r.rows.filter((x) => x.department_id !== null).map((x) => ({ id: x.department_id!, name: x.department_name!, count: x.n }));
  const byCount = <T extends { count: number; name: string }>(a: T, b: T) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN');
  return { total: r.rows.reduce((s, x) => s + x.n, 0), townships: townships.sort(byCount), departments: departments.sort(byCount) };
}
