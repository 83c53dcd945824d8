/**
 * Policy publicity (政策宣传, issue 12 point 3): the link from the questionnaire's awareness items
 * to the policy catalogue, the publicity activities townships log, and awareness per township ×
 * policy from the survey with its change between waves and the cells where it is lowest.
 * Served by `src/server/modules/policy-publicity/` under `/api/policy-publicity/…`.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZListCode, ZRegionCode, noInvisibleCharacters, zName } from './common.ts';
import { ZBilingual } from './survey.ts';
import { ZEstimate, ZReportWave } from './survey-results.ts';

/** What kinds of activity a township logs. */
export const PUBLICITY_KINDS = ['meeting', 'notice', 'broadcast', 'door_to_door', 'training', 'other'] as const;
export const ZPublicityKind = z.enum(PUBLICITY_KINDS);
export type TPublicityKind = z.infer<typeof ZPublicityKind>;

/* ---------------------------------------------------------------- links */

/** Where an awareness item's policy came from: its own question (`policyCode`), or the county's link. */
export const ZPolicyLinkSource = z.enum(['questionnaire', 'county_link']);

/** One awareness question code of the county's questionnaires and the policy it resolves to (null: unlinked). */
export const ZPolicyLinkItem = z.object({
  questionCode: z.string(),
  /** The policy as the question words it (latest version naming this code). */
  policyText: ZBilingual,
  /** The code the question itself names in its latest version, if any. */
  questionPolicyCode: z.string().nullable(),
  /** The county's link for this question code, if any. */
  countyLinkPolicyCode: z.string().nullable(),
  /** What the resolver decides for the latest version: null when unlinked (shown as such, never guessed). */
  resolved: z.object({ policyCode: z.string(), source: ZPolicyLinkSource }).nullable(),
  /** Published versions asking this question whose definition names no policy code: they rely on the county's link. */
  versionsWithoutCode: z.number().int(),
});
export const ZPolicyLinkList = z.object({ items: z.array(ZPolicyLinkItem) });
export type TPolicyLinkList = z.infer<typeof ZPolicyLinkList>;

export const ZPolicyLinkParams = z.strictObject({ questionCode: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/, { message: 'a code: a letter, then letters, digits or _' }) });
/** `policyCode: null` removes the county's link. */
export const ZSetPolicyLinkRequest = z.strictObject({ policyCode: ZListCode.nullable() });

/* ---------------------------------------------------------------- activities */

export const ZPublicityActivityInput = z.strictObject({
  /** The township or village where it took place (inside the caller's subtree). */
  regionCode: ZRegionCode,
  kind: ZPublicityKind,
  heldOn: ZIsoDate,
  title: zName(200),
  /** People reached, when counted. */
  audience: z.number().int().min(0).max(1_000_000).nullable().default(null),
  note: z.string().check(noInvisibleCharacters).trim().max(2000).default(''),
  /** The policies explained: active codes of the catalogue, at least one. */
  policyCodes: z.array(ZListCode).min(1).max(20),
});
export type TPublicityActivityInput = z.input<typeof ZPublicityActivityInput>;

const ZRegionRef = z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() });

