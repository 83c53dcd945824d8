/** Pairing cadres with hardship households (结对帮扶) and the coverage report (see `contract.ts`). */
import { z } from 'zod';
import { ZOk } from '../schemas/common.ts';
import {
  ZAssignCadreRequest,
  ZBulkAssignRequest,
  ZEndPairingRequest,
  ZHouseholdDetail,
  ZHouseholdIdParams,
  ZPairingIdParams,
  ZPairingReport,
  ZPairingReportQuery,
  ZTransferPairingRequest,
} from '../schemas/registry.ts';
import { defineContract } from './contract.ts';

export const pairingApi = {
  /** Under the household's URL, but the pairing module's route: it answers with the household as it now stands. */
  assignCadre: defineContract({ method: 'POST', url: '/api/households/:id/pairings', params: ZHouseholdIdParams, body: ZAssignCadreRequest, response: ZHouseholdDetail, status: 201 }),
  transferPairing: defineContract({ method: 'POST', url: '/api/pairings/:id/transfer', params: ZPairingIdParams, body: ZTransferPairingRequest, response: ZHouseholdDetail }),
  endPairing: defineContract({ method: 'POST', url: '/api/pairings/:id/end', params: ZPairingIdParams, body: ZEndPairingRequest, response: ZOk }),
  bulkAssign: defineContract({ method: 'POST', url: '/api/pairings/bulk-assign', body: ZBulkAssignRequest, response: z.object({ assigned: z.number().int(), skipped: z.number().int() }) }),
  pairingReport: defineContract({ method: 'GET', url: '/api/pairings/report', querystring: ZPairingReportQuery, response: ZPairingReport }),
};
