/**
 * The leaders' dashboard (领导驾驶舱, issue 12 point 6): the first paint's data in one answer and
 * the county admin's placement of the township tiles. Served by `src/server/modules/dashboard/`.
 */
import { ZDashboard, ZTileLayout, ZTileLayoutRequest } from '../dashboard/dashboard-schemas.ts';
import { defineContract } from './contract.ts';

export const dashboardApi = {
  getDashboard: defineContract({ method: 'GET', url: '/api/dashboard', response: ZDashboard }),
  /** Places every township's tile (or, with an empty list, goes back to the default grid); audited. */
  setTileLayout: defineContract({ method: 'PUT', url: '/api/dashboard/tile-layout', body: ZTileLayoutRequest, response: ZTileLayout }),
};
