/**
 * The files on disk: content-addressed, `<dir>/<first 2 hex>/<sha256>`, named by the SHA-256 of
 * the stored (stripped) bytes. A file is written to a temporary name and renamed, so a reader
 * never sees half of one; writing the same content twice leaves one file. Directories are 0700
 * and files 0600 like the embedded database's (db/data-dir-permissions.ts): photos of families
 * and their signatures are personal data.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Where the file with this hash lives (whether or not it exists).
 *
 * @example
 * storedFilePath('/data/files', 'ab12…'); // '/data/files/ab/ab12…'
 */
export function storedFilePath(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
  return path.join(dir, sha256.slice(0, 2), sha256);
}

/**
 * Writes `bytes` under their hash unless a complete copy is already there (same size); checks the
 * hash first, so a caller cannot file content under another name.
 *
 * @example
 * await writeStoredFile('/data/files', { sha256, bytes }); // true when written now
 */
export async function writeStoredFile(dir: string, { sha256, bytes }: { sha256: string; bytes: Buffer }): Promise<boolean> {
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error(`content does not match its name ${sha256}`);
  const file = storedFilePath(dir, sha256);
  const existing = await fs.promises.stat(file).catch(() => null);
  if (existing?.isFile() && existing.size === bytes.length) return false;
  await fs.promises.mkdir(dir, { recursive: true, mode: DIR_MODE });
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: DIR_MODE });
  const temporary = path.join(path.dirname(file), `.${sha256}.${crypto.randomUUID()}.tmp`);
  try {
    const handle = await fs.promises.open(temporary, 'wx', FILE_MODE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temporary, file);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
  return true;
}

/**
 * The stored bytes, or null when the file is missing.
 *
 * @example
 * const bytes = await readStoredFile('/data/files', sha256);
 */
export async function readStoredFile(dir: string, sha256: string): Promise<Buffer | null> {
  return fs.promises.readFile(storedFilePath(dir, sha256)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}
