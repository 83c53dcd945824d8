/**
 * Uploads are spooled to a temporary file before the import reads them: the request ends (and
 * the client gets its 202) as soon as the bytes are in, and the import gets a file of known
 * size to report progress against. The file holds personal data, so it is encrypted with a key
 * that exists only in this process's memory (AES-256-CTR): a file left behind by a crash is
 * unreadable, and is removed at the next start. Its name carries the writer's host and pid
 * (`<host>.<pid>.<uuid>.bin`), so a start removes the files of processes that no longer exist at
 * once, while the uploads of a live process (another server, a test app) are left alone.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../http/errors.ts';
import { isProcessAlive } from '../process-alive.ts';

/** The spool directory (exported for the tests that leave files in it as a killed process would). */
export const SPOOL_DIR = path.join(os.tmpdir(), 'lianxin-imports');
/** Files older than this are leftovers whoever wrote them (a spool lives for minutes; a pid may have been reused). */
const STALE_MS = 24 * 3_600_000;
/** Host names are sanitised into the file name; a dot separates the parts. */
const hostTag = (host: string) => host.replace(/[^A-Za-z0-9-]/g, '_');
const SPOOL_NAME = /^(?<host>[A-Za-z0-9_-]+)\.(?<pid>\d+)\.[0-9a-f-]{36}\.bin$/;

/**
 * The spool file name for a writer.
 *
 * @example
 * spoolFileName('web-1', 4242, crypto.randomUUID()); // 'web-1.4242.5d0c….bin'
 */
export const spoolFileName = (host: string, pid: number, id: string) => `${hostTag(host)}.${pid}.${id}.bin`;

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
 * try { await importHouseholds(ctx, { input: upload.open(), totalBytes: upload.size, ... }) } finally { await upload.remove() }
 */
export async function spoolUpload(body: Readable, maxBytes: number): Promise<SpooledUpload> {
  await fs.promises.mkdir(SPOOL_DIR, { recursive: true, mode: 0o700 });
  const file = path.join(SPOOL_DIR, spoolFileName(os.hostname(), process.pid, crypto.randomUUID()));
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
 * Removes spool files whose writer is gone: a process of this host that no longer exists, or any
 * file older than a day (another host's, an unnamed one from an older version, a reused pid).
 * Called when the server starts and when a CLI import starts. Resolves with the names removed.
 *
 * @example
 * await removeStaleSpools(); // at start
 */
export async function removeStaleSpools(o: { now?: number; dir?: string } = {}): Promise<string[]> {
  const dir = o.dir ?? SPOOL_DIR;
  const now = o.now ?? Date.now();
  const here = hostTag(os.hostname());
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (!stat?.isFile()) continue;
    const owner = SPOOL_NAME.exec(name)?.groups;
    const writerGone = owner?.host === here && Number(owner.pid) !== process.pid && !isProcessAlive(Number(owner.pid));
    if (writerGone || now - stat.mtimeMs > STALE_MS) {
      await fs.promises.rm(file, { force: true });
      removed.push(name);
    }
  }
  return removed;
}
