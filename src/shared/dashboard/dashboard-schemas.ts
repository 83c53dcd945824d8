/**
 * The leaders' dashboard (领导驾驶舱, issue 12 point 6): everything its first paint needs in one
 * answer, and the county's tile map layout. Served by `src/server/modules/dashboard/` to
 * DASHBOARD_ROLES (the county's admins and leaders). Every block may be empty (no closed wave
 * yet, no published assessment, no campaign): the answer is then the block's empty form, never
 * an error.
 *
 * Figures keep their base: survey figures are the survey's estimates (`ZEstimate`: suppressed
 * below 5, with n and the 95% interval), case rates are counts with their Wilson interval
 * (`ZRate`), coverage and tasks are counts.
 */
import { z } from 'zod';
import { ZRate } from '../cases/case-rates-schemas.ts';
import { ZId, ZIsoDate, ZRegionCode } from '../schemas/common.ts';
import { ZEstimate } from '../schemas/survey-results.ts';
import { ZBilingual } from '../schemas/survey.ts';
import { RECTIFICATION_STATUSES } from '../assessment/rectification-schemas.ts';
import { TILE_GRID_MAX } from './tile-layout.ts';

const ZRegionRef = z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() });
const ZWaveRef = z.object({ id: ZId, name: z.string(), startsOn: ZIsoDate, endsOn: ZIsoDate });

/** One closed wave's county figures, for the index across waves. */
export const ZDashboardWavePoint = z.object({ wave: ZWaveRef, index: ZEstimate, satisfaction: ZEstimate, dissatisfaction: ZEstimate });

/** A township's place: by the published assessment's composite, or by the survey index. */
export const ZDashboardRankItem = z.object({
  township: ZRegionRef,
  rank: z.number().int(),
  bestRank: z.number().int(),
  worstRank: z.number().int(),
  /** The composite (points) or the index (0–100). */
  value: z.number(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  /** The index's base; null for an assessment's composite. */
  n: z.number().int().nullable(),
});

export const ZDashboardRanking = z.object({
  /** 'assessment': the latest published assessment; 'survey': the latest closed wave's index; null: neither exists. */
  source: z.enum(['assessment', 'survey']).nullable(),
  assessment: z.object({ id: ZId, name: z.string(), periodStart: ZIsoDate, periodEnd: ZIsoDate }).nullable(),
  wave: ZWaveRef.nullable(),
  /** Best first. */
  items: z.array(ZDashboardRankItem),
  /** Runs of consecutive places the uncertainty cannot separate, as township codes. */
  groups: z.array(z.array(ZRegionCode)),
});

/** The county's three rates in one Shanghai month: township and village units and county departments together. */
export const ZDashboardCaseMonth = z.object({
  month: z.string(),
  /** False for the month under way. */
  complete: z.boolean(),
  response: ZRate,
  resolution: ZRate,
  satisfaction: ZRate,
});

export const ZDashboardCoverage = z.object({
  campaign: z.object({ id: ZId, name: z.string(), status: z.enum(['draft', 'open', 'closed']), startsOn: ZIsoDate, endsOn: ZIsoDate, deadline: ZIsoDate }).nullable(),
  targets: z.number().int(),
  visited: z.number().int(),
  /** visited / targets; null without targets. */
  coverage: z.number().nullable(),
  due: z.number().int(),
  overdue: z.number().int(),
});

export const ZDashboardRectification = z.object({
  byStatus: z.object(Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof RECTIFICATION_STATUSES)[number], z.ZodNumber>),
  /** Open tasks past their deadline (Asia/Shanghai date): the owner still has to act. */
  overdue: z.number().int(),
});

export const ZDashboardAwareness = z.object({
  wave: ZWaveRef.nullable(),
  county: ZEstimate.nullable(),
  policies: z.array(z.object({ questionCode: z.string(), policy: ZBilingual, awareness: ZEstimate })),
});

export const DASHBOARD_ALERT_KINDS = ['rectification_overdue', 'township_worse', 'cases_overdue', 'gaming_flags'] as const;
export const ZDashboardAlert = z.object({
  kind: z.enum(DASHBOARD_ALERT_KINDS),
  count: z.number().int(),
  /** The township the alert is about; null for a county-wide one. */
  township: ZRegionRef.nullable(),
  /** township_worse: the figure ('index' or 'dissatisfaction'), its change with the interval, and the two waves. */
  change: z
    .object({ figure: z.enum(['index', 'dissatisfaction']), difference: z.number(), lower: z.number(), upper: z.number(), before: z.string(), after: z.string() })
    .nullable(),
  /** The web page that shows it. */
  href: z.string(),
});

/** The tile map's metrics: the figure and its base where it has one. */
export const TILE_METRICS = ['index', 'dissatisfaction', 'response', 'resolution', 'satisfaction', 'coverage', 'openTasks', 'overdueTasks', 'awareness'] as const;
export const ZTileMetric = z.enum(TILE_METRICS);
export type TTileMetric = z.infer<typeof ZTileMetric>;
/** A metric's value; null when there is no figure (no data, or suppressed: then `suppressed`). */
export const ZTileValue = z.object({ value: z.number().nullable(), n: z.number().int().nullable(), suppressed: z.boolean() });
export type TTileValue = z.infer<typeof ZTileValue>;

export const ZDashboardTile = z.object({
  township: ZRegionRef,
  row: z.number().int(),
  col: z.number().int(),
  metrics: z.object(Object.fromEntries(TILE_METRICS.map((m) => [m, ZTileValue])) as Record<TTileMetric, typeof ZTileValue>),
});
export type TDashboardTile = z.infer<typeof ZDashboardTile>;

export const ZDashboard = z.object({
  county: ZRegionRef,
  /** Today in Asia/Shanghai and the instant the answer was put together. */
  today: ZIsoDate,
  generatedAt: z.string(),
  /** Closed waves, oldest first. */
  waves: z.array(ZDashboardWavePoint),
  ranking: ZDashboardRanking,
  /** The last complete month, then the current one. */
  caseRates: z.array(ZDashboardCaseMonth),
  coverage: ZDashboardCoverage,
  rectification: ZDashboardRectification,
  awareness: ZDashboardAwareness,
  alerts: z.array(ZDashboardAlert),
  tiles: z.object({
    rows: z.number().int(),
    cols: z.number().int(),
    /** True when the county admin has placed the tiles; false for the default grid. */
    custom: z.boolean(),
    /** Where each metric comes from: the wave, the month, the campaign. */
    sources: z.object({ waveId: ZId.nullable(), month: z.string(), campaignId: ZId.nullable() }),
    items: z.array(ZDashboardTile),
  }),
});
export type TDashboard = z.infer<typeof ZDashboard>;

/** The county admin's placement of the townships' tiles; an empty list goes back to the default grid. */
export const ZTilePosition = z.strictObject({
  code: ZRegionCode,
  row: z.number().int().min(0).max(TILE_GRID_MAX - 1),
  col: z.number().int().min(0).max(TILE_GRID_MAX - 1),
});
export type TTilePosition = z.infer<typeof ZTilePosition>;
export const ZTileLayoutRequest = z.strictObject({ tiles: z.array(ZTilePosition).max(200) });
export const ZTileLayout = z.object({ custom: z.boolean(), rows: z.number().int(), cols: z.number().int(), tiles: z.array(z.object({ code: ZRegionCode, row: z.number().int(), col: z.number().int() })) });
export type TTileLayout = z.infer<typeof ZTileLayout>;
