import { isPathInSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findAidConflicts } from '../../../shared/visits/index.ts';
import type { TAidConflictRow } from '../../../shared/schemas/visit-ledger.ts';
import { campaignAidItems, deliveryAnswer, deliveryRows, findCampaignInView, householdHeads, ledgerDelivery } from './ledger-queries.ts';

type Campaign = Awaited<ReturnType<typeof findCampaignInView>>;

async function conflictsOf({ db, actor }: ReadContext, campaign: Campaign): Promise<TAidConflictRow[]> {
  const items = await campaignAidItems(db, campaign.county_code, campaign.id);
  const rows = await deliveryRows(db, { countyCode: campaign.county_code, campaignId: campaign.id, scopePath: actor.regionPath });
  const conflicts = findAidConflicts(rows.map(ledgerDelivery), items);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const heads = await householdHeads(db, campaign.county_code, [...new Set(conflicts.map((c) => c.householdId))]);
  return conflicts.map((c) => {
    const head = heads.get(c.householdId);
    return {
      campaignId: c.campaignId,
      campaignName: campaign.name,
      householdId: c.householdId,
      householdNo: head?.householdNo ?? '',
      headName: head?.headName ?? '',
      villageCode: head?.villageCode ?? '',
      villageName: head?.villageName ?? '',
      itemCode: c.itemCode,
      itemName: items.get(c.itemCode)?.name ?? c.itemCode,
      allowed: c.allowed,
      excess: c.excess,
      deliveries: c.deliveryIds.map((id) => deliveryAnswer(byId.get(id)!)),
    };
  });
}

/**
 * Aid conflicts (慰问冲突) within the actor's area, of one campaign or of every opened campaign
 * they see: a household given one item more often than its standard allows (two phones offline,
 * a double entry), with every active delivery of the group — who handed what over, when — for
 * the township admin to void one. Computed by the aid ledger (`findAidConflicts`) over the
 * stored rows, so it is never stale.
 *
 * @example
 * const { items } = await listAidConflicts({ db, actor }, { campaignId: '7' });
 * items[0]?.deliveries.length; // 2
 */
export async function listAidConflicts(ctx: ReadContext, { campaignId }: { campaignId?: string | undefined }): Promise<{ items: TAidConflictRow[] }> {
  const { db, actor } = ctx;
  if (campaignId !== undefined) return { items: await conflictsOf(ctx, await findCampaignInView(db, actor, campaignId)) };
  const campaigns = await db
    .selectFrom('visit_campaign as c')
    .innerJoin('region as r', 'r.id', 'c.region_id')
    .selectAll('c')
    .select('r.path as region_path')
    .where('c.status', '!=', 'draft')
    .$if(actor.countyCode !== null, (q) => q.where('c.county_code', '=', actor.countyCode!))
    .orderBy('c.id', 'desc')
    .execute();
  const visible = campaigns.filter((c) => isPathInSubtree(c.region_path, actor.regionPath) || isPathInSubtree(actor.regionPath, c.region_path));
  const items: TAidConflictRow[] = [];
  for (const c of visible) items.push(...(await conflictsOf(ctx, c)));
  return { items };
}
