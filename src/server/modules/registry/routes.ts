import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { REGISTRY_READ_ROLES, REGISTRY_WRITE_ROLES, REVEAL_ID_ROLES, REVEAL_PHONE_ROLES } from '../../../shared/roles.ts';
import { ZId } from '../../../shared/schemas/common.ts';
import {
  ZAddHardshipRequest,
  ZEndHardshipRequest,
  ZHardshipCategory,
  ZHardshipCategoryParams,
  ZHardshipIdParams,
  ZSaveHardshipCategoryRequest,
  ZHouseholdDetail,
  ZHouseholdIdParams,
  ZResidentFilter,
  ZResidentListQuery,
  ZResidentPage,
  ZRevealed,
} from '../../../shared/schemas/registry.ts';
import { ZRevealRequest } from '../../../shared/schemas/reveal-purpose.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { addHardshipLabel } from './add-hardship-label.ts';
import { endHardshipLabel } from './end-hardship-label.ts';
import { getHousehold } from './get-household.ts';
import { saveHardshipCategory } from './save-hardship-category.ts';
import { revealIdNumber, revealPhone } from './reveal-personal-number.ts';
import { exportResidents } from './export-residents.ts';
import { listResidents } from './list-residents.ts';
import { residentQuery } from './search-residents.ts';


const ZIdParams = z.strictObject({ id: ZId });

export function registryRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  const read = { kind: 'roles', roles: REGISTRY_READ_ROLES, write: false } as const;
  const write = { kind: 'roles', roles: REGISTRY_WRITE_ROLES, write: true } as const;

  defineRoute(app, {
    method: 'GET',
    url: '/api/hardship-categories',
    access: { kind: 'signed-in', write: false },
    summary: 'The hardship categories in use (configuration)',
    tags: ['registry'],
    response: z.object({ items: z.array(ZHardshipCategory) }),
    handler: async () => {
      const rows = await db.selectFrom('hardship_category').selectAll().orderBy('sort').execute();
      return { items: rows.map((c) => ({ code: c.code, name: c.name, nameEn: c.name_en, sort: c.sort, active: c.active })) };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/hardship-categories/:code',
    access: { kind: 'roles', roles: ['county_admin'], write: true },
    summary: 'Add or change a hardship category; deactivate instead of deleting',
    tags: ['registry'],
    params: ZHardshipCategoryParams,
    body: ZSaveHardshipCategoryRequest,
    response: ZHardshipCategory,
    handler: async ({ params, body, actor }, req) => saveHardshipCategory(db, actor, params.code, body, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/residents',
    access: read,
    summary: 'Find residents by name, pinyin, initials, ID-number ending or phone; filter by region and hardship. Pages by cursor or by number, with the total (capped) and each household\'s responsible cadre',
    tags: ['registry'],
    querystring: ZResidentListQuery,
    response: ZResidentPage,
    handler: async ({ query, actor }) => listResidents(db, cipher, actor, query),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/residents/export.xlsx',
    access: read,
    summary: 'The filtered list as XLSX: masked, scoped as on screen, safe against formula injection',
    tags: ['registry'],
    querystring: ZResidentFilter,
    handler: async ({ query, actor }, req, reply) => {
      // Scope and filter are checked before the first byte is sent, so errors stay problem+json.
      const residents = await residentQuery(db, cipher, actor, query);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="residents.xlsx"; filename*=UTF-8''${encodeURIComponent('居民名单.xlsx')}`,
        'x-request-id': String(req.id),
      });
      await exportResidents(db, actor, query, residents, { out: reply.raw, locale: req.locale, source: auditSourceOf(req) });
      reply.raw.end();
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/households/:id',
    access: read,
    summary: 'A household: members (masked), hardship history, paired cadres, change history',
    tags: ['registry'],
    params: ZHouseholdIdParams,
    response: ZHouseholdDetail,
    handler: async ({ params, actor }) => getHousehold(db, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/residents/:id/reveal-id-number',
    access: { kind: 'roles', roles: REVEAL_ID_ROLES, write: false },
    summary: 'Show one full ID number, for a stated purpose (audited with it)',
    tags: ['registry'],
    params: ZIdParams,
    body: ZRevealRequest,
    response: ZRevealed,
    handler: async ({ params, body, actor }, req) => revealIdNumber({ db, cipher, actor: actor, id: params.id, purpose: body.purpose, source: auditSourceOf(req) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/resident-phones/:id/reveal',
    access: { kind: 'roles', roles: REVEAL_PHONE_ROLES, write: false },
    summary: 'Show one full phone number, for a stated purpose (audited with it)',
    tags: ['registry'],
    params: ZIdParams,
    body: ZRevealRequest,
    response: ZRevealed,
    handler: async ({ params, body, actor }, req) => revealPhone({ db, cipher, actor: actor, id: params.id, purpose: body.purpose, source: auditSourceOf(req) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/households/:id/hardship',
    access: write,
    summary: 'Add a dated hardship label to a household or one of its members',
    tags: ['registry'],
    params: ZHouseholdIdParams,
    body: ZAddHardshipRequest,
    response: ZHouseholdDetail,
    status: 201,
    handler: async ({ params, body, actor }, req) => {
      await addHardshipLabel(db, actor, params.id, body, auditSourceOf(req));
      return getHousehold(db, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/households/:id/hardship/:labelId/end',
    access: write,
    summary: 'End a hardship label on a date; it stays in the history',
    tags: ['registry'],
    params: ZHardshipIdParams,
    body: ZEndHardshipRequest,
    response: ZHouseholdDetail,
    handler: async ({ params, body, actor }, req) => {
      await endHardshipLabel(db, actor, params.id, params.labelId, body, auditSourceOf(req));
      return getHousehold(db, actor, params.id);
    },
  });
}
