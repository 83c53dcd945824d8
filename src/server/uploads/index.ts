/**
 * Upload spooling, shared by every route that takes a file (registry imports, survey frames): the
 * body goes to an encrypted temporary file before the use case reads it; leftovers of dead
 * processes are removed at start.
 */
export { removeStaleSpools, SPOOL_DIR, spoolFileName, spoolUpload } from './spool-upload.ts';
export type { SpooledUpload } from './spool-upload.ts';
