import crypto from 'node:crypto';
import type { TStoredVisitFile } from '../../../shared/visits/index.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { writeStoredFile } from './file-store.ts';
import { processImage } from './process-image.ts';
import { toStoredVisitFile } from './stored-file-row.ts';
import { sizeText, type TVisitFileKind, type VisitFileConfig } from './visit-file-limits.ts';

/** A visit file use case's context: a change by a signed-in cadre, and where files are kept. */
export type VisitFileWriteContext = WriteContext & { files: VisitFileConfig };

/**
 * 413 `visit_file_too_large`, naming the limit of this kind of file.
 *
 * @example
 * throw fileTooLarge('photo', config);
 */
export function fileTooLarge(kind: TVisitFileKind, config: VisitFileConfig) {
  const limit = config.maxBytes[kind];
  return new AppError(413, 'visit_file_too_large', {
    issues: [{ path: '', message: `the limit is ${sizeText(limit)} for a ${kind}` }],
    extensions: { limit: { name: kind === 'photo' ? 'VISIT_PHOTO_MAX_BYTES' : 'VISIT_SIGNATURE_MAX_BYTES', value: limit } },
  });
}

/**
 * Stores one visit photo or signature: checks it is an image within the limits, strips its
 * metadata (keeping the capture time in the row), writes it under the SHA-256 of the stored
 * bytes, and records a `stored_file` row (county, uploader, size, perceptual hash). The same
 * content sent again — a phone resending after a lost answer — is one file and one row, and is
 * answered the same way. Errors: 413 `visit_file_too_large` / `visit_image_too_many_pixels`, 422
 * `visit_file_not_image`.
 *
 * @example
 * const stored = await storeVisitFile({ db, actor: cadre, source, files: visitFileConfig(env) }, { bytes: jpeg, kind: 'photo' });
 * stored.sha256; // the name a visit record gives the photo (photos: [{ sha256 }])
 */
export async function storeVisitFile(ctx: VisitFileWriteContext, { bytes, kind }: { bytes: Buffer; kind: TVisitFileKind }): Promise<TStoredVisitFile> {
  const { actor } = ctx;
  if (!actor.countyCode) throw forbidden();
  return saveImage(ctx, { bytes, kind, countyCode: actor.countyCode, uploadedBy: actor.id, region: { id: actor.regionId, path: actor.regionPath, county_code: actor.countyCode } });
}

export interface SaveImageOptions {
  bytes: Buffer;
  kind: TVisitFileKind;
  countyCode: string;
  /** The uploading account; null for a resident's photo from the public page. */
  uploadedBy: string | null;
  /** The region the audit entry belongs to (the uploader's, or the county for a public upload). */
  region: { id: string; path: string; county_code: string };
}

/**
 * The pipeline both stores share (a cadre's visit file, a resident's public photo): bounds,
 * sniff and re-encode without metadata, write under the SHA-256 of the stored bytes, then the
 * `stored_file` row and its audit entry (only when the row is new: a resend is one file).
 *
 * @example
 * await saveImage({ db, source, files }, { bytes, kind: 'photo', countyCode: '370921', uploadedBy: null, region });
 */
export async function saveImage({ db, source, files }: Omit<WriteContext<Actor | null>, 'actor'> & { files: VisitFileConfig }, { bytes, kind, countyCode, uploadedBy, region }: SaveImageOptions): Promise<TStoredVisitFile> {
  if (bytes.length > files.maxBytes[kind]) throw fileTooLarge(kind, files);
  const image = await processImage(bytes, { kind, config: files });
  const sha256 = crypto.createHash('sha256').update(image.bytes).digest('hex');
  // The file first: a row never names bytes that are not on disk.
  await writeStoredFile(files.dir, { sha256, bytes: image.bytes });
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('stored_file')
      .values({
        sha256,
        county_code: countyCode,
        kind,
        media_type: image.mediaType,
        bytes: image.bytes.length,
        width: image.width,
        height: image.height,
        captured_at: image.capturedAt,
        perceptual_hash: image.perceptualHash,
        uploaded_by: uploadedBy,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) {
      await recordAudit({ db: trx, source }, {
        action: 'visit_file.store',
        entityType: 'stored_file',
        entityId: sha256,
        region,
        after: { kind, mediaType: image.mediaType, bytes: image.bytes.length, uploadedBytes: bytes.length, capturedAt: image.capturedAt?.toISOString() ?? null },
      });
      return toStoredVisitFile(inserted);
    }
    const existing = await trx.selectFrom('stored_file').selectAll().where('sha256', '=', sha256).executeTakeFirstOrThrow();
    return toStoredVisitFile(existing);
  });
}
