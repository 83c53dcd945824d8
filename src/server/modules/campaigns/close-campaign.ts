import type { TCampaignDetail } from '../../../shared/visits/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { assertOpen, findCampaignToManage, findCampaignVisible } from './campaign-rules.ts';
import { campaignDetail } from './campaign-view.ts';

/**
 * Closes an open campaign. Afterwards it is read-only: every change (edit, open, close again,
 * reassignment) answers 409 `campaign_closed`. Late entries (补录) are still accepted for its
 * grace days by the visits module, and the cadres' work package keeps it until then.
 *
 * @example
 * const campaign = await closeCampaign({ db, actor, source }, { id: '3' });
 * campaign.status; // 'closed'
 */
export async function closeCampaign({ db, actor, source }: WriteContext, options: { id: string; now?: Date }): Promise<TCampaignDetail> {
  const now = options.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignToManage(trx, actor, options.id);
    assertOpen(campaign);
    await trx.updateTable('visit_campaign').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', campaign.id).execute();
    await recordAudit({ db: trx, source }, { action: 'visit_campaign.close', entityType: 'visit_campaign', entityId: campaign.id, region: campaign.organiser, before: { status: 'open' }, after: { status: 'closed' } });
  });
  return campaignDetail(db, actor, await findCampaignVisible(db, actor, options.id));
}
