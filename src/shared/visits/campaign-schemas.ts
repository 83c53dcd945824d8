/**
 * A visiting campaign's definition (走访活动), as a county or township admin drafts it (issue 10,
 * point 1). Pure zod schemas: the server parses a draft with them and the offline web app reads
 * the same shape to tell a cadre what is due.
 *
 * Money is always an integer number of fen (分, 1/100 yuan): no floating-point yuan anywhere.
 * Calendar dates are Asia/Shanghai dates as `YYYY-MM-DD` (ARCHITECTURE, *Time*).
 */
import { z } from 'zod';
import { ZIsoDate, ZListCode, zName } from '../schemas/common.ts';

/**
 * The kinds of campaign: 大走访 of every household in scope (`all_households`), 走访慰问 of hardship
 * families with aid (`hardship`), or a custom target list by filter or uploaded file (`custom`).
 */
export const CAMPAIGN_KINDS = ['all_households', 'hardship', 'custom'] as const;
export const ZCampaignKind = z.enum(CAMPAIGN_KINDS);
export type TCampaignKind = z.infer<typeof ZCampaignKind>;

/** Upper bound of any amount of money, in fen: 1,000,000,000 yuan. Keeps every sum a safe integer. */
export const MAX_FEN = 100_000_000_000;

/**
 * An amount of money in fen: a whole number, 0 or more, at most {@link MAX_FEN}.
 *
 * @example
 * ZFen.parse(50000);                // 500 yuan
 * ZFen.safeParse(-1).success;       // false
 * ZFen.safeParse(12.5).success;     // false (fen are whole)
 */
export const ZFen = z
  .number({ message: 'an amount in fen: a whole number' })
  .int({ message: 'an amount in fen: a whole number' })
  .min(0, { message: 'an amount must not be negative' })
  .max(MAX_FEN, { message: 'an amount must be at most 100000000000 fen' });

/**
 * A code of a configured list (aid items, goods, policies, hardship categories): lower-case
 * letters, digits and `_`, 2 to 40 characters, as the registry's hardship category codes.
 *
 * @example
 * ZCode.parse('rice_10kg');           // 'rice_10kg'
 * ZCode.safeParse('Rice').success;    // false
 */
export const ZCode = ZListCode;

/** Most goods of one kind a standard or a delivery may name (e.g. 10,000 jin of rice is a typing error). */
export const MAX_GOODS_QUANTITY = 10_000;

/**
 * A quantity of goods (物品): a whole number from 1 to {@link MAX_GOODS_QUANTITY}.
 *
 * @example
 * ZGoodsQuantity.parse(2); // 2
 */
export const ZGoodsQuantity = z
  .number({ message: 'a quantity: a whole number' })
  .int({ message: 'a quantity: a whole number' })
  .min(1, { message: 'a quantity must be at least 1' })
  .max(MAX_GOODS_QUANTITY, { message: 'a quantity must be at most 10000' });

/**
 * One kind of goods in a standard: its code, a name to print on the roster, a unit and a quantity.
 *
 * @example
 * ZGoodsStandard.parse({ code: 'rice', name: '大米', unit: '袋', quantity: 1 });
 */
export const ZGoodsStandard = z.strictObject({
  code: ZCode,
  name: zName(40),
  unit: zName(10),
  quantity: ZGoodsQuantity,
});
export type TGoodsStandard = z.infer<typeof ZGoodsStandard>;

/** Most deliveries of one item to one household in one campaign a standard may allow. */
export const MAX_DELIVERIES_PER_HOUSEHOLD = 12;

const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): string | undefined => {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return undefined;
};

/**
 * One aid item of a standard (慰问标准): money (慰问金, `amountFen`) and/or goods with quantities,
 * and how many times one household may receive it in one campaign (`deliveriesPerHousehold`,
 * 1 unless the standard says more). The amount and quantities are the most one delivery may give.
 * Item codes are unique in the whole campaign: a delivery names its item by code alone.
 *
 * @example
 * ZAidItem.parse({ code: 'spring_cash', name: '春节慰问金', amountFen: 50000 }).deliveriesPerHousehold; // 1
 */
export const ZAidItem = z
  .strictObject({
    code: ZCode,
    name: zName(40),
    amountFen: ZFen.min(1, { message: 'an aid amount must be at least 1 fen' }).optional(),
    goods: z.array(ZGoodsStandard).max(20).default([]),
    deliveriesPerHousehold: z.number().int().min(1).max(MAX_DELIVERIES_PER_HOUSEHOLD).default(1),
  })
  .superRefine((item, ctx) => {
    if (item.amountFen === undefined && item.goods.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'an aid item needs an amount, goods, or both', path: [] });
    }
    const dup = uniqueBy(item.goods, (g) => g.code);
    if (dup !== undefined) ctx.addIssue({ code: 'custom', message: `goods ${dup} listed twice`, path: ['goods'] });
  });
export type TAidItem = z.infer<typeof ZAidItem>;

/**
 * The aid standard of one hardship category (困难类别): the items a household of that category
 * receives.
 *
 * @example
 * ZAidStandard.parse({ categoryCode: 'dibao', items: [{ code: 'dibao_cash', name: '低保户慰问金', amountFen: 30000 }] });
 */
