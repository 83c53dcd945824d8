/**
 * Decodes an uploaded image and encodes it again with sharp (libvips), so that nothing of the
 * phone's metadata survives (EXIF with GPS and maker notes, XMP, IPTC, ICC profiles: sharp writes
 * none of them unless asked, and converts to sRGB first). Before that: the capture time is read
 * from the EXIF block, the EXIF orientation is applied to the pixels, and the size in pixels is
 * checked from the header alone, so a decompression bomb is refused before it is decoded.
 */
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { AppError } from '../../http/errors.ts';
import { readCaptureTime } from './exif-capture-time.ts';
import { sniffImage, type TVisitImageType } from './sniff-image.ts';
import type { TVisitFileKind, VisitFileConfig } from './visit-file-limits.ts';

// Decoded images are not cached between calls: each upload is seen once, and the cache would
// keep other people's photos in memory.
sharp.cache(false);

/** A stuck decode (a hostile file libvips loops on) is cut off after this long. */
const ENCODE_TIMEOUT_SECONDS = 30;

const FORMAT_OF: Record<TVisitImageType, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

export interface ProcessedImage {
  bytes: Buffer;
  mediaType: TVisitImageType;
  width: number;
  height: number;
  capturedAt: Date | null;
  /** 64-bit difference hash of the stored image (16 hex digits): near-identical photos differ in few bits. */
  perceptualHash: string;
}

const notImage = (cause?: unknown) => new AppError(422, 'visit_file_not_image', cause === undefined ? {} : { cause });
export const tooManyPixels = (maxPixels: number) =>
  new AppError(413, 'visit_image_too_many_pixels', {
    issues: [{ path: '', message: `the limit is ${Number((maxPixels / 1_000_000).toFixed(1))} megapixels` }],
    extensions: { limit: { name: 'VISIT_IMAGE_MAX_PIXELS', value: maxPixels } },
  });

/** libvips refusing an image past `limitInputPixels` (from its header) is a 413; any other failure to read it a 422. */
const pixelLimitOr422 = (error: unknown, maxPixels: number) =>
  /pixel limit/i.test(String((error as Error | undefined)?.message)) ? tooManyPixels(maxPixels) : notImage(error);

/**
 * The 64-bit difference hash (dHash) of an image: 9×8 grey pixels, one bit per horizontal
 * neighbour pair (left brighter than right), as 16 hex digits.
 *
 * @example
 * await differenceHash(jpegBytes); // 'f0e4c2a1b3d5e7f9'
 */
export async function differenceHash(image: Buffer): Promise<string> {
  const grey = await sharp(image).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  let hash = 0n;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) hash = (hash << 1n) | (grey[y * 9 + x]! > grey[y * 9 + x + 1]! ? 1n : 0n);
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Checks and re-encodes one uploaded image: 422 `visit_file_not_image` for anything but a
 * readable JPEG, PNG or WebP (a truncated or damaged one included), 413
 * `visit_image_too_many_pixels` past the pixel limit.
 *
 * @example
 * const image = await processImage(bytes, { kind: 'photo', config }); // { bytes, mediaType: 'image/jpeg', capturedAt, perceptualHash, … }
 */
export async function processImage(input: Buffer, { kind, config }: { kind: TVisitFileKind; config: VisitFileConfig }): Promise<ProcessedImage> {
  const mediaType = sniffImage(input);
  if (!mediaType) throw notImage();
  const options = { limitInputPixels: config.maxPixels, failOn: 'error', sequentialRead: true } as const;
  let metadata: Metadata;
  try {
    metadata = await sharp(input, options).metadata();
  } catch (error) {
    throw pixelLimitOr422(error, config.maxPixels);
  }
  // The header's own size, checked here as well: sharp's limit applies when pixels are read.
  if (!metadata.width || !metadata.height) throw notImage();
  if (metadata.width * metadata.height > config.maxPixels) throw tooManyPixels(config.maxPixels);
  if (metadata.format !== FORMAT_OF[mediaType]) throw notImage();
  const capturedAt = metadata.exif ? readCaptureTime(metadata.exif) : null;

  // rotate() without an angle applies the EXIF orientation; the output then needs none.
  let pipeline = sharp(input, options).rotate();
  if (kind === 'photo') pipeline = pipeline.resize({ width: config.photoMaxEdge, height: config.photoMaxEdge, fit: 'inside', withoutEnlargement: true });
  const format = FORMAT_OF[mediaType];
  pipeline =
    format === 'jpeg' ? pipeline.jpeg({ quality: 85 }) : format === 'png' ? pipeline.png({ compressionLevel: 9 }) : pipeline.webp({ quality: 85 });
  let output: { data: Buffer; info: OutputInfo };
  try {
    output = await pipeline.timeout({ seconds: ENCODE_TIMEOUT_SECONDS }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw pixelLimitOr422(error, config.maxPixels);
  }
  return {
    bytes: output.data,
    mediaType,
    width: output.info.width,
    height: output.info.height,
    capturedAt,
    perceptualHash: await differenceHash(output.data),
  };
}
