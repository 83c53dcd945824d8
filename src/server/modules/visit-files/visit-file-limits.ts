/**
 * The limits of a visit file, from the environment (env.ts: VISIT_PHOTO_MAX_BYTES,
 * VISIT_SIGNATURE_MAX_BYTES, VISIT_IMAGE_MAX_PIXELS, VISIT_PHOTO_MAX_EDGE) and where files are
 * kept (FILES_DIR): what the routes, the demo and the backup pass to this module's use cases.
 */
import type { Env } from '../../env.ts';
import type { VISIT_FILE_KINDS } from '../../../shared/visits/index.ts';

export type TVisitFileKind = (typeof VISIT_FILE_KINDS)[number];

/** A capture time without an offset was taken on a phone set to China Standard Time. */
export const SHANGHAI_OFFSET = '+08:00';

export interface VisitFileConfig {
  /** The folder files are kept in: `<dir>/<first 2 hex>/<sha256>`. */
  dir: string;
  maxBytes: Record<TVisitFileKind, number>;
  /** Width × height above which an image is refused before it is decoded. */
  maxPixels: number;
  /** A photo's longest stored edge; larger photos are scaled down (signatures are kept as drawn). */
  photoMaxEdge: number;
}

/**
 * The visit-file configuration of this deployment.
 *
 * @example
 * const files = visitFileConfig(loadEnv()); // { dir: '/srv/lianxin/data/files', maxBytes: { photo: 8388608, signature: 524288 }, … }
 */
export function visitFileConfig(env: Pick<Env, 'FILES_DIR' | 'VISIT_PHOTO_MAX_BYTES' | 'VISIT_SIGNATURE_MAX_BYTES' | 'VISIT_IMAGE_MAX_PIXELS' | 'VISIT_PHOTO_MAX_EDGE'>): VisitFileConfig {
  return {
    dir: env.FILES_DIR,
    maxBytes: { photo: env.VISIT_PHOTO_MAX_BYTES, signature: env.VISIT_SIGNATURE_MAX_BYTES },
    maxPixels: env.VISIT_IMAGE_MAX_PIXELS,
    photoMaxEdge: env.VISIT_PHOTO_MAX_EDGE,
  };
}

/**
 * A size for people: "8 MB", "512 KB".
 *
 * @example
 * sizeText(8 * 1024 * 1024); // '8 MB'
 */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${Number((bytes / 1024).toFixed(1))} KB`;
}
