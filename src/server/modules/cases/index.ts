/**
 * The cases module's front door (民情诉求 · 三级联动, issue 11). The intake every channel goes
 * through (`registerCase`: the clerk's form, visits' problems, survey answers, 12345 batches,
 * Open311, the resident page), the dispatch building block (`assignCase`, also used by the
 * deadline sweep's escalation), routing along a category's default route, case numbers, and the
 * default category tree the demo and a new county start from.
 */
export { registerCase } from './register-case.ts';
export type { CaseWriteContext, RegisterCaseOptions, RegisteredCase } from './register-case.ts';
export { assignCase } from './assign-case.ts';
export type { AssignCaseOptions } from './assign-case.ts';
export { defaultUnit, escalationUnit } from './case-routing.ts';
export type { CaseCategoryRow, CaseRegionRef, CaseUnit } from './case-routing.ts';
export { caseNumber, normalizeTrackingCode, trackingCode } from './case-numbers.ts';
export { DEFAULT_CASE_CATEGORIES, seedCaseCategories } from './default-categories.ts';
export { findDuplicateCases } from './find-duplicate-cases.ts';
export { getCase } from './get-case.ts';
export { listCases } from './list-cases.ts';
export { caseVisible, canSeeCase, isCaseDispatcher, isCaseUnit } from './case-access.ts';
