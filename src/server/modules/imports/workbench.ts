/** The imports module on the workbench: collisions with records of other townships waiting for the county to resolve them. */
import { IMPORT_CONFLICT_RESOLVE_ROLES } from '../../../shared/roles.ts';
import type { WorkbenchContribution } from '../workbench/index.ts';
import { listCrossScopeConflicts } from './list-cross-scope-conflicts.ts';

/** Open conflicts counted exactly; past this the to-do says "more than". */
const COUNTED = 99;

export const importsWorkbench: WorkbenchContribution[] = [
  {
    module: 'imports',
    roles: IMPORT_CONFLICT_RESOLVE_ROLES,
    contribute: async ({ db, actor }) => {
      const open = await listCrossScopeConflicts({ db, actor }, { status: 'open', limit: COUNTED });
      if (!open.items.length) return {};
      return { todos: [{ key: 'imports.conflicts', module: 'imports', count: open.items.length, more: open.nextCursor !== null, href: '/import-conflicts' }] };
    },
  },
];
