/**
 * Photos from the phone's camera, made fit to send over a weak signal: a JPEG, PNG or WebP under
 * 1.5 MB is kept as it is (the server strips its metadata except the capture time); a larger or
 * other image is drawn again at most 1600 px on its long side as a JPEG.
 */
const KEEP_AS_IS = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_BYTES = 1.5 * 1024 * 1024;
const MAX_SIDE = 1600;

export interface PhonePhoto {
  blob: Blob;
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
  /** When the camera wrote the file (its last-modified time), as ISO UTC. */
  takenAt: string | null;
}

/**
 * The photo to store for a file from `<input type=file accept="image/*" capture>`.
 *
 * @example
 * const photo = await preparePhoto(input.files[0]);
 */
export async function preparePhoto(file: File): Promise<PhonePhoto> {
  const takenAt = file.lastModified ? new Date(file.lastModified).toISOString() : null;
  if (KEEP_AS_IS.has(file.type) && file.size <= MAX_BYTES) return { blob: file, mediaType: file.type as PhonePhoto['mediaType'], takenAt };
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob) throw new Error('the photo could not be encoded');
  return { blob, mediaType: 'image/jpeg', takenAt };
}
