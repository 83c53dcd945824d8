import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';

export function healthRoutes(app: FastifyInstance, { db, driver }: AppContext) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/health',
    access: { kind: 'public' },
    summary: 'Liveness: the server answers and the database responds',
    tags: ['health'],
    response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
    handler: async () => {
      await sql`SELECT 1`.execute(db);
      return { status: 'ok' as const, database: driver };
    },
  });
}
