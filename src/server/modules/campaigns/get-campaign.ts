import type { TCampaignDetail } from '../../../shared/visits/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findCampaignVisible } from './campaign-rules.ts';
import { campaignDetail } from './campaign-view.ts';

/**
 * A campaign with its definition, regions and target counts by township and village, as far as
 * the actor's subtree reaches; 404 for a campaign they do not see.
 *
 * @example
 * const campaign = await getCampaign({ db, actor }, { id: '3' });
 * campaign.townships[0]?.targets; // households to visit in the first township
 */
export async function getCampaign({ db, actor }: ReadContext, options: { id: string }): Promise<TCampaignDetail> {
  const campaign = await findCampaignVisible(db, actor, options.id);
  return campaignDetail(db, actor, campaign);
}
