import type { FastifyInstance } from 'fastify';
import { policyPublicityApi } from '../../../shared/api/policy-publicity.ts';
import { PUBLICITY_READ_ROLES, PUBLICITY_WRITE_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { exportPolicyAwareness } from './export-policy-awareness.ts';
import { getPolicyAwareness } from './get-policy-awareness.ts';
import { getPublicityEffort } from './get-publicity-effort.ts';
import { listPolicyLinks } from './list-policy-links.ts';
import { listPublicityActivities } from './list-publicity-activities.ts';
import { logPublicityActivity } from './log-publicity-activity.ts';
import { setPolicyLink } from './set-policy-link.ts';
import { voidPublicityActivity } from './void-publicity-activity.ts';

export function policyPublicityRoutes(app: FastifyInstance, { db }: AppContext) {
  const tags = ['policy-publicity'];
  const read = { kind: 'roles', roles: PUBLICITY_READ_ROLES, write: false } as const;
  const write = { kind: 'roles', roles: PUBLICITY_WRITE_ROLES, write: true } as const;

  defineRoute(app, policyPublicityApi.listPolicyLinks, {
    access: read,
    summary: 'The awareness items of the county’s questionnaires and the policy each resolves to (its own code, the county’s link, or unlinked)',
    tags,
    handler: async ({ actor }) => listPolicyLinks({ db, actor }, {}),
  });

  defineRoute(app, policyPublicityApi.setPolicyLink, {
    // A township admin may log activities but not change the county's links: 403 from the use case.
    access: write,
    summary: 'Sets or removes the county’s link from an awareness question code to a policy (county admin), audited',
    tags,
    handler: async ({ params, body, actor }, req) => setPolicyLink({ db, actor, source: auditSourceOf(req) }, { questionCode: params.questionCode, policyCode: body.policyCode }),
  });

  defineRoute(app, policyPublicityApi.listPublicityActivities, {
    access: read,
    summary: 'Publicity activities of the caller’s subtree, filtered by period, township, policy and kind',
    tags,
    handler: async ({ query, actor }) => listPublicityActivities({ db, actor }, { filters: query }),
  });

  defineRoute(app, policyPublicityApi.logPublicityActivity, {
    access: write,
    summary: 'Logs a publicity activity in a township or village of the caller’s subtree, audited',
    tags,
    handler: async ({ body, actor }, req) => logPublicityActivity({ db, actor, source: auditSourceOf(req) }, { activity: body }),
  });

  defineRoute(app, policyPublicityApi.voidPublicityActivity, {
    access: write,
    summary: 'Voids a publicity activity with a reason (never deleted), audited',
    tags,
    handler: async ({ params, body, actor }, req) => voidPublicityActivity({ db, actor, source: auditSourceOf(req) }, { id: params.id, reason: body.reason }),
  });

  defineRoute(app, policyPublicityApi.getPublicityEffort, {
    access: read,
    summary: 'Publicity effort per township × policy over a period: activities, audience, and visits that explained the policy',
    tags,
    handler: async ({ query, actor }) => getPublicityEffort({ db, actor }, { from: query.from, to: query.to }),
  });

  defineRoute(app, policyPublicityApi.getPolicyAwareness, {
    access: read,
    summary: 'Awareness of a closed wave per township × policy with n, interval, change from the previous wave and the lowest cells',
    tags,
    handler: async ({ query, actor }) => getPolicyAwareness({ db, actor }, { waveId: query.waveId }),
  });

  defineRoute(app, policyPublicityApi.exportPolicyAwareness, {
    access: read,
    summary: 'Awareness of a closed wave as XLSX: township × policy, each figure with n, interval and its change from the previous wave; safe against formula injection (aggregates: not audited)',
    tags,
    handler: async ({ query, actor }, req, reply) => {
      // Built (and every refusal thrown) before anything is sent.
      const file = await exportPolicyAwareness({ db, actor }, { waveId: query.waveId });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="policy-awareness-${query.waveId}.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'content-length': String(file.bytes.length),
        'cache-control': 'no-store',
        'x-request-id': String(req.id),
      });
      reply.raw.end(file.bytes);
    },
  });
}
