/** Signs of gaming (刷分迹象, issue 12 point 7): county-only routes. */
import { ZDetectGamingRequest, ZDetectGamingResult, ZGamingFlag, ZGamingFlagIdParams, ZGamingFlagList, ZGamingFlagsQuery, ZReviewGamingFlagRequest } from '../assessment/gaming-schemas.ts';
import { defineContract } from './contract.ts';

export const gamingSignalsApi = {
  /** Runs the detectors on a closed wave (idempotent: flags upserted by wave, township and signal). */
  detectGamingSignals: defineContract({ method: 'POST', url: '/api/gaming-signals/detect', body: ZDetectGamingRequest, response: ZDetectGamingResult }),
  /** A wave's flags with their evidence (default: the latest closed wave), and the waves to pick from. */
  listGamingFlags: defineContract({ method: 'GET', url: '/api/gaming-signals', querystring: ZGamingFlagsQuery, response: ZGamingFlagList }),
  /** The county's review of one flag: dismissed or confirmed, with a note (audited). */
  reviewGamingFlag: defineContract({ method: 'POST', url: '/api/gaming-signals/:id/review', params: ZGamingFlagIdParams, body: ZReviewGamingFlagRequest, response: ZGamingFlag }),
};
