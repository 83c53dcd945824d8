/**
 * The leaders' dashboard module's front door (领导驾驶舱, issue 12 point 6): the first paint's
 * data in one answer and the county admin's placement of the township tiles.
 */
/** The benchmark measures the dashboard's first paint through it. */
export { getDashboard } from './get-dashboard.ts';
export { setTileLayout } from './set-tile-layout.ts';
