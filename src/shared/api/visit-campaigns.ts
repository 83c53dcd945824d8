/**
 * Visiting campaigns (走访活动): drafting, opening and closing, their target households and who
 * visits whom, and the cadre's work package the phone downloads (issue 10; see `contract.ts`).
 * The policy list visits explain is configured here too (`policiesApi`).
 */
import { z } from 'zod';
import {
  ZCampaignCadre,
  ZCampaignCadresQuery,
  ZCampaignDetail,
  ZCampaignDraft,
  ZCampaignIdParams,
  ZCampaignListQuery,
  ZCampaignSummary,
  ZCampaignTargetPage,
  ZCampaignTargetsQuery,
  ZMyWork,
  ZPolicy,
  ZPolicyParams,
  ZReassignTargetsRequest,
  ZReassignTargetsResult,
  ZSavePolicyRequest,
} from '../visits/index.ts';
import { defineContract } from './contract.ts';

export const visitCampaignsApi = {
  listCampaigns: defineContract({ method: 'GET', url: '/api/visit-campaigns', querystring: ZCampaignListQuery, response: z.object({ items: z.array(ZCampaignSummary) }) }),
  createCampaign: defineContract({ method: 'POST', url: '/api/visit-campaigns', body: ZCampaignDraft, response: ZCampaignDetail, status: 201 }),
  getCampaign: defineContract({ method: 'GET', url: '/api/visit-campaigns/:id', params: ZCampaignIdParams, response: ZCampaignDetail }),
  /** Replaces a draft's definition, regions and filter (409 once opened or closed). */
  updateCampaign: defineContract({ method: 'PUT', url: '/api/visit-campaigns/:id', params: ZCampaignIdParams, body: ZCampaignDraft, response: ZCampaignDetail }),
  openCampaign: defineContract({ method: 'POST', url: '/api/visit-campaigns/:id/open', params: ZCampaignIdParams, response: ZCampaignDetail }),
  closeCampaign: defineContract({ method: 'POST', url: '/api/visit-campaigns/:id/close', params: ZCampaignIdParams, response: ZCampaignDetail }),
  listTargets: defineContract({ method: 'GET', url: '/api/visit-campaigns/:id/targets', params: ZCampaignIdParams, querystring: ZCampaignTargetsQuery, response: ZCampaignTargetPage }),
  /** The cadres a village's targets may be given to (for the reassignment form). */
  listCadres: defineContract({ method: 'GET', url: '/api/visit-campaigns/:id/cadres', params: ZCampaignIdParams, querystring: ZCampaignCadresQuery, response: z.object({ items: z.array(ZCampaignCadre) }) }),
  reassignTargets: defineContract({ method: 'POST', url: '/api/visit-campaigns/:id/reassign', params: ZCampaignIdParams, body: ZReassignTargetsRequest, response: ZReassignTargetsResult }),
  /** The signed-in cadre's work package for every open campaign (masked numbers only). */
  myWork: defineContract({ method: 'GET', url: '/api/visits/my-work', response: ZMyWork }),
};

export const policiesApi = {
  listPolicies: defineContract({ method: 'GET', url: '/api/policies', response: z.object({ items: z.array(ZPolicy) }) }),
  savePolicy: defineContract({ method: 'PUT', url: '/api/policies/:code', params: ZPolicyParams, body: ZSavePolicyRequest, response: ZPolicy }),
};
