/**
 * Policy publicity (政策宣传, issue 12 point 3): the awareness items' links to the policy
 * catalogue, publicity activities, their effort beside the visits that explained a policy, and
 * awareness per township × policy of a closed wave. Served by
 * `src/server/modules/policy-publicity/`. The catalogue itself is `policiesApi` (/api/policies).
 */
import {
  ZPolicyAwareness,
  ZPolicyAwarenessQuery,
  ZPolicyLinkItem,
  ZPolicyLinkList,
  ZPolicyLinkParams,
  ZPublicityActivity,
  ZPublicityActivityInput,
  ZPublicityActivityList,
  ZPublicityActivityParams,
  ZPublicityActivityQuery,
  ZPublicityEffort,
  ZPublicityEffortQuery,
  ZSetPolicyLinkRequest,
  ZVoidPublicityActivityRequest,
} from '../schemas/policy-publicity.ts';
import { defineContract } from './contract.ts';

export const policyPublicityApi = {
  listPolicyLinks: defineContract({ method: 'GET', url: '/api/policy-publicity/links', response: ZPolicyLinkList }),
  setPolicyLink: defineContract({ method: 'PUT', url: '/api/policy-publicity/links/:questionCode', params: ZPolicyLinkParams, body: ZSetPolicyLinkRequest, response: ZPolicyLinkItem }),
  listPublicityActivities: defineContract({ method: 'GET', url: '/api/policy-publicity/activities', querystring: ZPublicityActivityQuery, response: ZPublicityActivityList }),
  logPublicityActivity: defineContract({ method: 'POST', url: '/api/policy-publicity/activities', body: ZPublicityActivityInput, response: ZPublicityActivity, status: 201 }),
  voidPublicityActivity: defineContract({ method: 'POST', url: '/api/policy-publicity/activities/:id/void', params: ZPublicityActivityParams, body: ZVoidPublicityActivityRequest, response: ZPublicityActivity }),
  getPublicityEffort: defineContract({ method: 'GET', url: '/api/policy-publicity/effort', querystring: ZPublicityEffortQuery, response: ZPublicityEffort }),
  getPolicyAwareness: defineContract({ method: 'GET', url: '/api/policy-publicity/awareness', querystring: ZPolicyAwarenessQuery, response: ZPolicyAwareness }),
  /** The same figures as XLSX: township × policy with n, intervals and the change between waves. */
  exportPolicyAwareness: defineContract({ method: 'GET', url: '/api/policy-publicity/awareness/export.xlsx', querystring: ZPolicyAwarenessQuery }),
};
