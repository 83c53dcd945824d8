import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZDepartment } from '../../../shared/schemas/users.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';

export function departmentRoutes(app: FastifyInstance, { db }: AppContext) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/departments',
    access: { kind: 'signed-in', write: false },
    summary: "The county departments (县直部门) of the signed-in user's county",
    tags: ['departments'],
    response: z.object({ items: z.array(ZDepartment) }),
    handler: async (_input, req) => {
      const rows = await db
        .selectFrom('department')
        .select(['id', 'code', 'name', 'name_en'])
        .where('county_code', '=', req.actor!.countyCode ?? '')
        .orderBy('code')
        .execute();
      return { items: rows.map((d) => ({ id: d.id, code: d.code, name: d.name, nameEn: d.name_en })) };
    },
  });
}
