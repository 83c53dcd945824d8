/**
 * The demo's defaults, apart from the code that loads the demo, so the command line can show them
 * in its help without loading it.
 */

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Lianxin2026';

/** Synthetic households imported into the demo registry at first start. */
export const DEMO_HOUSEHOLDS = 2000;

/** Cases the demo files, over DEMO_CASE_DAYS days before now. */
export const DEMO_CASES = 320;
export const DEMO_CASE_DAYS = 90;
