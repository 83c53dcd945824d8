/**
 * The capture time of a photo from its EXIF block, read before the metadata is stripped: the one
 * piece of metadata a visit photo keeps (in `stored_file.captured_at`, not in the file). A small
 * reader of the TIFF structure, bounds-checked at every step: the block comes from the phone.
 */
import { SHANGHAI_OFFSET } from './visit-file-limits.ts';

const TAG_EXIF_IFD = 0x8769;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL = 0x9011;
const TYPE_ASCII = 2;
/** More entries than any real IFD holds: a count beyond it is a damaged block. */
const MAX_ENTRIES = 1000;

interface Tiff {
  view: Buffer;
  little: boolean;
}

const u16 = (t: Tiff, at: number) => (t.little ? t.view.readUInt16LE(at) : t.view.readUInt16BE(at));
const u32 = (t: Tiff, at: number) => (t.little ? t.view.readUInt32LE(at) : t.view.readUInt32BE(at));

/** The entries of the IFD at `offset` as tag → [type, count, value offset (or the inline field's position)]. */
function readIfd(t: Tiff, offset: number): Map<number, { type: number; count: number; at: number }> {
  const entries = new Map<number, { type: number; count: number; at: number }>();
  if (offset + 2 > t.view.length) return entries;
  const n = u16(t, offset);
  if (n > MAX_ENTRIES || offset + 2 + n * 12 > t.view.length) return entries;
  for (let i = 0; i < n; i++) {
    const e = offset + 2 + i * 12;
    const type = u16(t, e + 2);
    const count = u32(t, e + 4);
    // Values of 4 bytes or fewer sit in the entry itself; longer ones at the offset it holds.
    const size = type === TYPE_ASCII ? count : 0;
    entries.set(u16(t, e), { type, count, at: size > 4 ? u32(t, e + 8) : e + 8 });
  }
  return entries;
}

function ascii(t: Tiff, entry: { type: number; count: number; at: number } | undefined): string | null {
  if (!entry || entry.type !== TYPE_ASCII || entry.count === 0 || entry.count > 64 || entry.at + entry.count > t.view.length) return null;
  return t.view.toString('latin1', entry.at, entry.at + entry.count).replace(/\0.*$/s, '').trim();
}

/**
 * An EXIF date and time ("2026:11:20 10:15:30") at a UTC offset ("+08:00"; Asia/Shanghai when
 * absent) as an instant; null when it is not a plausible time.
 *
 * @example
 * exifInstant('2026:11:20 10:15:30', null); // 2026-11-20T02:15:30.000Z
 */
export function exifInstant(dateTime: string, offset: string | null): Date | null {
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(dateTime);
  if (!m) return null;
  const zone = offset && /^[+-](0\d|1[0-4]):[0-5]\d$/.test(offset) ? offset : SHANGHAI_OFFSET;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  if (y < 1990 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  // new Date rolls 31 February over into March: such a date was never a real one.
  return Number.isNaN(at.getTime()) ? null : checkDay(at, zone, d);
}

/** The day of month read back in the offset's own zone must be the one written (31 February is not). */
function checkDay(at: Date, zone: string, day: number): Date | null {
  const sign = zone.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return new Date(at.getTime() + minutes * 60_000).getUTCDate() === day ? at : null;
}

/**
 * DateTimeOriginal (with OffsetTimeOriginal when the camera wrote one) from an EXIF block as
 * sharp's `metadata().exif` gives it (with or without the `Exif\0\0` prefix); null when the block
 * has none or is damaged.
 *
 * @example
 * const { exif } = await sharp(bytes).metadata();
 * const capturedAt = exif ? readCaptureTime(exif) : null;
 */
export function readCaptureTime(exif: Buffer): Date | null {
  try {
    const view = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
    if (view.length < 8) return null;
    const order = view.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') return null;
    const t: Tiff = { view, little: order === 'II' };
    if (u16(t, 2) !== 42) return null;
    const ifd0 = readIfd(t, u32(t, 4));
    const pointer = ifd0.get(TAG_EXIF_IFD);
    if (!pointer) return null;
    const exifIfd = readIfd(t, u32(t, pointer.at));
    const dateTime = ascii(t, exifIfd.get(TAG_DATE_TIME_ORIGINAL));
    if (!dateTime) return null;
    return exifInstant(dateTime, ascii(t, exifIfd.get(TAG_OFFSET_TIME_ORIGINAL)));
  } catch {
    // A read past the end of a damaged block (RangeError): no capture time, the photo still counts.
    return null;
  }
}
