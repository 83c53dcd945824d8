/**
 * What an upload is, by its first bytes: the only image types a visit file may be. The declared
 * Content-Type is not trusted (a phone may send application/octet-stream; a client may lie).
 */

export const VISIT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type TVisitImageType = (typeof VISIT_IMAGE_TYPES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The image type the bytes start with, or null when they are not JPEG, PNG or WebP.
 *
 * @example
 * sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0])); // 'image/jpeg'
 * sniffImage(Buffer.from('%PDF-1.7')); // null
 */
export function sniffImage(bytes: Uint8Array): TVisitImageType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}
