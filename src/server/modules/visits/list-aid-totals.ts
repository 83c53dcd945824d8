import { readJson } from '../../db/json-columns.ts';
import { isPathInSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { townshipAidTotals } from '../../../shared/visits/index.ts';
import { deliveryRows, findCampaignInView, ledgerDelivery } from './ledger-queries.ts';

/**
 * Aid money per township against the campaign's budget (fen), within the actor's area: delivered
 * (conflicting deliveries included until one is voided), voided apart, remaining, over budget.
 *
 * @example
 * const { items } = await listAidTotals({ db, actor }, { campaignId: '7' });
 * items[0]?.remainingFen; // 1950000
 */
export async function listAidTotals({ db, actor }: ReadContext, { campaignId }: { campaignId: string }) {
  const campaign = await findCampaignInView(db, actor, campaignId);
  const definition = readJson('visit_campaign.definition', campaign.definition);
  const rows = await deliveryRows(db, { countyCode: campaign.county_code, campaignId: campaign.id, scopePath: actor.regionPath });
  const codes = [...new Set([...definition.budgets.map((b) => b.townshipCode), ...rows.map((r) => r.township_code)])];
  const townships = codes.length ? await db.selectFrom('region').select(['code', 'name', 'path']).where('code', 'in', codes).execute() : [];
  // A township admin sees their own township's line; the county sees every township.
  const visible = new Map(townships.filter((t) => isPathInSubtree(t.path, actor.regionPath) || isPathInSubtree(actor.regionPath, t.path)).map((t) => [t.code, t.name]));
  const totals = townshipAidTotals(
    rows.map(ledgerDelivery),
    definition.budgets.filter((b) => visible.has(b.townshipCode)),
  );
  return { items: totals.filter((t) => visible.has(t.townshipCode)).map((t) => ({ ...t, townshipName: visible.get(t.townshipCode)! })) };
}
