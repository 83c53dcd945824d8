/** Liveness (see `contract.ts`). */
import { z } from 'zod';
import { defineContract } from './contract.ts';

export const healthApi = {
  health: defineContract({ method: 'GET', url: '/api/health', response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) }),
};
