/**
 * Uploads are spooled to a temporary file before the import reads them: the request ends (and
 * the client gets its 202) as soon as the bytes are in, and the import gets a file of known
 * size to report progress against. The file holds personal data, so it is encrypted with a key
 * that exists only in this process's memory (AES-256-CTR): a file left behind by a crash is
 * unreadable, and is removed at the next start.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../http/errors.ts';

const SPOOL_DIR = path.join(os.tmpdir(), 'lianxin-imports');
/** Older leftovers are from a stopped process (an upload spool lives for minutes). */
const STALE_MS = 24 * 3_600_000;

export interface SpooledUpload {
  size: number;
  /** The upload's bytes, decrypted, from the start. */
  open(): AsyncIterable<Buffer>;
  remove(): Promise<void>;
}

/**
 * Copies a request body to an encrypted temporary file; 413 body_too_large past `maxBytes`.
 *
 * @example
 * const upload = await spoolUpload(body, 300 * 1024 ** 2);
 * try { await importHouseholds(db, cipher, { input: upload.open(), totalBytes: upload.size, ... }) } finally { await upload.remove() }
 */
export async function spoolUpload(body: Readable, maxBytes: number): Promise<SpooledUpload> {
  await fs.promises.mkdir(SPOOL_DIR, { recursive: true, mode: 0o700 });
  const file = path.join(SPOOL_DIR, `${crypto.randomUUID()}.bin`);
  const key = crypto.randomBytes(32);
  const iv = crypto.randomBytes(16);
  let size = 0;
  try {
    await pipeline(
      body,
      async function* limit(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          size += chunk.length;
          if (size > maxBytes) throw new AppError(413, 'body_too_large');
          yield chunk;
        }
      },
      crypto.createCipheriv('aes-256-ctr', key, iv),
      fs.createWriteStream(file, { mode: 0o600 }),
    );
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    throw error instanceof AppError ? error : new AppError(400, 'validation_failed', { cause: error });
  }
  return {
    size,
    open: async function* () {
      const decipher = crypto.createDecipheriv('aes-256-ctr', key, iv);
      for await (const chunk of fs.createReadStream(file)) yield decipher.update(chunk as Buffer);
      yield decipher.final();
    },
    remove: () => fs.promises.rm(file, { force: true }),
  };
}

/**
 * Removes spool files left by a process that stopped mid-import.
 *
 * @example
 * await removeStaleSpools(); // at start
 */
export async function removeStaleSpools(now = Date.now()): Promise<void> {
  const names = await fs.promises.readdir(SPOOL_DIR).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(SPOOL_DIR, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > STALE_MS) await fs.promises.rm(file, { force: true });
  }
}
