/**
 * Visiting campaigns (走访活动): drafting, opening and closing, their target households and who
 * visits whom, and the cadre's work package the phone downloads (issue 10; see `contract.ts`).
 */
import { ZMyWork } from '../visits/index.ts';
import { defineContract } from './contract.ts';

export const visitCampaignsApi = {
  /** The signed-in cadre's work package for every open campaign (masked numbers only). */
  myWork: defineContract({ method: 'GET', url: '/api/visits/my-work', response: ZMyWork }),
};
