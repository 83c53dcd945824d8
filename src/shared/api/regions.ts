/** The region tree's routes (see `contract.ts`). */
import { z } from 'zod';
import {
  ZCloseRegionRequest,
  ZDeployment,
  ZListChildrenQuery,
  ZMoveRegionRequest,
  ZOpenRegionRequest,
  ZRegion,
  ZRegionChildren,
  ZRegionCodeParams,
  ZRegionDetail,
  ZRegionEvent,
  ZRenameRegionRequest,
} from '../schemas/regions.ts';
import { defineContract } from './contract.ts';

export const regionsApi = {
  /** Public: the sign-in page names the county. */
  getDeployment: defineContract({ method: 'GET', url: '/api/deployment', response: ZDeployment }),
  getRegion: defineContract({ method: 'GET', url: '/api/regions/:code', params: ZRegionCodeParams, response: ZRegionDetail }),
  listChildren: defineContract({ method: 'GET', url: '/api/regions/:code/children', params: ZRegionCodeParams, querystring: ZListChildrenQuery, response: ZRegionChildren }),
  listHistory: defineContract({ method: 'GET', url: '/api/regions/:code/history', params: ZRegionCodeParams, response: z.object({ items: z.array(ZRegionEvent) }) }),
  openRegion: defineContract({ method: 'POST', url: '/api/regions', body: ZOpenRegionRequest, response: ZRegion, status: 201 }),
  renameRegion: defineContract({ method: 'POST', url: '/api/regions/:code/rename', params: ZRegionCodeParams, body: ZRenameRegionRequest, response: ZRegion }),
  moveRegion: defineContract({ method: 'POST', url: '/api/regions/:code/move', params: ZRegionCodeParams, body: ZMoveRegionRequest, response: ZRegion }),
  closeRegion: defineContract({ method: 'POST', url: '/api/regions/:code/close', params: ZRegionCodeParams, body: ZCloseRegionRequest, response: ZRegion }),
};
