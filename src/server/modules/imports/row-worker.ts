/**
 * A row worker (started by row-workers.ts through row-worker.mjs): validates, encrypts, hashes
 * and writes as COPY text the batches of rows it is sent, with the cipher and directory of the
 * import it works for. The same code the importing thread runs without workers (stageBatch).
 * A worker kept after an import is given the next one's context before its rows.
 */
import { parentPort } from 'node:worker_threads';
import { ImportDirectory } from '../../../shared/registry/import-directory.ts';
import type { RowContext } from '../../../shared/registry/import-row.ts';
import { createFieldCipher, type FieldCipher } from '../../security/field-cipher.ts';
import { stageBatch } from './import-stage.ts';
import type { FromRowWorker, ToRowWorker } from './row-worker-protocol.ts';

const port = parentPort!;
let current: { context: RowContext; cipher: FieldCipher } | null = null;

// An exception here (a bug, a batch before its import) ends the thread: the importing thread
// sees the worker's error and fails the import with it.
port.on('message', (message: ToRowWorker) => {
  if (message.t === 'start') {
    const { header, villages, townships, categories, today, dataKey } = message.context;
    current = { context: { header, directory: new ImportDirectory(villages, townships, categories), today }, cipher: createFieldCipher(Buffer.from(dataKey)) };
    return;
  }
  if (!current) throw new Error('row worker: a batch before its import');
  port.postMessage({ t: 'staged', seq: message.seq, batch: stageBatch(message.rows, current.context, current.cipher) } satisfies FromRowWorker);
});
