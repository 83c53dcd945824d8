/**
 * Test fixtures of the visits module: a campaign with its targets written straight into the
 * tables (the campaigns module's use cases make them in the app), and stored files as if the
 * phone had uploaded them. Test code only (ARCHITECTURE, *Front doors*: `testing/`).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { ZCampaignDefinition, type TCampaignDefinitionInput } from '../../../../shared/visits/index.ts';

/** The winter standard the tests use: dibao 300 yuan + rice, tekun 500 yuan, a coal item allowed twice. */
export const TEST_AID_STANDARDS: TCampaignDefinitionInput['aidStandards'] = [
  {
    categoryCode: 'dibao',
    items: [
      { code: 'dibao_cash', name: '低保户慰问金', amountFen: 30000 },
      { code: 'rice', name: '大米', goods: [{ code: 'rice_10kg', name: '大米', unit: '袋', quantity: 1 }] },
    ],
  },
  { categoryCode: 'tekun', items: [{ code: 'tekun_cash', name: '特困慰问金', amountFen: 50000 }] },
  { categoryCode: 'elderly_alone', items: [{ code: 'coal', name: '取暖煤', goods: [{ code: 'coal_bag', name: '煤', unit: '袋', quantity: 2 }], deliveriesPerHousehold: 2 }] },
];

export interface FixtureCampaign {
  regionCode: string;
  status?: 'draft' | 'open' | 'closed';
  startsOn: string;
  endsOn: string;
  deadline?: string;
  graceDays?: number;
  budgets?: { townshipCode: string; budgetFen: number }[];
  targets: { householdId: string; categoryCodes?: string[] }[];
}

/**
 * A hardship campaign with its targets (each in its household's village, hardship when it has categories).
 *
 * @example
 * const campaignId = await insertCampaign(db, { regionCode: '370921', startsOn: '2026-11-15', endsOn: '2026-12-31', targets: [{ householdId, categoryCodes: ['dibao'] }] });
 */
export async function insertCampaign(db: Kysely<DB>, o: FixtureCampaign): Promise<string> {
  const region = await db.selectFrom('region').select(['id', 'county_code']).where('code', '=', o.regionCode).executeTakeFirstOrThrow();
  const deadline = o.deadline ?? o.endsOn;
  const definition = ZCampaignDefinition.parse({
    kind: 'hardship',
    name: '测试冬季走访慰问',
    period: { startsOn: o.startsOn, endsOn: o.endsOn },
    done: { deadline, minVisitsHardship: 2 },
    aidStandards: TEST_AID_STANDARDS,
    budgets: o.budgets ?? [],
    graceDays: o.graceDays ?? 0,
  });
  const campaign = await db
    .insertInto('visit_campaign')
    .values({
      county_code: region.county_code!,
      region_id: region.id,
      kind: 'hardship',
      name: definition.name,
      status: o.status ?? 'open',
      starts_on: o.startsOn,
      ends_on: o.endsOn,
      deadline,
      grace_days: definition.graceDays,
      definition: JSON.stringify(definition),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const t of o.targets) {
    const h = await db.selectFrom('household').select(['village_id', 'county_code']).where('id', '=', t.householdId).executeTakeFirstOrThrow();
    const codes = t.categoryCodes ?? [];
    await db
      .insertInto('visit_target')
      .values({ campaign_id: campaign.id, household_id: t.householdId, county_code: h.county_code, village_id: h.village_id, hardship: codes.length > 0, category_codes: codes })
      .execute();
  }
  return campaign.id;
}

/**
 * A stored file as if uploaded (random content hash), of a kind.
 *
 * @example
 * const photo = await insertStoredFile(db, { kind: 'photo' });
 */
export async function insertStoredFile(db: Kysely<DB>, o: { kind: 'photo' | 'signature'; countyCode?: string }): Promise<string> {
  const sha256 = crypto.randomBytes(32).toString('hex');
  await db
    .insertInto('stored_file')
    .values({ sha256, county_code: o.countyCode ?? '370921', kind: o.kind, media_type: 'image/png', bytes: 100, width: 10, height: 10 })
    .execute();
  return sha256;
}
