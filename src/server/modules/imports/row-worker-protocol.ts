/** Messages between row-workers.ts (the importing thread) and row-worker.ts. */
import type { ImportCategory, ImportTownship, ImportVillage } from '../../../shared/registry/import-directory.ts';
import type { ImportHeader } from '../../../shared/registry/import-header.ts';
import type { SheetRow } from '../../spreadsheets/index.ts';
import type { StagedBatch } from './import-stage.ts';

/** What one import's rows are read against: the directory as its constructor takes it, and the data key. */
export interface RowWorkerContext {
  header: ImportHeader;
  villages: ImportVillage[];
  townships: ImportTownship[];
  categories: ImportCategory[];
  today: string;
  dataKey: Uint8Array;
}

/** To the worker: the import it now works for, then its batches (numbered in the file's order). */
export type ToRowWorker = { t: 'start'; context: RowWorkerContext } | { t: 'batch'; seq: number; rows: SheetRow[] };

/** From the worker: a batch done. */
export type FromRowWorker = { t: 'staged'; seq: number; batch: StagedBatch };
