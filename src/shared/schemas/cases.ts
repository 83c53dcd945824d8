/**
 * The cases' requests and answers (民情诉求 · 三级联动, issue 11): the clerk's intake with its
 * duplicate check, the list, the case page, each step of a case's life, evidence photos, the
 * audited phone reveal and linking a case to the registry's resident. Instants are ISO strings in
 * UTC; contact phones are always masked (the full number only through the reveal).
 */
import { z } from 'zod';
import { ZCaseIntake, ZCaseCategoryCode, ZCaseChannel, ZCaseLevel, ZCaseStatus, ZCaseStep, CASE_STATUSES } from '../cases/index.ts';
import { ZId, ZIsoDate, ZRegionCode, noInvisibleCharacters } from './common.ts';
import { ZContentHash } from '../visits/visit-schemas.ts';

/** A step's free text (办理意见, 办结说明, 上报理由, 退回理由, 回访记录). */
const zStepText = (max: number) => z.string().check(noInvisibleCharacters).trim().max(max);
const zRequiredText = (max: number) => zStepText(max).min(1);

/* ---- params ---- */

export const ZCaseIdParams = z.strictObject({ id: ZId });
export const ZCaseFileParams = z.strictObject({ id: ZId, sha256: ZContentHash });

/* ---- the unit a case is with (承办单位) ---- */

/** A unit as shown: a village or township (its code and name) or a department (its id and name). */
export const ZCaseUnitView = z.object({
  level: ZCaseLevel,
  regionCode: z.string().nullable(),
  departmentId: ZId.nullable(),
  name: z.string(),
});
export type TCaseUnitView = z.infer<typeof ZCaseUnitView>;

/** Where a dispatcher sends a case: a village or township by code, or a county department by id. */
export const ZCaseUnitTarget = z.union([z.strictObject({ regionCode: ZRegionCode }), z.strictObject({ departmentId: ZId })]);
export type TCaseUnitTarget = z.infer<typeof ZCaseUnitTarget>;

/* ---- intake (受理登记) ---- */

/** The channels a clerk registers through (others have their own front doors). */
export const CLERK_CASE_CHANNELS = ['window', 'phone'] as const;

/**
 * The clerk's form. Before storing, the server looks for likely duplicates (same resident or
 * phone, same category, registered within 30 days, still open, similar text); when it finds some
 * and the body says neither `confirmNew: true` nor `mergeInto`, it answers 409
 * `case_possible_duplicate` with the candidates in `duplicates`. The form then offers
 * "register anyway" (`confirmNew: true`) or "merge into this one" (`mergeInto: <candidate id>`:
 * registers the new case and merges it into that one in the same transaction).
 */
export const ZRegisterCaseRequest = z
  .strictObject({
    ...ZCaseIntake.shape,
    channel: z.enum(CLERK_CASE_CHANNELS),
    confirmNew: z.boolean().optional(),
    mergeInto: ZId.optional(),
  })
  .refine((b) => !(b.confirmNew && b.mergeInto), { message: 'confirmNew or mergeInto, not both', path: ['mergeInto'] });
export type TRegisterCaseRequest = z.input<typeof ZRegisterCaseRequest>;

/** A likely duplicate of a case being registered (sent in the 409's `duplicates`). */
export const ZCaseDuplicateCandidate = z.object({
  id: ZId,
  caseNo: z.string(),
  title: z.string(),
  status: ZCaseStatus,
  categoryCode: z.string(),
  categoryName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  registeredAt: z.string(),
  contactName: z.string(),
  contactPhoneMasked: z.string().nullable(),
  /** Text similarity of title + description, 0..1 (character bigrams, Dice). */
  similarity: z.number(),
  sameResident: z.boolean(),
  samePhone: z.boolean(),
});
export type TCaseDuplicateCandidate = z.infer<typeof ZCaseDuplicateCandidate>;

export const ZRegisteredCaseView = z.object({
  id: ZId,
  caseNo: z.string(),
  /** The resident's code to follow the case (查询码). */
  trackingCode: z.string(),
  status: ZCaseStatus,
  unit: ZCaseUnitView.nullable(),
  responseDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  residentLinked: z.boolean(),
  /** Set when the request said `mergeInto`: the case it joined. */
  mergedInto: z.object({ id: ZId, caseNo: z.string() }).nullable(),
});
export type TRegisteredCaseView = z.infer<typeof ZRegisteredCaseView>;

/* ---- the list (诉求列表) ---- */

