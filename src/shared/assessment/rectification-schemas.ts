/**
 * Rectification tasks' shared vocabulary (整改, issue 12 points 1–2). The module
 * `src/server/modules/rectification` owns the routes and the full request/response schemas;
 * what is here is what other modules (assessment, bulletin, dashboard) read.
 */
import { z } from 'zod';
import { ZId } from '../schemas/common.ts';

export const RECTIFICATION_STATUSES = ['proposed', 'dropped', 'open', 'submitted', 'accepted'] as const;
export const ZRectificationStatus = z.enum(RECTIFICATION_STATUSES);
export type TRectificationStatus = z.infer<typeof ZRectificationStatus>;

export const RECTIFICATION_SOURCES = ['survey', 'cases', 'manual'] as const;

/**
 * What a proposal rested on (rectification_task.evidence): the weak figure of the township with
 * its n and interval, the county's, and the test that found it weak; or the case category's
 * counts. Kept as it was when proposed, even after the wave's data changes.
 */
export const ZRectificationEvidence = z.object({
  kind: z.enum(['survey', 'cases', 'manual']),
  /** Why it was proposed: below the threshold, or significantly below the county (p of the survey's test). */
  reason: z.enum(['below_threshold', 'below_county', 'category_piling_up', 'manual']).optional(),
  figureKey: z.string().optional(),
  township: z.object({ estimate: z.number(), standardError: z.number().nullable(), n: z.number().int(), lower: z.number().nullable(), upper: z.number().nullable() }).optional(),
  county: z.object({ estimate: z.number(), standardError: z.number().nullable(), n: z.number().int(), lower: z.number().nullable(), upper: z.number().nullable() }).optional(),
  threshold: z.number().optional(),
  p: z.number().optional(),
  /** For a case category: the cases of the period, of the previous period of the same length, and the category id. */
  cases: z.object({ categoryId: ZId, count: z.number().int(), previousCount: z.number().int(), from: z.string(), to: z.string() }).optional(),
});
export type TRectificationEvidence = z.infer<typeof ZRectificationEvidence>;
