import type { FastifyInstance } from 'fastify';
import { departmentsApi } from '../../../shared/api/users.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { listDepartments } from './list-departments.ts';

export function departmentRoutes(app: FastifyInstance, { db }: AppContext) {
  defineRoute(app, departmentsApi.listDepartments, {
    access: { kind: 'signed-in', write: false },
    summary: "The county departments (县直部门) of the signed-in user's county",
    tags: ['departments'],
    handler: async ({ actor }) => ({ items: await listDepartments({ db, actor }) }),
  });
}
