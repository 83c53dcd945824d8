import type { FastifyInstance } from 'fastify';
import { hardshipCategoriesApi, registryApi } from '../../../shared/api/registry.ts';
import { REGISTRY_READ_ROLES, REGISTRY_WRITE_ROLES, REVEAL_ID_ROLES, REVEAL_PHONE_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { addHardshipLabel } from './add-hardship-label.ts';
import { endHardshipLabel } from './end-hardship-label.ts';
import { exportResidents } from './export-residents.ts';
import { getHousehold } from './get-household.ts';
import { listHardshipCategories } from './list-hardship-categories.ts';
import { listResidents } from './list-residents.ts';
import { revealIdNumber } from './reveal-id-number.ts';
import { revealPhone } from './reveal-phone.ts';
import { saveHardshipCategory } from './save-hardship-category.ts';
import { residentQuery } from './search-residents.ts';

export function registryRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  const read = { kind: 'roles', roles: REGISTRY_READ_ROLES, write: false } as const;
  const write = { kind: 'roles', roles: REGISTRY_WRITE_ROLES, write: true } as const;

  defineRoute(app, hardshipCategoriesApi.listHardshipCategories, {
    access: { kind: 'signed-in', write: false },
    summary: 'The hardship categories in use (configuration)',
    tags: ['registry'],
    handler: async ({ actor }) => ({ items: await listHardshipCategories({ db, actor }) }),
  });

  defineRoute(app, hardshipCategoriesApi.saveHardshipCategory, {
    access: { kind: 'roles', roles: ['county_admin'], write: true },
    summary: 'Add or change a hardship category; deactivate instead of deleting',
    tags: ['registry'],
    handler: async ({ params, body, actor }, req) => saveHardshipCategory({ db, actor, source: auditSourceOf(req) }, { code: params.code, ...body }),
  });

  defineRoute(app, registryApi.listResidents, {
    access: read,
    summary: 'Find residents by name, pinyin, initials, ID-number ending or phone; filter by region and hardship. Pages by cursor or by number, with the total (capped) and each household\'s responsible cadre',
    tags: ['registry'],
    handler: async ({ query, actor }) => listResidents({ db, actor, cipher }, query),
  });

  defineRoute(app, registryApi.exportResidents, {
    access: read,
    summary: 'The filtered list as XLSX: masked, scoped as on screen, safe against formula injection',
    tags: ['registry'],
    handler: async ({ query, actor }, req, reply) => {
      // Scope and filter are checked before the first byte is sent, so errors stay problem+json.
      const residents = await residentQuery({ db, actor, cipher }, query);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="residents.xlsx"; filename*=UTF-8''${encodeURIComponent('居民名单.xlsx')}`,
        'x-request-id': String(req.id),
      });
      await exportResidents({ db, actor, source: auditSourceOf(req) }, { filter: query, query: residents, out: reply.raw, locale: req.locale });
      reply.raw.end();
    },
  });

  defineRoute(app, registryApi.getHousehold, {
    access: read,
    summary: 'A household: members (masked), hardship history, paired cadres, change history',
    tags: ['registry'],
    handler: async ({ params, actor }) => getHousehold({ db, actor }, { id: params.id }),
  });

  defineRoute(app, registryApi.revealIdNumber, {
    access: { kind: 'roles', roles: REVEAL_ID_ROLES, write: false },
    summary: 'Show one full ID number, for a stated purpose (audited with it)',
    tags: ['registry'],
    handler: async ({ params, body, actor }, req) => revealIdNumber({ db, actor, source: auditSourceOf(req), cipher }, { id: params.id, purpose: body.purpose }),
  });

  defineRoute(app, registryApi.revealPhone, {
    access: { kind: 'roles', roles: REVEAL_PHONE_ROLES, write: false },
    summary: 'Show one full phone number, for a stated purpose (audited with it)',
    tags: ['registry'],
    handler: async ({ params, body, actor }, req) => revealPhone({ db, actor, source: auditSourceOf(req), cipher }, { id: params.id, purpose: body.purpose }),
  });

  defineRoute(app, registryApi.addHardshipLabel, {
    access: write,
    summary: 'Add a dated hardship label to a household or one of its members',
    tags: ['registry'],
    handler: async ({ params, body, actor }, req) => {
      const ctx = { db, actor, source: auditSourceOf(req) };
      await addHardshipLabel(ctx, { householdId: params.id, ...body });
      return getHousehold(ctx, { id: params.id });
    },
  });

  defineRoute(app, registryApi.endHardshipLabel, {
    access: write,
    summary: 'End a hardship label on a date; it stays in the history',
    tags: ['registry'],
    handler: async ({ params, body, actor }, req) => {
      const ctx = { db, actor, source: auditSourceOf(req) };
      await endHardshipLabel(ctx, { householdId: params.id, labelId: params.labelId, ...body });
      return getHousehold(ctx, { id: params.id });
    },
  });
}
