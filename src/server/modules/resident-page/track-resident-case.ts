import crypto from 'node:crypto';
import { sql } from 'kysely';
import { readJson } from '../../db/json-columns.ts';
import { AppError } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { normalizeTrackingCode } from '../cases/index.ts';
import type { TPublicCaseProgress, TPublicStep } from '../../../shared/schemas/resident-page.ts';

/** The history kinds a resident sees, as the public step they are shown as; notes, reminders and staff-only changes are not. */
const PUBLIC_KIND: Record<string, TPublicStep['kind'] | undefined> = {
  register: 'register',
  dispatch: 'dispatch',
  accept: 'accept',
  resolve: 'resolve',
  escalate: 'escalate',
  auto_escalate: 'escalate',
  return: 'return',
  callback: 'callback',
  reopen: 'reopen',
  close: 'close',
  merge: 'merge',
};

/** Tracking codes are 10 characters of Crockford's alphabet; anything else cannot be one. */
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/**
 * Compares two codes in time that depends only on their length (both are 10 characters when this
 * is called with a candidate).
 *
 * @example
 * sameCode('K7Q2M9XPA4', 'K7Q2M9XPA4'); // true
 */
export function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * A resident follows their case with its tracking code (查询码) on the public page: the case
 * number, category, village, status and the steps with their dates — 受理, 派单 to which unit,
 * 签收, 办结 with what was done, 回访, 结案 — and nothing else: no staff names, phones, notes, the
 * description or other cases. The database is asked only for the code's first four characters
 * (an index on `left(tracking_code, 4)`); the full code is compared in constant time here, so a
 * look-up's timing does not tell how close a guess was. A wrong code answers 404 exactly like
 * an unknown one.
 *
 * @example
 * const p = await trackResidentCase({ db, actor: null }, { county: '370921', trackingCode: 'k7q2-m9xp-a4' });
 * p.steps.map((s) => s.kind); // ['register', 'dispatch', 'accept']
 */
export async function trackResidentCase({ db }: ReadContext<null>, { county, trackingCode }: { county: string; trackingCode: string }): Promise<TPublicCaseProgress> {
  const code = normalizeTrackingCode(trackingCode);
  // The same work for a malformed code as for a well-formed one: a look-up of some prefix.
  const prefix = CODE_SHAPE.test(code) ? code.slice(0, 4) : '----';
  const candidates = await db
    .selectFrom('resident_case as c')
    .innerJoin('case_category as k', 'k.id', 'c.category_id')
    .innerJoin('region as v', 'v.id', 'c.region_id')
    .select(['c.id', 'c.tracking_code', 'c.case_no', 'c.status', 'c.registered_at', 'k.name as category_name', 'k.name_en as category_name_en', 'v.name as village'])
    .where('c.county_code', '=', county)
    .where(sql<string>`left(c.tracking_code, 4)`, '=', prefix)
    .execute();
  const probe = CODE_SHAPE.test(code) ? code : '-'.repeat(10);
  let found: (typeof candidates)[number] | undefined;
  for (const c of candidates) if (sameCode(c.tracking_code, probe)) found = c;
  if (!found) throw new AppError(404, 'not_found');

  const events = await db
    .selectFrom('case_event as e')
    .leftJoin('case_assignment as a', (j) => j.onRef('a.id', '=', 'e.assignment_id').onRef('a.county_code', '=', 'e.county_code'))
    .leftJoin('region as r', 'r.id', 'a.unit_region_id')
    .leftJoin('department as d', 'd.id', 'a.unit_department_id')
    .select(['e.kind', 'e.at', 'e.note', 'e.details', 'r.name as region_name', 'r.name_en as region_name_en', 'd.name as department_name', 'd.name_en as department_name_en'])
    .where('e.county_code', '=', county)
    .where('e.case_id', '=', found.id)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  const steps: TPublicStep[] = [];
  for (const e of events) {
    const kind = PUBLIC_KIND[e.kind];
    if (!kind) continue;
    const details = readJson('case_event.details', e.details);
    // A call-back attempt that reached nobody is the staff's business, not a step of the case.
    if (kind === 'callback' && details.outcome === 'unreachable') continue;
    const withUnit = kind === 'dispatch' || kind === 'escalate' || kind === 'reopen';
    const unitName = e.region_name ?? e.department_name;
    steps.push({
      kind,
      at: new Date(e.at).toISOString(),
      unit: withUnit && unitName ? { name: unitName, nameEn: e.region_name_en ?? e.department_name_en ?? unitName } : null,
      text: kind === 'resolve' ? resolutionText(details, e.note) : null,
    });
  }
  return {
    caseNo: found.case_no,
    category: { name: found.category_name, nameEn: found.category_name_en },
    village: found.village,
    registeredAt: new Date(found.registered_at).toISOString(),
    status: found.status,
    steps,
  };
}

/** What the unit did, as written at 办结: the step's `resolution`, else its note. */
function resolutionText(details: Record<string, unknown>, note: string): string | null {
  const text = typeof details.resolution === 'string' ? details.resolution : note;
  return text.trim() === '' ? null : text;
}
