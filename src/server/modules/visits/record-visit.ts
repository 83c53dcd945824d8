import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import { AppError, type ProblemIssue } from '../../http/errors.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { iso } from '../../../shared/time.ts';
import {
  aidItemsByCode,
  addDays,
  canonicalJson,
  checkAidLine,
  compareRecords,
  findAidConflicts,
  visitTiming,
  ZVisitRecord,
  type AidLineIssue,
  type TAidItem,
  type TVisitReceipt,
  type TVisitRecord,
  type TVisitRecordInput,
} from '../../../shared/visits/index.ts';
import { deliveryRows, ledgerDelivery } from './ledger-queries.ts';

/** How far ahead of the server's clock a phone's visit time may be (its clock may run a little fast). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface RecordVisitOptions {
  /** The record as the phone sent it (parsed again here, so the demo and the bench may pass the input form). */
  record: TVisitRecord | TVisitRecordInput;
  /** The server's clock (tests choose it). */
  now?: Date;
}

type Household = Awaited<ReturnType<typeof findHouseholdInScope>> & { township_id: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Thrown inside the transaction when another request stored the same client id first: roll back, answer as a resend. */
class ClientIdTaken extends Error {}

function aidIssueMessage(issue: AidLineIssue): string {
  switch (issue.code) {
    case 'unknown_item':
      return `aid item ${issue.itemCode} is not in the campaign's standard`;
    case 'amount_invalid':
      return `amount ${issue.amountFen} fen is not valid`;
    case 'amount_above_standard':
      return `amount ${issue.amountFen} fen is above the standard of ${issue.standardFen} fen`;
    case 'goods_not_in_standard':
      return `goods ${issue.goodsCode} are not in the standard of ${issue.itemCode}`;
    case 'goods_above_standard':
      return `goods ${issue.goodsCode}: ${issue.quantity} is above the standard of ${issue.standardQuantity}`;
  }
}

/** Active deliveries of this visit that sit in a conflict group of the campaign's ledger. */
async function conflictsOfVisit(db: Kysely<DB>, o: { countyCode: string; campaignId: string; householdId: string; visitId: string; items: Map<string, TAidItem> }) {
  const rows = await deliveryRows(db, { countyCode: o.countyCode, campaignId: o.campaignId, householdIds: [o.householdId] });
  const mine = new Set(rows.filter((r) => r.visit_id === o.visitId && r.voided_at === null).map((r) => r.id));
  if (mine.size === 0) return 0;
  return findAidConflicts(rows.map(ledgerDelivery), o.items).filter((c) => c.deliveryIds.some((id) => mine.has(id))).length;
}

async function itemsOfCampaign(db: Kysely<DB>, countyCode: string, campaignId: string | null) {
  if (campaignId === null) return new Map<string, TAidItem>();
  const c = await db.selectFrom('visit_campaign').select('definition').where('county_code', '=', countyCode).where('id', '=', campaignId).executeTakeFirstOrThrow();
  return aidItemsByCode(readJson('visit_campaign.definition', c.definition));
}

/**
 * The answer to a record whose client id is already stored: the stored receipt again when the
 * bodies are the same; otherwise the new body is kept for review and the answer is 409 naming
 * where they differ. The stored visit is never changed.
 */
async function answerStored(ctx: WriteContext, record: TVisitRecord, bodySha: string): Promise<TVisitReceipt> {
  const stored = await ctx.db.selectFrom('visit').selectAll().where('client_id', '=', record.clientId).executeTakeFirstOrThrow();
  // Someone else's record under a guessed id is "not found", as any record outside one's area.
  const household = await findHouseholdInScope(ctx.db, ctx.actor, stored.household_id);
  const comparison = compareRecords(record, readJson('visit.body', stored.body));
  if (comparison.outcome === 'different') {
    await ctx.db.transaction().execute(async (trx) => {
      const kept = await trx
        .insertInto('visit_resend_conflict')
        .values({ county_code: stored.county_code, visit_id: stored.id, received_by: ctx.actor.id, body: JSON.stringify(record), body_sha256: bodySha, diff_paths: comparison.paths })
        .onConflict((oc) => oc.columns(['visit_id', 'body_sha256']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (kept) {
        await recordAudit({ db: trx, source: ctx.source }, {
          action: 'visit.resend_conflict',
          entityType: 'visit_resend_conflict',
          entityId: kept.id,
          region: household.region,
          after: { visitId: stored.id, clientId: stored.client_id, diffPaths: comparison.paths },
        });
      }
    });
    const issues: ProblemIssue[] = comparison.paths.map((path) => ({ path, message: 'differs from the stored record' }));
    throw new AppError(409, 'visit_resend_conflict', { issues });
  }
  const items = await itemsOfCampaign(ctx.db, stored.county_code, stored.campaign_id);
  const aidConflicts =
    stored.campaign_id === null ? 0 : await conflictsOfVisit(ctx.db, { countyCode: stored.county_code, campaignId: stored.campaign_id, householdId: stored.household_id, visitId: stored.id, items });
  return { visitId: stored.id, clientId: stored.client_id, outcome: 'resend', late: stored.late, aidConflicts, recordedAt: iso(stored.recorded_at)! };
}

/** The campaign rules: in scope and targeting the household, open or within its grace days, not dated before it. Returns the items and whether the entry is late. */
async function checkCampaign(db: Kysely<DB>, household: Household, record: TVisitRecord, now: Date) {
  if (record.campaignId === undefined) return null;
  const campaign = await db.selectFrom('visit_campaign').selectAll().where('county_code', '=', household.county_code).where('id', '=', record.campaignId).executeTakeFirst();
  const target = campaign
    ? await db.selectFrom('visit_target').selectAll().where('county_code', '=', household.county_code).where('campaign_id', '=', campaign.id).where('household_id', '=', household.id).executeTakeFirst()
    : undefined;
  if (!campaign || !target || campaign.status === 'draft') throw new AppError(422, 'visit_campaign_invalid');
  const clock = new Date(Math.max(now.getTime(), new Date(record.visitedAt).getTime()));
  const rule = { startsOn: campaign.starts_on, deadline: campaign.deadline, graceDays: campaign.grace_days, minVisits: 1, minVisitsHardship: 1 };
  const timing = visitTiming({ householdId: household.id, visitedAt: record.visitedAt, recordedAt: now, voided: false }, rule, clock);
  if (timing === 'too_early') throw new AppError(422, 'visit_before_campaign', { issues: [{ path: 'visitedAt', message: `the campaign begins on ${campaign.starts_on}` }] });
  if (timing === 'too_late') throw new AppError(409, 'campaign_closed', { issues: [{ path: 'campaignId', message: `late entries were accepted until ${addDays(campaign.deadline, campaign.grace_days)}` }] });
  const definition = readJson('visit_campaign.definition', campaign.definition);
  // A closed campaign takes only late entries (补录), within the same grace days.
  return { campaign, target, definition, items: aidItemsByCode(definition), late: timing === 'late' || campaign.status === 'closed' };
}

/** Aid lines against the campaign's standard and the household's categories (the target's snapshot). */
function checkAid(record: TVisitRecord, c: NonNullable<Awaited<ReturnType<typeof checkCampaign>>> | null) {
  if (record.aid.length === 0 || c === null) return;
  const householdItems = new Set(c.definition.aidStandards.filter((s) => c.target.category_codes.includes(s.categoryCode)).flatMap((s) => s.items.map((i) => i.code)));
  const issues: ProblemIssue[] = [];
  record.aid.forEach((line, i) => {
    const found = checkAidLine(line, c.items);
    for (const issue of found) issues.push({ path: `aid[${i}]`, message: aidIssueMessage(issue) });
    if (found.length === 0 && !householdItems.has(line.itemCode)) issues.push({ path: `aid[${i}].itemCode`, message: `aid item ${line.itemCode} is not in the standard of this household's hardship categories` });
  });
  if (issues.length) throw new AppError(422, 'aid_not_in_standard', { issues });
}

/** Files the record names exist (uploaded first) and are of the right kind. */
async function checkFiles(db: Kysely<DB>, record: TVisitRecord) {
  const wanted: { sha256: string; kind: 'photo' | 'signature'; path: string }[] = record.photos.map((p, i) => ({ sha256: p.sha256, kind: 'photo' as const, path: `photos[${i}].sha256` }));
  if (record.acknowledgement?.kind === 'signed') wanted.push({ sha256: record.acknowledgement.signatureSha256, kind: 'signature', path: 'acknowledgement.signatureSha256' });
  if (wanted.length === 0) return;
  const stored = new Map(
    (await db.selectFrom('stored_file').select(['sha256', 'kind']).where('sha256', 'in', wanted.map((w) => w.sha256)).execute()).map((f) => [f.sha256, f.kind]),
  );
  const missing = wanted.filter((w) => !stored.has(w.sha256));
  if (missing.length) throw new AppError(422, 'visit_file_missing', { issues: missing.map((w) => ({ path: w.path, message: `file ${w.sha256} has not been uploaded` })) });
  const wrong = wanted.filter((w) => stored.get(w.sha256) !== w.kind);
  if (wrong.length) {
    throw new AppError(422, 'visit_file_wrong_kind', {
      issues: wrong.map((w) => ({ path: w.path, message: w.kind === 'photo' ? `file ${w.sha256} is a signature, not a photo` : `file ${w.sha256} is a photo, not a signature` })),
    });
  }
}

/** Policies and hardship categories the record names are in the configured lists and in use. */
async function checkCodes(db: Kysely<DB>, record: TVisitRecord) {
  if (record.policiesExplained.length) {
    const active = new Set((await db.selectFrom('policy').select('code').where('code', 'in', record.policiesExplained).where('active', '=', true).execute()).map((p) => p.code));
    const issues = record.policiesExplained.flatMap((code, i) => (active.has(code) ? [] : [{ path: `policiesExplained[${i}]`, message: `policy ${code} is unknown or no longer in use` }]));
    if (issues.length) throw new AppError(422, 'policy_unknown', { issues });
  }
  if (record.hardshipProposals.length) {
    const codes = record.hardshipProposals.map((p) => p.categoryCode);
    const active = new Set((await db.selectFrom('hardship_category').select('code').where('code', 'in', codes).where('active', '=', true).execute()).map((c) => c.code));
    const issues = codes.flatMap((code, i) => (active.has(code) ? [] : [{ path: `hardshipProposals[${i}].categoryCode`, message: `hardship category ${code} is unknown or no longer in use` }]));
    if (issues.length) throw new AppError(422, 'hardship_category_unknown', { issues });
  }
}

async function insertVisit(
  trx: Transaction<DB>,
  o: { ctx: WriteContext; household: Household; record: TVisitRecord; bodySha: string; late: boolean; now: Date },
): Promise<{ id: string; recorded_at: Date }> {
  const { ctx, household, record } = o;
  const visit = await trx
    .insertInto('visit')
    .values({
      client_id: record.clientId,
      county_code: household.county_code,
      campaign_id: record.campaignId ?? null,
      household_id: household.id,
      village_id: household.village_id,
      recorded_by: ctx.actor.id,
      kind: record.kind,
      visited_at: record.visitedAt,
      recorded_at: o.now,
      late: o.late,
      body: JSON.stringify(record),
      body_sha256: o.bodySha,
    })
    // A concurrent send of the same id waits here for the first to commit, then inserts nothing.
    .onConflict((oc) => oc.column('client_id').doNothing())
    .returning(['id', 'recorded_at'])
    .executeTakeFirst();
  if (!visit) throw new ClientIdTaken();
  const base = { county_code: household.county_code, visit_id: visit.id, household_id: household.id };
  if (record.photos.length) await trx.insertInto('visit_photo').values(record.photos.map((p) => ({ visit_id: visit.id, sha256: p.sha256, household_id: household.id }))).execute();
  if (record.policiesExplained.length) await trx.insertInto('visit_policy').values(record.policiesExplained.map((code) => ({ visit_id: visit.id, policy_code: code }))).execute();
  if (record.problems.length) {
    await trx
      .insertInto('visit_problem')
      .values(record.problems.map((p, i) => ({ ...base, village_id: household.village_id, ordinal: i + 1, text: p.text, domain: p.domain })))
      .execute();
  }
  if (record.hardshipProposals.length) {
    await trx
      .insertInto('hardship_proposal')
      .values(record.hardshipProposals.map((p) => ({ ...base, village_id: household.village_id, action: p.action, category_code: p.categoryCode, reason: p.reason })))
      .execute();
  }
  if (record.aid.length) {
    // One row per line; a delivery beyond the standard's allowance is stored as well and becomes a
    // conflict on the ledger (never summed into the first, never dropped).
    await trx
      .insertInto('aid_delivery')
      .values(
        record.aid.map((a) => ({
          ...base,
          campaign_id: record.campaignId!,
          township_id: household.township_id,
          item_code: a.itemCode,
          amount_fen: String(a.amountFen ?? 0),
          goods: JSON.stringify(a.goods),
          acknowledgement: JSON.stringify(record.acknowledgement),
          recorded_at: o.now,
        })),
      )
      .execute();
  }
  return visit;
}

/**
 * Stores a visit record made on a phone (issue 10, points 3–5 and 11), in one audited
 * transaction: the visit, its photos, policies explained, problems raised, proposed hardship
 * changes and aid handed over. The recording cadre is the session's account.
 *
 * Rules: the household must be in the actor's area (404); a campaign must target it (422) and
 * be open, or closed / past its deadline but within its grace days (then marked late, 补录;
 * after that 409 `campaign_closed`); the visit is not dated in the future (beyond
 * {@link CLOCK_SKEW_MS}) or before the campaign; files are uploaded first and of the right kind;
 * aid fits the campaign's standard and the household's categories. The same client id with the
 * same body answers the stored receipt (`resend`, nothing written); with another body, 409
 * `visit_resend_conflict` and the body is kept for review. A second delivery of an item beyond
 * the standard (another phone, offline) is stored and counted in `aidConflicts`.
 *
 * @example
 * const receipt = await recordVisit({ db, actor, source }, { record: { clientId: crypto.randomUUID(), campaignId: '7', householdId: '1024', visitedAt: '2026-12-01T02:30:00Z', kind: 'home' } });
 * receipt.outcome; // 'new'
 */
export async function recordVisit(ctx: WriteContext, options: RecordVisitOptions): Promise<TVisitReceipt> {
  const now = options.now ?? new Date();
  const record = ZVisitRecord.parse(options.record);
  const bodySha = sha256(canonicalJson(record));
  const existing = await ctx.db.selectFrom('visit').select('id').where('client_id', '=', record.clientId).executeTakeFirst();
  if (existing) return answerStored(ctx, record, bodySha);

  const found = await findHouseholdInScope(ctx.db, ctx.actor, record.householdId);
  // The aid ledger counts money per township: the village's parent.
  const village = await ctx.db.selectFrom('region').select('parent_id').where('id', '=', found.village_id).executeTakeFirstOrThrow();
  const household: Household = { ...found, township_id: village.parent_id! };
  if (new Date(record.visitedAt).getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError(422, 'visit_in_future', { issues: [{ path: 'visitedAt', message: `${record.visitedAt} is later than now` }] });
  }
  const campaign = await checkCampaign(ctx.db, household, record, now);
  await checkCodes(ctx.db, record);
  checkAid(record, campaign);
  await checkFiles(ctx.db, record);

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const late = campaign?.late ?? false;
      const visit = await insertVisit(trx, { ctx, household, record, bodySha, late, now });
      const aidConflicts = campaign === null ? 0 : await conflictsOfVisit(trx, { countyCode: household.county_code, campaignId: campaign.campaign.id, householdId: household.id, visitId: visit.id, items: campaign.items });
      // No personal numbers and no names: what was recorded, by counts.
      await recordAudit({ db: trx, source: ctx.source }, {
        action: 'visit.record',
        entityType: 'visit',
        entityId: visit.id,
        region: household.region,
        after: {
          clientId: record.clientId,
          campaignId: record.campaignId ?? null,
          householdId: household.id,
          kind: record.kind,
          visitedAt: record.visitedAt,
          late,
          aidItems: record.aid.map((a) => a.itemCode),
          aidConflicts,
          photos: record.photos.length,
          problems: record.problems.length,
          hardshipProposals: record.hardshipProposals.length,
        },
      });
      return { visitId: visit.id, clientId: record.clientId, outcome: 'new' as const, late, aidConflicts, recordedAt: iso(visit.recorded_at)! };
    });
  } catch (error) {
    // Another send of the same id committed first (a retry racing the original): answer as a resend.
    if (error instanceof ClientIdTaken) return answerStored(ctx, record, bodySha);
    throw error;
  }
}
