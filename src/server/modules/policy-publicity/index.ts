/**
 * The policy publicity module's front door (政策宣传, issue 12 point 3).
 *
 * - `getPolicyAwareness(ctx, { waveId })` — for the dashboard and the bulletin: a closed wave's
 *   awareness per township × policy (n, interval, suppressed below 5) with its change from the
 *   previous closed wave (improved / no measurable change / worse), the county's, and the cells
 *   where awareness is lowest with the period's publicity effort. `actor: null` reads for the
 *   deployment (every township); a township admin gets their own township and the county.
 * - `resolveAwarenessItems` — the one resolver of an awareness item's policy (the question's own
 *   `policyCode`, else the county's link, else unlinked); anyone mapping `policy:<questionCode>`
 *   figures to policies uses it rather than reading question texts.
 * - `logPublicityActivity` — the demo seeds its activities through it.
 */
export { getPolicyAwareness } from './get-policy-awareness.ts';
export { resolveAwarenessItems } from './awareness-rules.ts';
export type { AwarenessItem, ResolvedItem } from './awareness-rules.ts';
export { logPublicityActivity } from './log-publicity-activity.ts';
export { listPublicityActivities } from './list-publicity-activities.ts';
export { getPublicityEffort } from './get-publicity-effort.ts';
