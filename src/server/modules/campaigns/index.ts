/**
 * The campaigns module's front door (走访活动, issue 10): drafting, opening and closing campaigns,
 * their target households and who visits whom, the cadre's work package, and the policy list.
 * The demo seeds its winter campaign with `createCampaign` + `openCampaign` (`seedDemoCampaign`
 * in the demo module); a simulation of visits on it reads who visits whom with `getMyWork`.
 */
export { closeCampaign } from './close-campaign.ts';
export { createCampaign } from './create-campaign.ts';
export { getCampaign } from './get-campaign.ts';
export { getMyWork } from './get-my-work.ts';
export { listCampaignCadres } from './list-campaign-cadres.ts';
export { listCampaignTargets } from './list-campaign-targets.ts';
export type { ListCampaignTargetsOptions } from './list-campaign-targets.ts';
export { listCampaigns } from './list-campaigns.ts';
export { listPolicies } from './list-policies.ts';
export { openCampaign } from './open-campaign.ts';
export type { OpenCampaignOptions } from './open-campaign.ts';
export { reassignTargets } from './reassign-targets.ts';
export type { ReassignTargetsOptions } from './reassign-targets.ts';
export { savePolicy } from './save-policy.ts';
export { updateCampaign } from './update-campaign.ts';
export type { UpdateCampaignOptions } from './update-campaign.ts';
