import type { TStoredVisitFile } from '../../../shared/visits/index.ts';
import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { saveImage } from './store-visit-file.ts';
import type { VisitFileConfig } from './visit-file-limits.ts';

/** A public upload's context: nobody signed in, and where files are kept. */
export type PublicPhotoWriteContext = WriteContext<null> & { files: VisitFileConfig };

/**
 * Stores a resident's photo from the public page (群众诉求 · 扫码反映) through the same pipeline
 * and limits as a cadre's visit photo: sniffed, bounded in bytes and pixels, re-encoded without
 * metadata, content-addressed, audited with no actor under the county. Nobody may download it
 * through the visit-file route (no visit names it); it reaches staff as the case's evidence.
 * Errors: 413 `visit_file_too_large` / `visit_image_too_many_pixels`, 422 `visit_file_not_image`,
 * 422 `case_region_invalid` for a county that is not one.
 *
 * @example
 * const stored = await storePublicPhoto({ db, actor: null, source, files }, { bytes: jpeg, countyCode: '370921' });
 * stored.sha256; // named by the resident's submission (photoSha256)
 */
export async function storePublicPhoto(ctx: PublicPhotoWriteContext, { bytes, countyCode }: { bytes: Buffer; countyCode: string }): Promise<TStoredVisitFile> {
  const county = await ctx.db.selectFrom('region').select(['id', 'path']).where('code', '=', countyCode).where('level', '=', 'county').where('closed_on', 'is', null).executeTakeFirst();
  if (!county) throw new AppError(422, 'case_region_invalid');
  return saveImage(ctx, { bytes, kind: 'photo', countyCode, uploadedBy: null, region: { id: county.id, path: county.path, county_code: countyCode } });
}
