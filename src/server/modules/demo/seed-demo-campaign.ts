/**
 * The demo county's winter campaign (2026年冬季集中走访慰问, issue 10 point 9): the county admin
 * drafts it through `createCampaign` and opens it through `openCampaign`, so its targets (every
 * hardship household of the county, the demo cadre's paired families assigned to them) come from
 * the real rules. Visits on it are simulated elsewhere (the visits module's `recordVisit`), with
 * the households each cadre gets from `getMyWork`.
 */
import { sql } from 'kysely';
import type { TAidStandard, TCampaignDefinitionInput, TTownshipBudget } from '../../../shared/visits/index.ts';
import { loadActor } from '../auth/index.ts';
import { createCampaign, openCampaign } from '../campaigns/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { localInstant } from './demo-clock.ts';
import type { VisitFileConfig } from '../visit-files/index.ts';
import { simulateVisits, type SimulateVisitsResult } from './simulate-visits.ts';
import { DEMO_COUNTY_CODE, demoLogins, demoTownshipCodes } from './seed-demo.ts';

export const DEMO_CAMPAIGN_NAME = '2026年冬季集中走访慰问';
export const DEMO_CAMPAIGN_PERIOD = { startsOn: '2026-11-15', endsOn: '2026-12-31' } as const;

const RICE = { code: 'rice', name: '大米', unit: '袋', quantity: 1 };
const OIL = { code: 'cooking_oil', name: '食用油', unit: '桶', quantity: 1 };
const QUILT = { code: 'quilt', name: '棉被', unit: '床', quantity: 1 };
const SCHOOL_KIT = { code: 'school_kit', name: '学习用品', unit: '套', quantity: 1 };

/** One aid item per seeded hardship category: 慰问金 in fen and goods. */
const STANDARDS: { categoryCode: string; name: string; yuan: number; goods: (typeof RICE)[] }[] = [
  { categoryCode: 'tekun', name: '特困供养人员慰问', yuan: 500, goods: [RICE, OIL] },
  { categoryCode: 'dibao', name: '低保户慰问', yuan: 300, goods: [RICE] },
  { categoryCode: 'disability', name: '困难残疾人慰问', yuan: 300, goods: [OIL] },
  { categoryCode: 'elderly_alone', name: '独居老人慰问', yuan: 200, goods: [RICE, QUILT] },
  { categoryCode: 'left_behind_child', name: '留守儿童慰问', yuan: 200, goods: [SCHOOL_KIT] },
  { categoryCode: 'serious_illness', name: '重病家庭慰问', yuan: 500, goods: [] },
  { categoryCode: 'poverty_monitoring', name: '脱贫监测户慰问', yuan: 300, goods: [RICE] },
  { categoryCode: 'veteran_family', name: '优抚对象慰问', yuan: 300, goods: [OIL] },
  { categoryCode: 'other', name: '其他困难群众慰问', yuan: 200, goods: [] },
];

/** What a household's aid costs on average, in fen, for the budgets (cash plus goods at about 60 yuan). */
const BUDGET_PER_HOUSEHOLD_FEN = 40_000;
/** Budgets are rounded up to whole 10,000 yuan. */
const BUDGET_STEP_FEN = 1_000_000;

export interface SeedDemoCampaignResult {
  created: boolean;
  /** Why nothing was seeded: a campaign is there already, the county or its admin is missing, or the registry has no hardship household. */
  skipped: 'exists' | 'no_county' | 'no_accounts' | 'no_hardship_households' | null;
  campaignId: string | null;
  targets: number;
  /** The simulated visits (null when nothing was seeded). */
  visits?: SimulateVisitsResult;
  townships: number;
}

/**
 * The demo campaign's definition: hardship families visited twice by the deadline, aid standards
 * for the seeded categories, a budget per township from its number of hardship households, 7
 * grace days for late entries (补录).
 *
 * @example
 * demoCampaignDefinition(new Map([['370921104', 120]])).budgets; // [{ townshipCode: '370921104', budgetFen: 5_000_000 }]
 */
