import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { healthApi } from '../../../shared/api/health.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';

export function healthRoutes(app: FastifyInstance, { db, driver }: AppContext) {
  defineRoute(app, healthApi.health, {
    access: { kind: 'public' },
    summary: 'Liveness: the server answers and the database responds',
    tags: ['health'],
    handler: async () => {
      await sql`SELECT 1`.execute(db);
      return { status: 'ok' as const, database: driver };
    },
  });
}
