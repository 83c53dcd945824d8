/**
 * Signs of gaming (刷分迹象, issue 12 point 7): detectors over a closed wave, the flags they
 * leave in `gaming_flag`, and the county's review of each. County-only: nothing here ever reaches
 * a township. The dashboard and the bulletin's working notes read `gaming_flag` directly.
 */
export { detectGamingSignals } from './detect-gaming-signals.ts';
export { listGamingFlags } from './list-gaming-flags.ts';
export { reviewGamingFlag } from './review-gaming-flag.ts';
export { brownForsytheLess } from './brown-forsythe.ts';
export { detectCasesDisagree } from './cases-disagree.ts';
export { detectCoaching } from './coaching.ts';
export { GAMING_ALPHA } from './flag-drafts.ts';
export type { GamingFlagDraft } from './flag-drafts.ts';
export { twoProportionGreater } from './two-proportion.ts';
export { detectVisitsDisagree, VISIT_MARGIN } from './visits-disagree.ts';
