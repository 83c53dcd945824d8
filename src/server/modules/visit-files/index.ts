/**
 * The visit-files module's front door: visit photos and aid signatures, stripped of their
 * metadata and stored content-addressed on disk (`FILES_DIR`, default `<DATA_DIR>/files`).
 * `storeVisitFile` is used by the demo (its simulated visits store the images they draw) and by
 * the cases module for evidence photos;
 * `visitFileConfig` turns the environment into the files' configuration; the backup module copies
 * the files with `storedFilePath`, `readStoredFile` and `writeStoredFile`.
 */
export { readStoredFile, storedFilePath, writeStoredFile } from './file-store.ts';
export { openVisitFile } from './open-visit-file.ts';
export { differenceHash } from './process-image.ts';
export { storeVisitFile, type VisitFileWriteContext } from './store-visit-file.ts';
// The cases module's evidence photos go through the same pipeline: its upload route refuses an
// oversized body with the same 413 before reading it.
export { fileTooLarge } from './store-visit-file.ts';
export { visitFileConfig, type TVisitFileKind, type VisitFileConfig } from './visit-file-limits.ts';
