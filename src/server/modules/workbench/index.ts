/**
 * The workbench module's front door: what a module implements to put its cards and to-dos on
 * the landing page (工作台). Types only, so a module's own `workbench.ts` can use it without a cycle.
 */
export type { WorkbenchContext, WorkbenchContribution, WorkbenchPart } from './contribution.ts';
