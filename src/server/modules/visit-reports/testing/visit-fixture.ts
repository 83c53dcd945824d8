/**
 * Rows of a campaign written straight into the tables of migration 0012, for the reports' tests
 * while the campaigns and visits use cases are written elsewhere: a campaign, its targets,
 * visits, aid deliveries and stored files. Test code only (front-door rule: `testing/`).
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { ZCampaignDefinition, type TAcknowledgement, type TCampaignDefinitionInput } from '../../../../shared/visits/index.ts';
import type { DB } from '../../../db/schema.ts';

export async function regionByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('region').select(['id', 'code', 'path', 'parent_id', 'county_code']).where('code', '=', code).executeTakeFirstOrThrow();
}

export async function userId(db: Kysely<DB>, username: string): Promise<string> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/**
 * A campaign organised at `regionCode`, opened, with the definition given (parsed by the shared schema).
 *
 * @example
 * const id = await insertCampaign(db, { regionCode: '370921', definition: { kind: 'hardship', … } });
 */
export async function insertCampaign(db: Kysely<DB>, o: { regionCode: string; definition: TCampaignDefinitionInput; status?: 'draft' | 'open' | 'closed' }): Promise<string> {
  const region = await regionByCode(db, o.regionCode);
  const d = ZCampaignDefinition.parse(o.definition);
  const row = await db
    .insertInto('visit_campaign')
    .values({
      county_code: region.county_code!,
      region_id: region.id,
      kind: d.kind,
      name: d.name,
      status: o.status ?? 'open',
      starts_on: d.period.startsOn,
      ends_on: d.period.endsOn,
      deadline: d.done.deadline,
      grace_days: d.graceDays,
      definition: JSON.stringify(d),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Bare households (no residents) in a village, numbered `${prefix}-n`; their ids in order. */
export async function insertBareHouseholds(db: Kysely<DB>, o: { villageCode: string; count: number; prefix: string }): Promise<string[]> {
  const village = await regionByCode(db, o.villageCode);
  const rows = await db
    .insertInto('household')
    .values(Array.from({ length: o.count }, (_, i) => ({ county_code: village.county_code!, village_id: village.id, household_no: `${o.prefix}-${String(i).padStart(5, '0')}` })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Target households of a campaign (their village taken from the household). */
export async function insertTargets(db: Kysely<DB>, campaignId: string, targets: { householdId: string; hardship?: boolean; categoryCodes?: string[]; cadreId?: string | null }[]) {
  if (targets.length === 0) return;
  for (let i = 0; i < targets.length; i += 500) {
    const chunk = targets.slice(i, i + 500);
    const households = await db.selectFrom('household').select(['id', 'village_id', 'county_code']).where('id', 'in', chunk.map((t) => t.householdId)).execute();
    const byId = new Map(households.map((h) => [h.id, h]));
    await db
      .insertInto('visit_target')
      .values(
        chunk.map((t) => {
          const h = byId.get(t.householdId)!;
          return { campaign_id: campaignId, household_id: t.householdId, county_code: h.county_code, village_id: h.village_id, hardship: t.hardship ?? false, category_codes: t.categoryCodes ?? [], cadre_id: t.cadreId ?? null };
        }),
      )
      .execute();
  }
}

export interface FixtureVisit {
  campaignId: string | null;
  householdId: string;
  recordedBy: string;
  visitedAt: string;
  recordedAt?: string;
  kind?: 'home' | 'phone' | 'field' | 'business' | 'meeting';
  voided?: boolean;
  photos?: string[];
}

/** Visits (bodies minimal but valid records), with their photos; their ids in order. */
export async function insertVisits(db: Kysely<DB>, visits: FixtureVisit[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < visits.length; i += 500) {
    const chunk = visits.slice(i, i + 500);
    const households = await db.selectFrom('household').select(['id', 'village_id', 'county_code']).where('id', 'in', chunk.map((v) => v.householdId)).execute();
    const byId = new Map(households.map((h) => [h.id, h]));
    const rows = await db
      .insertInto('visit')
      .values(
        chunk.map((v) => {
          const h = byId.get(v.householdId)!;
          const clientId = crypto.randomUUID();
          const body = { clientId, ...(v.campaignId ? { campaignId: v.campaignId } : {}), householdId: v.householdId, visitedAt: v.visitedAt, kind: v.kind ?? 'home', photos: (v.photos ?? []).map((sha256) => ({ sha256, capturedAt: null })) };
          return {
            client_id: clientId,
            county_code: h.county_code,
            campaign_id: v.campaignId,
            household_id: v.householdId,
            village_id: h.village_id,
            recorded_by: v.recordedBy,
            kind: v.kind ?? 'home',
            visited_at: v.visitedAt,
            recorded_at: v.recordedAt ?? v.visitedAt,
            body: JSON.stringify(body),
            body_sha256: crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex'),
            voided_at: v.voided ? new Date(v.visitedAt) : null,
            void_reason: v.voided ? '重复录入' : null,
          };
        }),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
    const photos = chunk.flatMap((v, k) => (v.photos ?? []).map((sha256) => ({ visit_id: rows[k]!.id, sha256, household_id: v.householdId })));
    if (photos.length) await db.insertInto('visit_photo').values(photos).execute();
  }
  return ids;
}

/** A stored photo row (no bytes on disk: reports read only the row). Returns its sha256. */
export async function insertStoredFile(db: Kysely<DB>, o: { countyCode: string; seed: string; perceptualHash?: string | null; kind?: 'photo' | 'signature' }): Promise<string> {
  const sha256 = crypto.createHash('sha256').update(o.seed).digest('hex');
  await db
    .insertInto('stored_file')
    .values({ sha256, county_code: o.countyCode, kind: o.kind ?? 'photo', media_type: 'image/jpeg', bytes: 1000, perceptual_hash: o.perceptualHash ?? null })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return sha256;
}

/** An aid delivery of a visit (township taken from the household's village). */
export async function insertAidDelivery(
  db: Kysely<DB>,
  o: { visitId: string; campaignId: string; householdId: string; itemCode: string; amountFen: number; goods?: { code: string; quantity: number }[]; acknowledgement: TAcknowledgement; recordedAt?: string; voidReason?: string },
): Promise<string> {
  const h = await db.selectFrom('household as h').innerJoin('region as v', 'v.id', 'h.village_id').select(['h.county_code', 'v.parent_id']).where('h.id', '=', o.householdId).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('aid_delivery')
    .values({
      county_code: h.county_code,
      visit_id: o.visitId,
      campaign_id: o.campaignId,
      household_id: o.householdId,
      township_id: h.parent_id!,
      item_code: o.itemCode,
      amount_fen: String(o.amountFen),
      goods: JSON.stringify(o.goods ?? []) as never,
      acknowledgement: JSON.stringify(o.acknowledgement),
      ...(o.recordedAt ? { recorded_at: o.recordedAt } : {}),
      voided_at: o.voidReason ? new Date() : null,
      void_reason: o.voidReason ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A hardship proposal awaiting the township admin. */
export async function insertPendingProposal(db: Kysely<DB>, o: { visitId: string; householdId: string; categoryCode: string }) {
  const h = await db.selectFrom('household').select(['county_code', 'village_id']).where('id', '=', o.householdId).executeTakeFirstOrThrow();
  await db.insertInto('hardship_proposal').values({ county_code: h.county_code, visit_id: o.visitId, household_id: o.householdId, village_id: h.village_id, action: 'add', category_code: o.categoryCode, reason: '走访发现' }).execute();
}

/** Rows counted in a table, for tests that check nothing else was written. */
export async function countRows(db: Kysely<DB>, table: 'visit_flag_review' | 'audit_log'): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
  return r.rows[0]!.n;
}