export function demoCampaignDefinition(hardshipByTownship: ReadonlyMap<string, number>): TCampaignDefinitionInput {
  const aidStandards: TAidStandard[] = STANDARDS.map((s) => ({
    categoryCode: s.categoryCode,
    items: [{ code: `${s.categoryCode}_aid`, name: s.name, amountFen: s.yuan * 100, goods: s.goods, deliveriesPerHousehold: 1 }],
  }));
  const budgets: TTownshipBudget[] = [...hardshipByTownship].map(([townshipCode, households]) => ({
    townshipCode,
    budgetFen: Math.max(1, Math.ceil((households * BUDGET_PER_HOUSEHOLD_FEN) / BUDGET_STEP_FEN)) * BUDGET_STEP_FEN,
  }));
  return {
    kind: 'hardship',
    name: DEMO_CAMPAIGN_NAME,
    period: { ...DEMO_CAMPAIGN_PERIOD },
    done: { deadline: DEMO_CAMPAIGN_PERIOD.endsOn, minVisits: 1, minVisitsHardship: 2 },
    aidStandards,
    budgets,
    graceDays: 7,
  };
}

/**
 * Seeds the demo campaign once, as the demo county admin, opened on the morning of its first day
 * (or now, when that is earlier). Does nothing when the demo county already has a campaign.
 *
 * @example
 * const campaign = await seedDemoCampaign({ db, actor: null, source: cliAuditSource('seed-demo') }, { files: visitFileConfig(env) });
 * campaign.targets; // every hardship household of the county
 */
export async function seedDemoCampaign(ctx: WriteContext<null>, options: { files: VisitFileConfig; now?: Date }): Promise<SeedDemoCampaignResult> {
  const { db, source } = ctx;
  const skip = (skipped: NonNullable<SeedDemoCampaignResult['skipped']>): SeedDemoCampaignResult => ({ created: false, skipped, campaignId: null, targets: 0, townships: 0 });
  const county = await db.selectFrom('region').select('id').where('code', '=', DEMO_COUNTY_CODE).where('level', '=', 'county').executeTakeFirst();
  if (!county) return skip('no_county');
  const existing = await db.selectFrom('visit_campaign').select('id').where('county_code', '=', DEMO_COUNTY_CODE).limit(1).executeTakeFirst();
  if (existing) return skip('exists');
  const adminLogin = demoLogins().find((l) => l.roles.includes('county_admin'))!;
  const admin = await loadActor({ db, actor: null }, { username: adminLogin.username });
  if (!admin) return skip('no_accounts');

  // Hardship households by township, for the budgets (the campaign itself finds its targets).
  const rows = await db
    .selectFrom('household as h')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .innerJoin('region as t', 't.id', 'v.parent_id')
    .select(['t.code', sql<string>`count(*)`.as('households')])
    .where('h.county_code', '=', DEMO_COUNTY_CODE)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('household_hardship as hh')
          .select('hh.id')
          .whereRef('hh.household_id', '=', 'h.id')
          .where('hh.county_code', '=', DEMO_COUNTY_CODE)
          .where('hh.valid_to', 'is', null),
      ),
    )
    .groupBy('t.code')
    .execute();
  if (!rows.length) return skip('no_hardship_households');
  const hardshipByTownship = new Map(rows.map((r) => [r.code, Number(r.households)]));
  const townships = demoTownshipCodes()
    .map((t) => t.code)
    .filter((code) => hardshipByTownship.has(code));

  const actorCtx = { db, actor: admin, source };
  const draft = await createCampaign(actorCtx, { definition: demoCampaignDefinition(hardshipByTownship), regionCodes: townships });
  const now = options.now ?? new Date();
  const firstMorning = localInstant(DEMO_CAMPAIGN_PERIOD.startsOn, '08:30');
  const opened = await openCampaign(actorCtx, { id: draft.id, now: firstMorning < now ? firstMorning : now });
  // Partly done: visits up to now through the visits module's recordVisit (simulate-visits.ts).
  const visits = await simulateVisits(ctx, { campaignId: opened.id, files: options.files, now });
  return { created: true, skipped: null, campaignId: opened.id, targets: opened.targets, townships: opened.townships.length, visits };
}
