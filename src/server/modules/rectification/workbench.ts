/**
 * Rectification on the workbench (issue 12 point 1): overdue tasks for their owner (a township's
 * admin, a department's handlers) and for the county admin, and the county admin's tasks to
 * verify and proposals to decide. Links go to the tasks list with its own filter names.
 */
import type { TWorkbenchTodo } from '../../../shared/schemas/workbench.ts';
import type { WorkbenchContribution } from '../workbench/index.ts';
import { countRectificationTodos } from './count-rectification-todos.ts';

const MODULE = 'rectification';

export const rectificationWorkbench: WorkbenchContribution[] = [
  {
    module: MODULE,
    roles: ['county_admin', 'township_admin', 'department_handler'],
    contribute: async ({ db, actor, now }) => {
      const c = await countRectificationTodos({ db, actor }, { now });
      const todo = (key: TWorkbenchTodo['key'], count: number, href: string): TWorkbenchTodo[] => (count > 0 ? [{ key, module: MODULE, count, more: false, href }] : []);
      return {
        todos: [
          ...todo('rectification.overdue', c.overdue, '/rectification?overdue=true'),
          ...todo('rectification.to_verify', c.toVerify, '/rectification?status=submitted'),
          ...todo('rectification.proposals', c.proposals, '/rectification?status=proposed'),
        ],
      };
    },
  },
];
