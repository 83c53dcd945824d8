import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { REVEAL_PHONE_ROLES, hasAnyRole } from '../../../shared/roles.ts';
import type { TCaseDetail, TCaseAssignmentView } from '../../../shared/schemas/cases.ts';
import { actorCaseSteps, isCaseDispatcher, isCaseUnit, loadCase } from './case-access.ts';
import { iso, listItem, unitView } from './case-views.ts';
import { callbackAttempts } from './close-case.ts';
import { caseListSelect, dueSoonBefore } from './list-cases.ts';

/**
 * One case in full for its page (诉求详情): the case (contact masked), its category and region,
 * the open assignment and every assignment with their deadlines, the call backs, the history with
 * the names of who acted, the evidence photos, and the steps THIS actor may take now (the
 * lifecycle table ∩ dispatcher / unit; closing from resolved only once enough call-back attempts
 * went unanswered). 404 outside the actor's area.
 *
 * @example
 * const detail = await getCase({ db, actor }, { id });
 * detail.allowedSteps; // ['accept', 'escalate', 'return'] for the village's cadre of a dispatched case
 */
export async function getCase(ctx: ReadContext<Actor>, { id, now = new Date() }: { id: string; now?: Date }): Promise<TCaseDetail> {
  const { db, actor } = ctx;
  const row = await loadCase(db, { actor, id });
  const county = row.county_code;
  const base = await caseListSelect(db, county)
    .innerJoin('region as town', (j) => j.on((eb) => eb.or([eb('town.id', '=', eb.ref('r.parent_id')), eb('town.id', '=', eb.ref('r.id'))])).on('town.level', '=', 'township'))
    .leftJoin('resident as res', (j) => j.onRef('res.id', '=', 'c.resident_id').onRef('res.county_code', '=', 'c.county_code'))
    .leftJoin('app_user as reg', 'reg.id', 'c.registered_by')
    .leftJoin('resident_case as into', (j) => j.onRef('into.id', '=', 'c.merged_into_id').onRef('into.county_code', '=', 'c.county_code'))
    .select([
      'c.tracking_code',
      'c.description',
      'c.address',
      'c.latitude',
      'c.longitude',
      'c.consent_contact',
      'c.resident_id',
      'res.name as resident_name',
      'c.resolution',
      'c.resolved_at',
      'c.closed_at',
      'reg.display_name as registered_by_name',
      'c.external_ref',
      'into.id as into_id',
      'into.case_no as into_case_no',
      'cat.name_en as category_name_en',
      'cat.response_hours',
      'cat.resolve_days',
      'cat.urgent_hours',
      'cat.department_id as category_department_id',
      'r.level as region_level',
      'town.code as township_code',
      'town.name as township_name',
    ])
    .where('c.id', '=', row.id)
    .executeTakeFirst();
  if (!base) throw notFound();

  const [assignments, callbacks, events, files, mergedFrom, attempts, soon] = await Promise.all([
    db
      .selectFrom('case_assignment as a')
      .leftJoin('region as ur', 'ur.id', 'a.unit_region_id')
      .leftJoin('department as d', 'd.id', 'a.unit_department_id')
      .leftJoin('app_user as db_', 'db_.id', 'a.dispatched_by')
      .leftJoin('app_user as ab', 'ab.id', 'a.accepted_by')
      .select(['a.id', 'a.level', 'ur.code as region_code', 'ur.name as region_name', 'a.unit_department_id', 'd.name as department_name', 'a.dispatched_at', 'db_.display_name as dispatched_by', 'a.response_due_at', 'a.resolve_due_at', 'a.accepted_at', 'ab.display_name as accepted_by', 'a.resolved_at', 'a.ended_at', 'a.end_reason', 'a.reopened'])
      .where('a.county_code', '=', county)
      .where('a.case_id', '=', row.id)
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('case_callback as cb')
      .leftJoin('app_user as u', 'u.id', 'cb.called_by')
      .select(['cb.id', 'cb.assignment_id', 'cb.outcome', 'cb.solved', 'cb.satisfaction', 'cb.note', 'u.display_name', 'cb.called_at'])
      .where('cb.county_code', '=', county)
      .where('cb.case_id', '=', row.id)
      .orderBy('cb.id')
      .execute(),
    db
      .selectFrom('case_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.kind', 'e.from_status', 'e.to_status', 'e.assignment_id', 'u.display_name', 'e.note', 'e.details', 'e.at'])
      .where('e.county_code', '=', county)
      .where('e.case_id', '=', row.id)
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('case_file as cf')
      .innerJoin('stored_file as f', 'f.sha256', 'cf.sha256')
      .leftJoin('app_user as u', 'u.id', 'cf.added_by')
      .select(['f.sha256', 'f.media_type', 'f.bytes', 'f.width', 'f.height', 'f.captured_at', 'cf.event_id', 'u.display_name', 'cf.added_at'])
      .where('cf.county_code', '=', county)
      .where('cf.case_id', '=', row.id)
      .orderBy('cf.added_at')
      .execute(),
    db.selectFrom('resident_case').select(['id', 'case_no', 'title']).where('county_code', '=', county).where('merged_into_id', '=', row.id).orderBy('id').execute(),
    callbackAttempts(db, row),
    dueSoonBefore(db, { countyCode: county, now }),
  ]);

  const assignmentViews: TCaseAssignmentView[] = assignments.map((a) => ({
    id: a.id,
    unit: unitView({ level: a.level, regionCode: a.region_code, departmentId: a.unit_department_id, regionName: a.region_name, departmentName: a.department_name })!,
    dispatchedAt: iso(a.dispatched_at)!,
    dispatchedBy: a.dispatched_by,
    responseDueAt: iso(a.response_due_at)!,
    resolveDueAt: iso(a.resolve_due_at)!,
    acceptedAt: iso(a.accepted_at),
    acceptedBy: a.accepted_by,
    resolvedAt: iso(a.resolved_at),
    endedAt: iso(a.ended_at),
    endReason: a.end_reason,
    reopened: a.reopened,
  }));
  const current = assignmentViews.find((a) => a.endedAt === null) ?? null;
  let steps = actorCaseSteps(actor, row);
  if (row.status === 'resolved' && attempts.unanswered < attempts.needed) steps = steps.filter((s) => s !== 'close');
  const filesByEvent = new Map<string, string[]>();
  for (const f of files) if (f.event_id !== null) filesByEvent.set(f.event_id, [...(filesByEvent.get(f.event_id) ?? []), f.sha256]);
  const parseDetails = (d: unknown): Record<string, unknown> => (typeof d === 'string' ? (JSON.parse(d) as Record<string, unknown>) : ((d ?? {}) as Record<string, unknown>));

  return {
    case: {
      ...listItem(base, { now, dueSoonBefore: soon }),
      trackingCode: base.tracking_code,
      description: base.description,
      address: base.address,
      latitude: base.latitude === null ? null : Number(base.latitude),
      longitude: base.longitude === null ? null : Number(base.longitude),
      consentContact: base.consent_contact,
      residentId: base.resident_id,
      residentName: base.resident_name ?? null,
      resolution: base.resolution,
      resolvedAt: iso(base.resolved_at),
      closedAt: iso(base.closed_at),
      registeredBy: base.registered_by_name ?? null,
      externalRef: base.external_ref,
      mergedInto: base.into_id ? { id: base.into_id, caseNo: base.into_case_no! } : null,
      mergedFrom: mergedFrom.map((m) => ({ id: m.id, caseNo: m.case_no, title: m.title })),
    },
    category: { code: base.category_code, name: base.category_name, nameEn: base.category_name_en, responseHours: base.response_hours, resolveDays: base.resolve_days, urgentHours: base.urgent_hours, departmentId: base.category_department_id },
    region: { code: base.region_code, name: base.region_name, level: base.region_level, townshipCode: base.township_code, townshipName: base.township_name },
    currentAssignment: current,
    assignments: assignmentViews,
    callbacks: callbacks.map((cb) => ({
      id: cb.id,
      assignmentId: cb.assignment_id,
      outcome: cb.outcome,
      solved: cb.solved,
      satisfaction: cb.satisfaction,
      note: cb.note,
      calledBy: cb.display_name,
      calledAt: iso(cb.called_at)!,
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      assignmentId: e.assignment_id,
      actorName: e.display_name,
      note: e.note,
      details: parseDetails(e.details),
      at: iso(e.at)!,
      files: filesByEvent.get(e.id) ?? [],
    })),
    files: files.map((f) => ({
      sha256: f.sha256,
      mediaType: f.media_type,
      bytes: f.bytes,
      width: f.width,
      height: f.height,
      capturedAt: iso(f.captured_at),
      eventId: f.event_id,
      addedBy: f.display_name,
      addedAt: iso(f.added_at)!,
    })),
    allowedSteps: steps,
    isDispatcher: isCaseDispatcher(actor, row),
    isUnit: isCaseUnit(actor, row),
    canRevealPhone: hasAnyRole(actor.roles, REVEAL_PHONE_ROLES) && row.contact_phone_cipher !== null,
    unansweredCallbacks: attempts.unanswered,
    callbackAttemptsToClose: attempts.needed,
  };
}
