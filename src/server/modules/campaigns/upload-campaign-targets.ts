import { sql } from 'kysely';
import type { TLocale } from '../../../shared/locale.ts';
import type { TCampaignDetail } from '../../../shared/visits/index.ts';
import { conflict, unprocessable, type ProblemIssue } from '../../http/errors.ts';
import { inSubtree } from '../../scope/index.ts';
import { SpreadsheetError } from '../../spreadsheets/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { assertDraft, findCampaignToManage, findCampaignVisible } from './campaign-rules.ts';
import { campaignDetail } from './campaign-view.ts';
import { readHouseholdList } from './read-household-list.ts';

const BATCH = 2_000;
/** Rows named in the answer; the rest are counted. */
const MAX_LISTED_ISSUES = 200;

export interface UploadCampaignTargetsOptions {
  campaignId: string;
  /** The file's bytes (CSV or XLSX with a 户编号 column). */
  input: AsyncIterable<Buffer | Uint8Array>;
  fileName: string;
  locale: TLocale;
}

/**
 * A custom campaign's target list from an uploaded file of household numbers (户编号), while it
 * is a draft. All or nothing: a number that names no household inside the campaign's regions
 * answers 422 `campaign_targets_upload_invalid` with its rows, nothing kept. A new upload replaces
 * the earlier list. The list is kept as the draft's targets (the detail's counts show it);
 * opening applies the usual rules to it (active households, labels, paired cadres).
 * Not a custom campaign: 422 `campaign_not_custom`; not a draft: 409.
 *
 * @example
 * await uploadCampaignTargets({ db, actor, source }, { campaignId: '3', input: fs.createReadStream('名单.xlsx'), fileName: '名单.xlsx', locale: 'zh-CN' });
 */
export async function uploadCampaignTargets({ db, actor, source }: WriteContext, options: UploadCampaignTargetsOptions): Promise<TCampaignDetail> {
  // Refuse early what would be refused after reading the whole file.
  const before = await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignToManage(trx, actor, options.campaignId);
    assertDraft(campaign);
    if (campaign.kind !== 'custom') throw unprocessable('campaign_not_custom');
    return campaign;
  });
  let listed;
  try {
    listed = await readHouseholdList(options.input);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error.toAppError();
    throw error;
  }
  const county = before.county_code;
  const found = new Map<string, { id: string; village_id: string }>();
  for (let i = 0; i < listed.length; i += BATCH) {
    const rows = await db
      .selectFrom('household as h')
      .innerJoin('region as v', 'v.id', 'h.village_id')
      .select(['h.id', 'h.household_no', 'h.village_id'])
      .where('h.county_code', '=', county)
      .where(
        'h.household_no',
        'in',
        listed.slice(i, i + BATCH).map((l) => l.householdNo),
      )
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('visit_campaign_region as cr')
            .innerJoin('region as r', 'r.id', 'cr.region_id')
            .select('cr.region_id')
            .where('cr.campaign_id', '=', before.id)
            .where(inSubtree(sql.ref<string>('v.path'), sql.ref<string>('r.path'))),
        ),
      )
      .execute();
    for (const r of rows) found.set(r.household_no, { id: r.id, village_id: r.village_id });
  }
  const missing = listed.filter((l) => !found.has(l.householdNo));
  if (missing.length) {
    const say = (zh: string, en: string) => (options.locale === 'zh-CN' ? zh : en);
    const issues: ProblemIssue[] = missing
      .slice(0, MAX_LISTED_ISSUES)
      .map((m) => ({ path: `rows.${m.rowNo}.householdNo`, message: say(`活动范围内没有户编号为 ${m.householdNo} 的户`, `no household numbered ${m.householdNo} inside the campaign's regions`) }));
    if (missing.length > issues.length) issues.push({ path: 'rows', message: say(`另有 ${missing.length - issues.length} 处错误未列出`, `${missing.length - issues.length} more problems not listed`) });
    throw unprocessable('campaign_targets_upload_invalid', issues);
  }
  await db.transaction().execute(async (trx) => {
    const campaign = await findCampaignToManage(trx, actor, options.campaignId);
    // Changed while the file was read: opened or closed by someone else.
    if (campaign.status !== 'draft') throw conflict(campaign.status === 'closed' ? 'campaign_closed' : 'campaign_not_draft');
    await trx.deleteFrom('visit_target').where('campaign_id', '=', campaign.id).where('county_code', '=', county).execute();
    const values = [...found.values()].map((h) => ({ campaign_id: campaign.id, household_id: h.id, county_code: county, village_id: h.village_id }));
    for (let i = 0; i < values.length; i += BATCH) await trx.insertInto('visit_target').values(values.slice(i, i + BATCH)).execute();
    await recordAudit({ db: trx, source }, {
      action: 'visit_campaign.upload_targets',
      entityType: 'visit_campaign',
      entityId: campaign.id,
      region: campaign.organiser,
      after: { fileName: options.fileName, households: values.length },
    });
  });
  return campaignDetail(db, actor, await findCampaignVisible(db, actor, options.campaignId));
}
