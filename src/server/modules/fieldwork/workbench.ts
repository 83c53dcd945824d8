/** The fieldwork module on the workbench: the interviewer's way into the workstation, with the waves open for calling. */
import type { WorkbenchContribution } from '../workbench/index.ts';
import { listFieldworkWaves } from './list-fieldwork-waves.ts';

export const fieldworkWorkbench: WorkbenchContribution[] = [
  {
    module: 'fieldwork',
    roles: ['interviewer'],
    contribute: async ({ db, actor, now }) => ({ cards: [{ kind: 'workstation', waves: (await listFieldworkWaves({ db, actor }, { now })).items }] }),
  },
];
