/**
 * Signs of gaming (刷分迹象, issue 12 point 7): what a flag's evidence holds. County-only.
 */
import { z } from 'zod';

export const GAMING_SIGNALS = ['uniform_answers', 'satisfaction_jump', 'cases_disagree', 'visits_disagree'] as const;
export const ZGamingSignal = z.enum(GAMING_SIGNALS);
export type TGamingSignal = z.infer<typeof ZGamingSignal>;

/** The figures behind a flag: each a named measurement of the township beside the county's (or the previous wave's), with a test where one applies. */
export const ZGamingEvidence = z.object({
  summary: z.object({ 'zh-CN': z.string(), en: z.string() }),
  measures: z.array(
    z.object({
      key: z.string(),
      label: z.object({ 'zh-CN': z.string(), en: z.string() }),
      township: z.number().nullable(),
      reference: z.number().nullable(),
      referenceLabel: z.object({ 'zh-CN': z.string(), en: z.string() }),
      n: z.number().int().nullable(),
      p: z.number().nullable(),
    }),
  ),
});
export type TGamingEvidence = z.infer<typeof ZGamingEvidence>;
