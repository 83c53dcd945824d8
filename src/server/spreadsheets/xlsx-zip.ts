/**
 * The zip container of an XLSX, read from its central directory (the table of contents at the
 * end of the file) instead of trusting the local headers in front of each part. The sizes a
 * directory declares may lie, so a part is inflated in small steps, counting the bytes that
 * really come out, and stopped as soon as they pass the part's limit: a 5 MB file that would
 * expand to 5 GB costs a fraction of a second, not the server's heap.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { SpreadsheetError } from './spreadsheet-error.ts';

export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when read. */
  method: number;
  compressedSize: number;
  /** As the directory declares it: a claim, checked while inflating. */
  declaredSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes handed to zlib at a time: deflate expands at most ~1,032×, so ≤ 16 MB out per step. */
const INFLATE_STEP = 16 * 1024;

const unreadable = () => new SpreadsheetError('import_file_unreadable');

/**
 * The parts of a zip file by name, from its central directory. Refuses a file with more than
 * `maxParts` parts, and anything that is not a well-formed zip.
 *
 * @example
 * const parts = readZipDirectory(fs.readFileSync('台账.xlsx'), 10_000);
 * parts.get('xl/sharedStrings.xml')?.declaredSize;
 */
export function readZipDirectory(file: Buffer, maxParts: number): Map<string, ZipPart> {
  // The end record is 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  let entries = file.readUInt16LE(end + 10);
  let directorySize = file.readUInt32LE(end + 12);
  let directoryOffset = file.readUInt32LE(end + 16);
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // ZIP64: the real values are in the ZIP64 end record, found through its locator.
    const locator = end - 20;
    if (locator < 0 || file.readUInt32LE(locator) !== EOCD64_LOCATOR) throw unreadable();
    const record = safeNumber(file.readBigUInt64LE(locator + 8));
    if (record + 56 > file.length || file.readUInt32LE(record) !== EOCD64) throw unreadable();
    entries = safeNumber(file.readBigUInt64LE(record + 32));
    directorySize = safeNumber(file.readBigUInt64LE(record + 40));
    directoryOffset = safeNumber(file.readBigUInt64LE(record + 48));
  }
  if (entries > maxParts) throw new SpreadsheetError('import_xlsx_too_many_parts', [], { name: 'xlsxParts', value: maxParts });
  if (directoryOffset + directorySize > file.length) throw unreadable();
  const parts = new Map<string, ZipPart>();
  let at = directoryOffset;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== CENTRAL) throw unreadable();
    const method = file.readUInt16LE(at + 10);
    let compressedSize = file.readUInt32LE(at + 20);
    let declaredSize = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    let localHeaderOffset = file.readUInt32LE(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > file.length) throw unreadable();
    const name = file.toString('utf8', at + 46, nameEnd);
    // ZIP64 extended information: the 64-bit values, in this order, for the fields marked 0xFFFFFFFF.
    for (let x = nameEnd; x + 4 <= nameEnd + extraLength; ) {
      const id = file.readUInt16LE(x);
      const size = file.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let v = x + 4;
        const next = () => {
          if (v + 8 > x + 4 + size) throw unreadable();
          const value = safeNumber(file.readBigUInt64LE(v));
          v += 8;
          return value;
        };
        if (declaredSize === 0xffffffff) declaredSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      x += 4 + size;
    }
    parts.set(name, { name, method, compressedSize, declaredSize, localHeaderOffset });
    at = nameEnd + extraLength + commentLength;
  }
  return parts;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadable();
  return Number(value);
}

/** The part's compressed bytes, located through its local header (whose own sizes are not used). */
function compressedBytes(file: Buffer, part: ZipPart): Buffer {
  const at = part.localHeaderOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL) throw unreadable();
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  if (start + part.compressedSize > file.length) throw unreadable();
  return file.subarray(start, start + part.compressedSize);
}

/**
 * A part's expanded bytes, streamed; throws a 413 SpreadsheetError naming `limit` as soon as more
 * than `limit.value` bytes come out (or the directory already declares more).
 *
 * @example
 * for await (const chunk of inflatePart(file, part, { name: 'sharedStringsBytes', value: 256 * 2 ** 20 })) parse(chunk);
 */
export async function* inflatePart(file: Buffer, part: ZipPart, limit: { name: string; value: number }): AsyncGenerator<Buffer> {
  const tooLarge = () => new SpreadsheetError('import_xlsx_part_too_large', [{ path: 'part', message: part.name }], limit);
  if (part.declaredSize > limit.value) throw tooLarge();
  const data = compressedBytes(file, part);
  if (part.method === 0) {
    if (data.length > limit.value) throw tooLarge();
    yield data;
    return;
  }
  if (part.method !== 8) throw unreadable();
  const steps = Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += INFLATE_STEP) yield data.subarray(i, i + INFLATE_STEP);
    })(),
  );
  const inflate = zlib.createInflateRaw();
  steps.pipe(inflate);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit.value) throw tooLarge();
      yield chunk;
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw unreadable();
  } finally {
    steps.destroy();
    inflate.destroy();
  }
}

/**
 * Inflates a part to its end without keeping it: how large it really is, or a 413 past `limit`.
 *
 * @example
 * await measurePart(file, part, { name: 'worksheetBytes', value: 2 ** 30 }); // 471859200
 */
export async function measurePart(file: Buffer, part: ZipPart, limit: { name: string; value: number }): Promise<number> {
  let total = 0;
  for await (const chunk of inflatePart(file, part, limit)) total += chunk.length;
  return total;
}
