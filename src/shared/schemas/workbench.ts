/**
 * The workbench (工作台): the first page after sign-in, made of cards and to-dos that each
 * domain module contributes for the roles it serves (see `src/server/modules/workbench/`).
 *
 * Route: GET /api/workbench → ZWorkbench (signed in; every figure scoped to the caller's region).
 *
 * A card is one kind of this union, with a renderer of the same kind on the web
 * (`src/web/components/workbench/`). A to-do is one line: a count of things waiting, a key the
 * web turns into words (`workbench.todo.<key>`), and where to go to deal with them. A new module
 * adds its card kinds here and its to-do keys to WORKBENCH_TODO_KEYS.
 *
 * Anonymity: survey cards carry only estimates the results pages already show the same caller
 * (suppressed below 5 answers, a township administrator's own township and the county).
 */
import { z } from 'zod';
import { ZId, ZRegionCode } from './common.ts';
import { ZFieldworkWave } from './survey-fieldwork.ts';
import { ZEstimate, ZProgressRates, ZReportWave } from './survey-results.ts';

const ZArea = z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() });

/** The satisfaction index of the caller's area (county or own township) in the latest closed wave with completes, and its trend over closed waves. */
export const ZSatisfactionCard = z.object({
  kind: z.literal('satisfaction'),
  /** 'county' for county staff; 'township' for a township administrator (their township, with the county beside it). */
  scope: z.enum(['county', 'township']),
  area: ZArea,
  wave: ZReportWave,
  index: ZEstimate,
  /** The county's index in the same wave, beside a township's; null on the county's own card. */
  countyIndex: ZEstimate.nullable(),
  /** Oldest first; the area's index in each closed wave (at most 8). */
  trend: z.array(z.object({ wave: ZReportWave, index: ZEstimate })),
});

/** Hardship households of the caller's region and how many have a responsible cadre (结对覆盖). */
export const ZPairingCoverageCard = z.object({
  kind: z.literal('pairing-coverage'),
  region: z.object({ code: ZRegionCode, name: z.string(), level: z.string() }),
  hardshipHouseholds: z.number().int(),
  withResponsible: z.number().int(),
  withoutResponsible: z.number().int(),
});

/** A household the caller is paired with (结对户). */
export const ZPairedHousehold = z.object({
  householdId: ZId,
  householdNo: z.string(),
  /** The head of household (户主), else the first resident; null for an empty household. */
  headName: z.string().nullable(),
  village: z.object({ code: ZRegionCode, name: z.string() }),
  role: z.enum(['responsible', 'helper']),
  since: z.string(),
  /** Hardship categories in force (codes). */
  hardship: z.array(z.string()),
});
export type TPairedHousehold = z.infer<typeof ZPairedHousehold>;

export const ZMyPairingsCard = z.object({ kind: z.literal('my-pairings'), total: z.number().int(), items: z.array(ZPairedHousehold) });

/** The interviewer's way in: the waves open for calling. */
export const ZWorkstationCard = z.object({ kind: z.literal('workstation'), waves: z.array(ZFieldworkWave) });

/** Waves in fieldwork with their progress (county totals). */
export const ZFieldworkCard = z.object({
  kind: z.literal('fieldwork'),
  waves: z.array(
    z.object({
      wave: ZReportWave,
      targetCompletes: z.number().int(),
      completes: z.number().int(),
      released: z.number().int(),
      inProgress: z.number().int(),
      notAttempted: z.number().int(),
      attempts: z.number().int(),
      rates: ZProgressRates,
    }),
  ),
});

const ZCampaignRef = z.object({ id: ZId, name: z.string(), deadline: z.string() });

/** A village cadre's households due a visit in each open campaign (assigned to them, or to the village's cadres). */
export const ZVisitsDueCard = z.object({
  kind: z.literal('visits-due'),
  campaigns: z.array(z.object({ campaign: ZCampaignRef, households: z.number().int(), done: z.number().int(), due: z.number().int(), overdue: z.number().int() })),
});

/** Coverage of each open campaign in the caller's region (走访进度). */
export const ZVisitProgressCard = z.object({
  kind: z.literal('visit-progress'),
  region: z.object({ code: ZRegionCode, name: z.string(), level: z.string() }),
  campaigns: z.array(z.object({ campaign: ZCampaignRef, targets: z.number().int(), visited: z.number().int(), coverage: z.number().nullable(), overdue: z.number().int() })),
});

/** Overdue cases (逾期诉求) in the county by the case's township and by department (county staff). */
export const ZCasesOverdueCard = z.object({
  kind: z.literal('cases-overdue'),
  total: z.number().int(),
  townships: z.array(z.object({ code: ZRegionCode, name: z.string(), count: z.number().int() })),
  departments: z.array(z.object({ id: ZId, name: z.string(), count: z.number().int() })),
});

export const ZWorkbenchCard = z.discriminatedUnion('kind', [ZSatisfactionCard, ZPairingCoverageCard, ZMyPairingsCard, ZWorkstationCard, ZFieldworkCard, ZVisitsDueCard, ZVisitProgressCard, ZCasesOverdueCard]);
export type TWorkbenchCard = z.infer<typeof ZWorkbenchCard>;

/** Every kind of to-do; the web has a sentence for each (`workbench.todo.<key>`, with {count}). */
export const WORKBENCH_TODO_KEYS = ['pairing.unpaired', 'imports.conflicts', 'visits.overdue', 'visits.aid_conflicts', 'visits.hardship_proposals', 'visits.flags_unreviewed', 'cases.to_accept', 'cases.due_soon', 'cases.overdue', 'cases.to_dispatch', 'cases.to_call_back', 'rectification.overdue', 'rectification.to_verify', 'rectification.proposals'] as const;

export const ZWorkbenchTodo = z.object({
  key: z.enum(WORKBENCH_TODO_KEYS),
  /** The module that raised it (`pairing`, `imports` …). */
  module: z.string(),
  count: z.number().int().positive(),
  /** More than `count` are waiting (a module counts up to a limit). */
  more: z.boolean(),
  /** Where the web app deals with them, e.g. `/pairing`. */
  href: z.string().startsWith('/'),
});
export type TWorkbenchTodo = z.infer<typeof ZWorkbenchTodo>;

export const ZWorkbench = z.object({
  /** The caller's region, for the page title. */
  region: z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable(), level: z.string() }),
  todos: z.array(ZWorkbenchTodo),
  cards: z.array(ZWorkbenchCard),
});
export type TWorkbench = z.infer<typeof ZWorkbench>;
