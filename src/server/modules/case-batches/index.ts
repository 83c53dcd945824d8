/**
 * The 12345 batches module's front door (市 12345 热线转办, issue 11): importing the hotline's
 * work orders as cases with a per-row report. Only its routes (reached by app.ts) use it today.
 */
export { importCaseBatch } from './import-case-batch.ts';
export type { ImportCaseBatchOptions } from './import-case-batch.ts';
