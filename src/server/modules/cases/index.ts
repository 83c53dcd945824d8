/**
 * The cases module's front door (民情诉求 · 三级联动, issue 11). The intake every channel goes
 * through (`registerCase`: the clerk's form, visits' problems, survey answers, 12345 batches,
 * Open311, the resident page), the dispatch building block (`assignCase`; its deadlines and history
 * details are shared with the deadline sweep's set-based escalation), routing along a category's default route, case numbers, and the
 * default category tree the demo and a new county start from.
 */
export { registerCase } from './register-case.ts';
export type { CaseWriteContext, RegisterCaseOptions, RegisteredCase } from './register-case.ts';
export { assignCase, assignmentDeadlines, assignmentEventDetails } from './assign-case.ts';
export type { AssignCaseOptions } from './assign-case.ts';
export { defaultUnit, escalationUnit } from './case-routing.ts';
export type { CaseCategoryRow, CaseRegionRef, CaseUnit } from './case-routing.ts';
export { caseNumber, normalizeTrackingCode, trackingCode } from './case-numbers.ts';
export { DEFAULT_CASE_CATEGORIES, seedCaseCategories } from './default-categories.ts';
export { findDuplicateCases } from './find-duplicate-cases.ts';
export { getCase } from './get-case.ts';
export { listCases } from './list-cases.ts';
export { caseVisible, canSeeCase, isCaseDispatcher, isCaseUnit } from './case-access.ts';
// The steps of a case's life: the demo (seedDemoCases) lives its cases through them.
export { acceptCase } from './accept-case.ts';
export { addCaseNote } from './add-case-note.ts';
export { callbackCase } from './callback-case.ts';
export { closeCase } from './close-case.ts';
export { dispatchCase } from './dispatch-case.ts';
export { escalateCase } from './escalate-case.ts';
export { mergeCase } from './merge-case.ts';
export { resolveCase } from './resolve-case.ts';
export { returnCase } from './return-case.ts';
