/**
 * The pairing module's front door (结对帮扶): assigning, transferring and ending pairings, and the
 * coverage report.
 */
export { assignCadre } from './assign-cadre.ts';
export type { AssignCadreInput } from './assign-cadre.ts';
export { bulkAssign } from './bulk-assign.ts';
export type { BulkAssignInput } from './bulk-assign.ts';
export { endPairing } from './end-pairing.ts';
export { pairingReport } from './pairing-report.ts';
export { transferPairing } from './transfer-pairing.ts';
export { pairingWorkbench } from './workbench.ts';