export const ZAidStandard = z.strictObject({
  categoryCode: ZCode,
  items: z.array(ZAidItem).min(1, { message: 'a standard needs at least one item' }).max(20),
});
export type TAidStandard = z.infer<typeof ZAidStandard>;

/**
 * A township's budget for the campaign, in fen, by its 9-digit division code.
 *
 * @example
 * ZTownshipBudget.parse({ townshipCode: '370921104', budgetFen: 2_000_000 });
 */
export const ZTownshipBudget = z.strictObject({
  townshipCode: z.string().regex(/^\d{9}$/, { message: 'a township code: 9 digits' }),
  budgetFen: ZFen,
});
export type TTownshipBudget = z.infer<typeof ZTownshipBudget>;

/**
 * The campaign's period, as Asia/Shanghai calendar dates, both days included.
 *
 * @example
 * ZCampaignPeriod.parse({ startsOn: '2026-11-15', endsOn: '2026-12-31' });
 */
export const ZCampaignPeriod = z
  .strictObject({ startsOn: ZIsoDate, endsOn: ZIsoDate })
  .refine((p) => p.endsOn >= p.startsOn, { message: 'the end must not be before the start', path: ['endsOn'] });
export type TCampaignPeriod = z.infer<typeof ZCampaignPeriod>;

/** Most visits a done-rule may ask of one household. */
export const MAX_REQUIRED_VISITS = 20;

const ZRequiredVisits = z.number().int().min(1, { message: 'at least 1 visit' }).max(MAX_REQUIRED_VISITS);

/**
 * What counts as done: every target household visited at least `minVisits` times, and every
 * hardship household at least `minVisitsHardship` times, by the `deadline` (an Asia/Shanghai
 * date, that whole day included).
 *
 * @example
 * ZDoneRule.parse({ deadline: '2026-12-31', minVisitsHardship: 2 }); // minVisits 1
 */
export const ZDoneRule = z.strictObject({
  deadline: ZIsoDate,
  minVisits: ZRequiredVisits.default(1),
  minVisitsHardship: ZRequiredVisits.default(1),
});
export type TDoneRule = z.infer<typeof ZDoneRule>;

/** Most days after the deadline a late entry (补录) may still be accepted. */
export const MAX_GRACE_DAYS = 60;

/**
 * A campaign's definition. Cross-field rules: the deadline lies inside the period; a hardship
 * category has one standard; an item code is used once in the whole campaign; a township has one
 * budget line.
 *
 * @example
 * ZCampaignDefinition.parse({
 *   kind: 'hardship',
 *   name: '2026年冬季集中走访慰问',
 *   period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
 *   done: { deadline: '2026-12-31', minVisitsHardship: 2 },
 *   aidStandards: [{ categoryCode: 'tekun', items: [{ code: 'tekun_cash', name: '特困慰问金', amountFen: 50000 }] }],
 *   budgets: [{ townshipCode: '370921104', budgetFen: 2_000_000 }],
 *   graceDays: 7,
 * });
 */
export const ZCampaignDefinition = z
  .strictObject({
    kind: ZCampaignKind,
    name: zName(80),
    period: ZCampaignPeriod,
    done: ZDoneRule,
    aidStandards: z.array(ZAidStandard).max(50).default([]),
    budgets: z.array(ZTownshipBudget).max(200).default([]),
    /** Days after the deadline in which late entries (补录) are accepted and marked late. */
    graceDays: z.number().int().min(0).max(MAX_GRACE_DAYS).default(0),
  })
  .superRefine((c, ctx) => {
    if (c.done.deadline < c.period.startsOn || c.done.deadline > c.period.endsOn) {
      ctx.addIssue({ code: 'custom', message: 'the deadline must lie inside the period', path: ['done', 'deadline'] });
    }
    const category = uniqueBy(c.aidStandards, (s) => s.categoryCode);
    if (category !== undefined) ctx.addIssue({ code: 'custom', message: `hardship category ${category} has two standards`, path: ['aidStandards'] });
    const item = uniqueBy(
      c.aidStandards.flatMap((s) => s.items),
      (i) => i.code,
    );
    if (item !== undefined) ctx.addIssue({ code: 'custom', message: `aid item ${item} is used twice`, path: ['aidStandards'] });
    const township = uniqueBy(c.budgets, (b) => b.townshipCode);
    if (township !== undefined) ctx.addIssue({ code: 'custom', message: `township ${township} has two budgets`, path: ['budgets'] });
  });
export type TCampaignDefinition = z.infer<typeof ZCampaignDefinition>;
/** A definition as an admin sends it (defaults not yet filled in). */
export type TCampaignDefinitionInput = z.input<typeof ZCampaignDefinition>;

/**
 * Every aid item of a campaign by its code (codes are unique per campaign), for the aid ledger.
 *
 * @example
 * aidItemsByCode(campaign).get('tekun_cash')?.amountFen; // 50000
 */
export function aidItemsByCode(campaign: Pick<TCampaignDefinition, 'aidStandards'>): Map<string, TAidItem> {
  return new Map(campaign.aidStandards.flatMap((s) => s.items.map((i) => [i.code, i] as const)));
}
