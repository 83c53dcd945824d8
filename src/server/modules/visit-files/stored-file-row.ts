/** A `stored_file` row as the API answers it (ZStoredVisitFile). */
import type { Selectable } from 'kysely';
import type { StoredFileTable } from '../../db/schema.ts';
import type { TStoredVisitFile } from '../../../shared/visits/index.ts';

/**
 * The API's view of a stored file row.
 *
 * @example
 * toStoredVisitFile(row); // { sha256, kind: 'photo', mediaType: 'image/jpeg', bytes: 183204, width: 2560, height: 1920, capturedAt: '2026-11-20T02:15:30.000Z' }
 */
export function toStoredVisitFile(row: Selectable<StoredFileTable>): TStoredVisitFile {
  return {
    sha256: row.sha256,
    kind: row.kind,
    mediaType: row.media_type as TStoredVisitFile['mediaType'],
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    capturedAt: row.captured_at ? new Date(row.captured_at).toISOString() : null,
  };
}