export const ZPublicityActivity = z.object({
  id: ZId,
  region: ZRegionRef,
  /** The township it belongs to (the region itself when the activity was held at township level). */
  township: ZRegionRef,
  kind: ZPublicityKind,
  heldOn: z.string(),
  title: z.string(),
  audience: z.number().int().nullable(),
  note: z.string(),
  policyCodes: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  voided: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export type TPublicityActivity = z.infer<typeof ZPublicityActivity>;

export const ZPublicityActivityParams = z.strictObject({ id: ZId });
export const ZVoidPublicityActivityRequest = z.strictObject({ reason: z.string().check(noInvisibleCharacters).trim().min(2, { message: 'a reason of at least 2 characters' }).max(500) });

export const ZPublicityActivityQuery = z.strictObject({
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  townshipCode: ZRegionCode.optional(),
  policyCode: ZListCode.optional(),
  kind: ZPublicityKind.optional(),
  includeVoided: z.enum(['true', 'false']).optional(),
});
export type TPublicityActivityQuery = z.infer<typeof ZPublicityActivityQuery>;
export const ZPublicityActivityList = z.object({ items: z.array(ZPublicityActivity) });

/* ---------------------------------------------------------------- effort */

/** Publicity effort of a period per township × policy: activities logged, and visits that explained it (from the visits module). */
export const ZPublicityEffortCell = z.object({ townshipCode: ZRegionCode, policyCode: z.string(), activities: z.number().int(), audience: z.number().int(), visits: z.number().int() });
export type TPublicityEffortCell = z.infer<typeof ZPublicityEffortCell>;
export const ZPublicityEffortQuery = z.strictObject({ from: ZIsoDate, to: ZIsoDate }).refine((q) => q.from <= q.to, { message: 'the end date is before the start date', path: ['to'] });
export const ZPublicityEffort = z.object({ from: z.string(), to: z.string(), cells: z.array(ZPublicityEffortCell) });
export type TPublicityEffort = z.infer<typeof ZPublicityEffort>;

/* ---------------------------------------------------------------- awareness */

export const ZWaveChangeOut = z.object({
  previousWaveId: ZId,
  difference: z.number(),
  interval: z.object({ lower: z.number(), upper: z.number(), confidence: z.number() }),
  p: z.number(),
  verdict: z.enum(['improved', 'no_measurable_change', 'worse']),
});

/** One township × policy (or the county × policy) cell. */
export const ZAwarenessCell = z.object({
  policyCode: z.string(),
  questionCode: z.string(),
  awareness: ZEstimate,
  /** Against the previous closed wave: null when there is none, or either figure is suppressed or the policy was not asked. */
  change: ZWaveChangeOut.nullable(),
});
export type TAwarenessCell = z.infer<typeof ZAwarenessCell>;

export const ZAwarenessArea = z.object({ region: ZRegionRef, cells: z.array(ZAwarenessCell) });

/** A township × policy cell of the "where awareness is lowest" list: only cells significantly below the rest of the county are listed. */
export const ZLowestCell = z.object({
  townshipCode: ZRegionCode,
  policyCode: z.string(),
  estimate: z.number(),
  n: z.number().int(),
  interval: z.object({ lower: z.number(), upper: z.number(), confidence: z.number() }).nullable(),
  countyEstimate: z.number().nullable(),
  /** Significantly below the rest of the county (the statistics module's compareWithRest: two-sided z-test, Holm-adjusted over every tested cell, the cell's interval wholly below): true for every listed cell. */
  significantlyBelow: z.boolean(),
  adjustedP: z.number().nullable(),
  effort: z.object({ activities: z.number().int(), audience: z.number().int(), visits: z.number().int() }),
});
export type TLowestCell = z.infer<typeof ZLowestCell>;

export const ZPolicyAwareness = z.object({
  wave: ZReportWave,
  previousWave: ZReportWave.nullable(),
  /** 'township': a township viewer's own township and the county only. */
  scope: z.enum(['county', 'township']),
  minReportableN: z.number().int(),
  /** The policies in the table's column order (catalogue order). */
  policies: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
  /** Awareness items of the wave's questionnaire that resolve to no policy: shown as unlinked. */
  unlinked: z.array(z.object({ questionCode: z.string(), policyText: ZBilingual, reason: z.enum(['unlinked', 'duplicate']) })),
  county: ZAwarenessArea,
  townships: z.array(ZAwarenessArea),
  /** The publicity effort's period: from the day after the previous closed wave ended (or 90 days before this wave began) to this wave's end. */
  effortPeriod: z.object({ from: z.string(), to: z.string() }),
  lowest: z.object({ alpha: z.number(), adjustment: z.literal('holm'), tested: z.number().int(), items: z.array(ZLowestCell) }),
});
export type TPolicyAwareness = z.infer<typeof ZPolicyAwareness>;
export const ZPolicyAwarenessQuery = z.strictObject({ waveId: ZId });
