/**
 * Signs of gaming (刷分迹象, issue 12 point 7): detectors over a closed wave, the flags they
 * leave in `gaming_flag`, and the county's review of each. County-only: nothing here ever reaches
 * a township. The dashboard and the bulletin's working notes read `gaming_flag` directly.
 */
export { detectGamingSignals } from './detect-gaming-signals.ts';
export { listGamingFlags } from './list-gaming-flags.ts';
export { reviewGamingFlag } from './review-gaming-flag.ts';
export { brownForsytheLess, detectCasesDisagree, detectCoaching, detectVisitsDisagree, twoProportionGreater, GAMING_ALPHA, VISIT_MARGIN } from './detectors.ts';
export type { GamingFlagDraft } from './detectors.ts';
