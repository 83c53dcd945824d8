import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import { aidItemsByCode } from '../../../shared/visits/index.ts';
import { formatLocalDateTime, localDate } from '../../../shared/time.ts';
import { safeCell } from '../../export/safe-cell.ts';
import { readJson } from '../../db/json-columns.ts';
import { conflict } from '../../http/errors.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext, WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findReportScope, type ReportScope } from './find-report-campaign.ts';
import { headJoins } from './household-head.ts';

/** The roster's columns, exactly as offices know them. */
export const ROSTER_HEADERS = ['序号', '户主', '村', '困难类别', '慰问金额', '物品', '签收'] as const;

/**
 * The campaign and region of a roster, checked before any byte is sent (404 outside scope, 409
 * for a campaign that hands out no aid), so refusals stay problem+json.
 *
 * @example
 * const scope = await rosterScope({ db, actor }, { campaignId: '7', regionCode: '370921104' });
 */
export async function rosterScope(ctx: ReadContext, options: { campaignId: string; regionCode?: string | undefined }): Promise<ReportScope> {
  const scope = await findReportScope(ctx, options);
  if (scope.campaign.definition.kind !== 'hardship') throw conflict('campaign_not_hardship');
  return scope;
}

const yuan = (fen: number) => fen / 100;

/**
 * The 走访慰问花名册 offices print for signatures: one row per target household of the campaign in
 * the region (by village and household number) with 序号, 户主, 村, 困难类别, 慰问金额 (yuan), 物品
 * and 签收. A household that has received aid shows what it received (active deliveries; voided
 * ones never) and its acknowledgement — "已签收 YYYY-MM-DD" or "无法签字（见证人：X）"; one not yet
 * visited shows its standard (the items of its hardship categories) and an empty 签收 cell for the
 * signature on paper. A4 portrait, one page wide, title and header rows repeated on every page;
 * every text cell safe against formula injection. Audited with the row count.
 *
 * @example
 * const scope = await rosterScope({ db, actor }, { campaignId: '7' });
 * await exportRoster({ db, actor, source }, { scope, out: reply.raw });
 */
export async function exportRoster({ db, source }: WriteContext, options: { scope: ReportScope; out: Writable; now?: Date }): Promise<number> {
  const { campaign, region } = options.scope;
  const items = aidItemsByCode(campaign.definition);
  const standards = new Map(campaign.definition.aidStandards.map((s) => [s.categoryCode, s.items]));
  const categories = new Map((await db.selectFrom('hardship_category').select(['code', 'name']).execute()).map((c) => [c.code, c.name]));
  const rows = await sql<{ household_id: string; household_no: string; village_name: string; category_codes: string[]; head_name: string | null }>`
    WITH t AS (
      SELECT t.household_id, t.category_codes, v.name AS village_name, v.code AS village_code, h.household_no
      FROM visit_target t JOIN region v ON v.id = t.village_id JOIN household h ON h.id = t.household_id AND h.county_code = ${campaign.countyCode}
      WHERE t.campaign_id = ${campaign.id} AND t.county_code = ${campaign.countyCode} AND ${inSubtree(sql.ref<string>('v.path'), region.path)}
    )
    SELECT t.household_id, t.household_no, t.village_name, t.category_codes, head.name AS head_name
    FROM t ${headJoins('t', campaign.countyCode)}
    ORDER BY t.village_code, t.household_no`.execute(db);
  const deliveries = await db
    .selectFrom('aid_delivery as a')
    .innerJoin('visit as v', 'v.id', 'a.visit_id')
    .select(['a.household_id', 'a.item_code', 'a.amount_fen', 'a.goods', 'a.acknowledgement', 'v.visited_at', 'a.id'])
    .where('a.campaign_id', '=', campaign.id)
    .where('a.county_code', '=', campaign.countyCode)
    .where('a.voided_at', 'is', null)
    .orderBy('a.id')
    .execute();
  const byHousehold = new Map<string, typeof deliveries>();
  for (const d of deliveries) {
    const list = byHousehold.get(d.household_id);
    if (list) list.push(d);
    else byHousehold.set(d.household_id, [d]);
  }
  const goodsName = (itemCode: string, code: string) => {
    const g = items.get(itemCode)?.goods.find((x) => x.code === code);
    return g ? { name: g.name, unit: g.unit } : { name: code, unit: '' };
  };

  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('走访慰问花名册', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2', horizontalCentered: true },
  });
  sheet.columns = [{ width: 6 }, { width: 12 }, { width: 16 }, { width: 18 }, { width: 12 }, { width: 24 }, { width: 28 }];
  sheet.addRow([safeCell(`${campaign.summary.name} 走访慰问花名册 · ${region.name} · ${formatLocalDateTime(options.now ?? new Date())}`)]);
  sheet.mergeCells(1, 1, 1, ROSTER_HEADERS.length);
  const header = sheet.addRow([...ROSTER_HEADERS]);
  header.font = { bold: true };
  let n = 0;
  for (const r of rows.rows) {
    const given = byHousehold.get(r.household_id) ?? [];
    let amountFen = 0;
    const goods: string[] = [];
    let acknowledgement = '';
    if (given.length > 0) {
      for (const d of given) {
        amountFen += Number(d.amount_fen);
        for (const g of readJson('aid_delivery.goods', d.goods)) {
          const name = goodsName(d.item_code, g.code);
          goods.push(`${name.name}${g.quantity}${name.unit}`);
        }
      }
      const last = given.at(-1)!;
      const ack = readJson('aid_delivery.acknowledgement', last.acknowledgement);
      acknowledgement = ack.kind === 'signed' ? `已签收 ${localDate(new Date(last.visited_at))}` : `无法签字（见证人：${ack.witnessName}）`;
    } else {
      for (const code of r.category_codes) {
        for (const item of standards.get(code) ?? []) {
          amountFen += (item.amountFen ?? 0) * item.deliveriesPerHousehold;
          for (const g of item.goods) goods.push(`${g.name}${g.quantity}${g.unit}`);
        }
      }
    }
    n++;
    sheet.addRow([n, r.head_name ?? '', r.village_name, r.category_codes.map((c) => categories.get(c) ?? c).join('、'), yuan(amountFen), goods.join('、'), acknowledgement].map(safeCell));
  }
  sheet.getColumn(5).numFmt = '#,##0.00';
  await workbook.xlsx.write(options.out);
  await recordAudit({ db, source }, { action: 'visit_campaign.export_roster', entityType: 'visit_campaign', entityId: campaign.id, region: { id: region.id, path: region.path, county_code: campaign.countyCode }, after: { rows: n } });
  return n;
}
