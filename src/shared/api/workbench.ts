/** The landing page's cards and to-dos (see `contract.ts`). */
import { ZWorkbench } from '../schemas/workbench.ts';
import { defineContract } from './contract.ts';

export const workbenchApi = {
  getWorkbench: defineContract({ method: 'GET', url: '/api/workbench', response: ZWorkbench }),
};
