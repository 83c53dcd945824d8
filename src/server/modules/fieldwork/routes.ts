import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

export function fieldworkRoutes(_app: FastifyInstance, _context: AppContext) {}
