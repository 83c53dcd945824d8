/**
 * Cases on the workbench (issue 11, point 10): a unit's to-dos (to accept, due soon, overdue),
 * a dispatcher's (to dispatch, to call back), and for the county's staff a card of overdue cases
 * by township and by department. Links go to the cases list (`/cases`) with the list API's own
 * filter names (`ZCaseListQuery`): `status=`, `overdue=true`, `dueSoon=true`, `unitRegionCode=` /
 * `unitDepartmentId=` (the caller's unit), `regionCode=` (a township).
 */
import { CASE_DISPATCH_ROLES, CASE_UNIT_ROLES } from '../../../shared/roles.ts';
import type { TWorkbenchTodo } from '../../../shared/schemas/workbench.ts';
import type { WorkbenchContribution } from '../workbench/index.ts';
import { countCaseTodos } from './count-case-todos.ts';
import { countOverdueCases } from './count-overdue-cases.ts';

const MODULE = 'case-rates';

export const caseRatesWorkbench: WorkbenchContribution[] = [
  {
    module: MODULE,
    roles: [...new Set([...CASE_UNIT_ROLES, ...CASE_DISPATCH_ROLES])],
    contribute: async ({ db, actor, now }) => {
      const c = await countCaseTodos({ db, actor }, { now });
      const mine = actor.roles.includes('department_handler') && actor.departmentId !== null ? `unitDepartmentId=${actor.departmentId}` : `unitRegionCode=${actor.regionCode}`;
      const todo = (key: TWorkbenchTodo['key'], count: number, href: string): TWorkbenchTodo[] => (count > 0 ? [{ key, module: MODULE, count, more: false, href }] : []);
      return {
        todos: [
          ...todo('cases.overdue', c.overdue, `/cases?${mine}&overdue=true`),
          ...todo('cases.due_soon', c.dueSoon, `/cases?${mine}&dueSoon=true`),
          ...todo('cases.to_accept', c.toAccept, `/cases?${mine}&status=dispatched`),
          ...todo('cases.to_dispatch', c.toDispatch, '/cases?status=registered'),
          ...todo('cases.to_call_back', c.toCallBack, '/cases?status=resolved'),
        ],
      };
    },
  },
  {
    module: MODULE,
    roles: ['county_admin', 'county_leader'],
    contribute: async ({ db, actor, now }) => {
      const overdue = await countOverdueCases({ db, actor }, { now });
      // No card while nothing is overdue: the workbench shows what needs attention.
      if (overdue.total === 0) return {};
      return { cards: [{ kind: 'cases-overdue', ...overdue }] };
    },
  },
];