/** `status=dispatched,accepted`: one or more statuses, comma-separated. */
const ZStatusList = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const parts = [...new Set(v.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
    for (const p of parts) {
      if (!(CASE_STATUSES as readonly string[]).includes(p)) {
        ctx.addIssue({ code: 'custom', message: `unknown status ${JSON.stringify(p.slice(0, 20))}: one of ${CASE_STATUSES.join(', ')}` });
        return z.NEVER;
      }
    }
    return parts as z.infer<typeof ZCaseStatus>[];
  });

const ZQueryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZCaseListQuery = z
  .strictObject({
    /** One or more statuses, comma-separated; `open` is not a status: use registered,dispatched,accepted,in_progress. */
    status: ZStatusList.optional(),
    category: ZCaseCategoryCode.optional(),
    channel: ZCaseChannel.optional(),
    /** Where the problem is: this region and everything under it (within the caller's area). */
    regionCode: ZRegionCode.optional(),
    /** The current unit: a village or township by code… */
    unitRegionCode: ZRegionCode.optional(),
    /** …or a department by id. */
    unitDepartmentId: ZId.optional(),
    /** Only cases past their next deadline (accept, then resolve) on the open assignment. */
    overdue: ZQueryBoolean.optional(),
    /** Only cases whose next deadline comes within the county's due_soon_hours working hours. */
    dueSoon: ZQueryBoolean.optional(),
    /** Only cases redone at least once (重办). */
    reopened: ZQueryBoolean.optional(),
    urgent: ZQueryBoolean.optional(),
    /** Registered on or after this day (Asia/Shanghai). */
    from: ZIsoDate.optional(),
    /** Registered on or before this day (Asia/Shanghai). */
    to: ZIsoDate.optional(),
    /** A case number (or its start) or words of the title. */
    q: z.string().check(noInvisibleCharacters).trim().max(40).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !(q.unitRegionCode && q.unitDepartmentId), { message: 'unitRegionCode or unitDepartmentId, not both', path: ['unitDepartmentId'] })
  .refine((q) => !(q.from && q.to && q.from > q.to), { message: 'from must not be after to', path: ['to'] });
export type TCaseListQuery = z.input<typeof ZCaseListQuery>;

export const ZCaseListItem = z.object({
  id: ZId,
  caseNo: z.string(),
  title: z.string(),
  status: ZCaseStatus,
  channel: ZCaseChannel,
  urgent: z.boolean(),
  categoryCode: z.string(),
  categoryName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  unit: ZCaseUnitView.nullable(),
  registeredAt: z.string(),
  /** The open assignment's deadlines (null when none is open). */
  responseDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  /** The next deadline (accept, then resolve) has passed. */
  overdue: z.boolean(),
  /** The next deadline comes within the county's due_soon_hours working hours. */
  dueSoon: z.boolean(),
  reopenCount: z.number().int(),
  contactName: z.string(),
  contactPhoneMasked: z.string().nullable(),
});
export type TCaseListItem = z.infer<typeof ZCaseListItem>;

export const ZCasePage = z.object({ items: z.array(ZCaseListItem), nextCursor: z.string().nullable() });
export type TCasePage = z.infer<typeof ZCasePage>;

/* ---- the case page (诉求详情) ---- */

export const ZCaseAssignmentView = z.object({
  id: ZId,
  unit: ZCaseUnitView,
  dispatchedAt: z.string(),
  dispatchedBy: z.string().nullable(),
  responseDueAt: z.string(),
  resolveDueAt: z.string(),
  acceptedAt: z.string().nullable(),
  acceptedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.enum(['resolved', 'escalated', 'auto_escalated', 'returned', 'merged', 'redispatched']).nullable(),
  reopened: z.boolean(),
});
export type TCaseAssignmentView = z.infer<typeof ZCaseAssignmentView>;

export const CALLBACK_OUTCOMES = ['reached', 'unreachable'] as const;
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

export const ZCaseCallbackView = z.object({
  id: ZId,
  assignmentId: ZId,
  outcome: z.enum(CALLBACK_OUTCOMES),
  solved: z.boolean().nullable(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  note: z.string(),
  calledBy: z.string().nullable(),
  calledAt: z.string(),
});
export type TCaseCallbackView = z.infer<typeof ZCaseCallbackView>;

/** One step of the history (办理过程); `details` is the step's own data (units, deadlines, reasons). */
export const ZCaseEventView = z.object({
  id: ZId,
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  assignmentId: ZId.nullable(),
  actorName: z.string().nullable(),
  note: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
  /** Evidence photos added with this step. */
  files: z.array(ZContentHash),
});
export type TCaseEventView = z.infer<typeof ZCaseEventView>;

export const ZCaseFileView = z.object({
  sha256: ZContentHash,
  mediaType: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  capturedAt: z.string().nullable(),
  eventId: ZId.nullable(),
  addedBy: z.string().nullable(),
  addedAt: z.string(),
});
export type TCaseFileView = z.infer<typeof ZCaseFileView>;

export const ZCaseDetail = z.object({
  case: ZCaseListItem.extend({
    trackingCode: z.string(),
    description: z.string(),
    address: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    consentContact: z.boolean(),
    residentId: ZId.nullable(),
    residentName: z.string().nullable(),
    resolution: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    registeredBy: z.string().nullable(),
    externalRef: z.string().nullable(),
    mergedInto: z.object({ id: ZId, caseNo: z.string() }).nullable(),
    /** Cases merged into this one. */
    mergedFrom: z.array(z.object({ id: ZId, caseNo: z.string(), title: z.string() })),
  }),
  category: z.object({ code: z.string(), name: z.string(), nameEn: z.string(), responseHours: z.number().int(), resolveDays: z.number().int(), urgentHours: z.number().int(), departmentId: ZId.nullable() }),
  region: z.object({ code: z.string(), name: z.string(), level: z.string(), townshipCode: z.string(), townshipName: z.string() }),
  /** The open assignment (null while registered or after the unit's part ended). */
  currentAssignment: ZCaseAssignmentView.nullable(),
  assignments: z.array(ZCaseAssignmentView),
  callbacks: z.array(ZCaseCallbackView),
  events: z.array(ZCaseEventView),
  files: z.array(ZCaseFileView),
  /** The steps THIS account may take now (the lifecycle table ∩ dispatcher / unit membership). */
  allowedSteps: z.array(ZCaseStep),
  /** The account dispatches this case (its township's or the county's admin). */
  isDispatcher: z.boolean(),
  /** The account works for the case's current unit. */
  isUnit: z.boolean(),
  canRevealPhone: z.boolean(),
  /** Unanswered call-back attempts on the current resolution, and how many allow closing without one. */
  unansweredCallbacks: z.number().int(),
  callbackAttemptsToClose: z.number().int(),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

/* ---- the steps (each answers the case page as it is after the step) ---- */

export const ZDispatchCaseRequest = z.strictObject({ unit: ZCaseUnitTarget, note: zStepText(500).optional() });
export const ZAcceptCaseRequest = z.strictObject({ note: zStepText(500).optional() });
/** 办理意见, with evidence photos uploaded first to `POST /api/cases/:id/files` (named by hash). */
export const ZCaseNoteRequest = z.strictObject({ note: zRequiredText(2000), files: z.array(ZContentHash).max(20).optional() });
export const ZResolveCaseRequest = z.strictObject({ resolution: zRequiredText(2000), files: z.array(ZContentHash).max(20).optional() });
export const ZEscalateCaseRequest = z.strictObject({ reason: zRequiredText(500) });
export const ZReturnCaseRequest = z.strictObject({ reason: zRequiredText(500) });
/**
 * A call back (回访): `unreachable` is an attempt that reached nobody (no answer on solved or
 * satisfaction); `reached` says whether it is solved and how satisfied the resident is. Reached and
 * not solved sends the case back to the same unit (重办).
 */
export const ZCaseCallbackRequest = z
  .strictObject({
    outcome: z.enum(CALLBACK_OUTCOMES),
    solved: z.boolean().optional(),
    satisfaction: z.enum(SATISFACTIONS).optional(),
    note: zStepText(1000).optional(),
  })
  .refine((b) => b.outcome !== 'reached' || b.solved !== undefined, { message: 'a reached call says whether the problem is solved', path: ['solved'] })
  .refine((b) => b.outcome !== 'reached' || b.satisfaction !== undefined, { message: 'a reached call says how satisfied the resident is', path: ['satisfaction'] })
  .refine((b) => b.outcome !== 'unreachable' || (b.solved === undefined && b.satisfaction === undefined), { message: 'an unanswered attempt has no answer on solved or satisfaction', path: ['outcome'] });
export type TCaseCallbackRequest = z.input<typeof ZCaseCallbackRequest>;
export const ZCloseCaseRequest = z.strictObject({ note: zStepText(500).optional() });
export const ZMergeCaseRequest = z.strictObject({ intoId: ZId, note: zStepText(500).optional() });
export const ZLinkResidentRequest = z.strictObject({ residentId: ZId });

/* ---- evidence photos (办理材料) ---- */

/** An uploaded evidence photo (the image is the raw request body). */
export const ZCaseFileStored = ZCaseFileView;
