import type { FastifyInstance } from 'fastify';
import { caseCategoriesApi } from '../../../shared/api/case-config.ts';
import { CASE_CONFIG_ROLES, CASE_READ_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { createCaseCategory } from './create-case-category.ts';
import { listCaseCategories } from './list-case-categories.ts';
import { updateCaseCategory } from './update-case-category.ts';

export function caseCategoryRoutes(app: FastifyInstance, { db }: AppContext) {
  const tags = ['cases'];
  defineRoute(app, caseCategoriesApi.listCaseCategories, {
    access: { kind: 'roles', roles: CASE_READ_ROLES, write: false },
    summary: 'The county’s category tree (诉求分类), inactive categories included',
    tags,
    handler: async ({ actor }) => listCaseCategories({ db, actor }, {}),
  });
  defineRoute(app, caseCategoriesApi.createCaseCategory, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: true },
    summary: 'Add a category: code unique in the county and stable; parent and department of the county',
    tags,
    handler: async ({ body, actor }, req) => createCaseCategory({ db, actor, source: auditSourceOf(req) }, body),
  });
  defineRoute(app, caseCategoriesApi.updateCaseCategory, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: true },
    summary: 'Change a category (not its code); deactivating also deactivates its subcategories',
    tags,
    handler: async ({ params, body, actor }, req) => updateCaseCategory({ db, actor, source: auditSourceOf(req) }, { id: params.id, changes: body }),
  });
}
