import type { FastifyInstance } from 'fastify';
import { policiesApi, visitCampaignsApi } from '../../../shared/api/visit-campaigns.ts';
import { CAMPAIGN_MANAGE_ROLES, VISIT_RECORD_ROLES, VISIT_REPORT_ROLES, type TRole } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { closeCampaign } from './close-campaign.ts';
import { createCampaign } from './create-campaign.ts';
import { getCampaign } from './get-campaign.ts';
import { getMyWork } from './get-my-work.ts';
import { listCampaignCadres } from './list-campaign-cadres.ts';
import { listCampaignTargets } from './list-campaign-targets.ts';
import { listCampaigns } from './list-campaigns.ts';
import { listPolicies } from './list-policies.ts';
import { openCampaign } from './open-campaign.ts';
import { reassignTargets } from './reassign-targets.ts';
import { savePolicy } from './save-policy.ts';
import { updateCampaign } from './update-campaign.ts';

/** Managers and the readers of reports (leaders read campaigns without changing them). */
const READ_ROLES: readonly TRole[] = [...new Set([...CAMPAIGN_MANAGE_ROLES, ...VISIT_REPORT_ROLES])];

export function campaignRoutes(app: FastifyInstance, { db }: AppContext) {
  const manage = { kind: 'roles', roles: CAMPAIGN_MANAGE_ROLES, write: true } as const;
  const read = { kind: 'roles', roles: READ_ROLES, write: false } as const;
  const tags = ['campaigns'];

  defineRoute(app, visitCampaignsApi.listCampaigns, {
    access: read,
    summary: 'Campaigns organised in or covering the caller’s area, newest first, with their target counts there',
    tags,
    handler: async ({ query, actor }) => listCampaigns({ db, actor }, query),
  });

  defineRoute(app, visitCampaignsApi.createCampaign, {
    access: manage,
    summary: 'Draft a campaign at the caller’s region (kind, period, regions, done rule, aid standards, budgets, grace days)',
    tags,
    handler: async ({ body, actor }, req) => createCampaign({ db, actor, source: auditSourceOf(req) }, body),
  });

  defineRoute(app, visitCampaignsApi.getCampaign, {
    access: read,
    summary: 'A campaign with its definition, regions and target counts by township and village',
    tags,
    handler: async ({ params, actor }) => getCampaign({ db, actor }, { id: params.id }),
  });

  defineRoute(app, visitCampaignsApi.updateCampaign, {
    access: manage,
    summary: 'Replace a draft’s definition, regions and filter (409 once open or closed)',
    tags,
    handler: async ({ params, body, actor }, req) => updateCampaign({ db, actor, source: auditSourceOf(req) }, { id: params.id, draft: body }),
  });

  defineRoute(app, visitCampaignsApi.openCampaign, {
    access: manage,
    summary: 'Open a draft: fix its target households and their default cadres',
    tags,
    handler: async ({ params, actor }, req) => openCampaign({ db, actor, source: auditSourceOf(req) }, { id: params.id }),
  });

  defineRoute(app, visitCampaignsApi.closeCampaign, {
    access: manage,
    summary: 'Close an open campaign (read-only afterwards; late entries within its grace days)',
    tags,
    handler: async ({ params, actor }, req) => closeCampaign({ db, actor, source: auditSourceOf(req) }, { id: params.id }),
  });

  defineRoute(app, visitCampaignsApi.listTargets, {
    access: read,
    summary: 'One village’s target households of a campaign with their assigned cadres, a page at a time',
    tags,
    handler: async ({ params, query, actor }) => listCampaignTargets({ db, actor }, { campaignId: params.id, ...query }),
  });

  defineRoute(app, visitCampaignsApi.listCadres, {
    access: read,
    summary: 'The cadres a village’s targets may be given to',
    tags,
    handler: async ({ params, query, actor }) => listCampaignCadres({ db, actor }, { campaignId: params.id, villageCode: query.villageCode }),
  });

  defineRoute(app, visitCampaignsApi.reassignTargets, {
    access: manage,
    summary: 'Give a village’s targets (all or chosen) to one cadre, or back to the village’s cadres',
    tags,
    handler: async ({ params, body, actor }, req) => reassignTargets({ db, actor, source: auditSourceOf(req) }, { campaignId: params.id, ...body }),
  });

  defineRoute(app, visitCampaignsApi.myWork, {
    access: { kind: 'roles', roles: VISIT_RECORD_ROLES, write: false },
    summary: 'The signed-in cadre’s work package: open campaigns, their households with what is due (masked numbers only), the form’s lists',
    tags,
    handler: async ({ actor }) => getMyWork({ db, actor }, {}),
  });

  defineRoute(app, policiesApi.listPolicies, {
    access: { kind: 'signed-in', write: false },
    summary: 'The policy list visits explain (政策宣传), inactive entries included',
    tags,
    handler: async ({ actor }) => listPolicies({ db, actor }, {}),
  });

  defineRoute(app, policiesApi.savePolicy, {
    access: { kind: 'roles', roles: ['county_admin'], write: true },
    summary: 'Add or change a policy; deactivate instead of deleting',
    tags,
    handler: async ({ params, body, actor }, req) => savePolicy({ db, actor, source: auditSourceOf(req) }, { code: params.code, ...body }),
  });
}
