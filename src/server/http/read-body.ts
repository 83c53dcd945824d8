import type { Readable } from 'node:stream';

/**
 * A raw request body (an uploaded image) up to `limit` bytes; `tooLarge()` is thrown past it and
 * the rest is not read. Shared by the file routes that take the image itself as the body (visit
 * files, case evidence, the resident page's photo).
 *
 * @example
 * const bytes = await readBody(req.raw, files.photoMaxBytes, () => fileTooLarge(files.photoMaxBytes));
 */
export async function readBody(body: Readable, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
