/**
 * What a module adds to the workbench (工作台). Each domain module that has something for a
 * role's first screen keeps a `workbench.ts` exporting its contributions; `contributions.ts`
 * lists them in the order their cards appear. A contribution calls its own module's use cases
 * (scope comes from the actor, through the scope kernel, as in every use case) and never reads
 * another module's tables.
 */
import type { Kysely } from 'kysely';
import type { TRole } from '../../../shared/roles.ts';
import type { TWorkbenchCard, TWorkbenchTodo } from '../../../shared/schemas/workbench.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';

export interface WorkbenchContext {
  db: Kysely<DB>;
  actor: Actor;
  now: Date;
}

/** Cards and to-dos one contribution adds; either may be empty. */
export interface WorkbenchPart {
  cards?: TWorkbenchCard[];
  todos?: TWorkbenchTodo[];
}

/**
 * @example
 * export const importsWorkbench: WorkbenchContribution[] = [{
 *   module: 'imports',
 *   roles: ['county_admin'],
 *   contribute: async ({ db, actor }) => ({ todos: [...] }),
 * }];
 */
export interface WorkbenchContribution {
  /** The contributing module (`pairing`), named in its to-dos and in errors. */
  module: string;
  /** Asked only for an actor holding one of these roles. */
  roles: readonly TRole[];
  contribute(context: WorkbenchContext): Promise<WorkbenchPart>;
}
