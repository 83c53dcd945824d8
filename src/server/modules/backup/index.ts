/**
 * The backup module's front door: logical backup and restore (the command line's `backup` and
 * `restore`) and the runtime role (`db grant-runtime-role`), the operations run as the database owner. `backup-error.ts` is also a light door: the command line reads it at start to explain
 * a refusal without loading the database code.
 */
export { backupDatabase } from './backup-database.ts';
export { BackupError } from './backup-error.ts';
export { checkDataKey } from './check-data-key.ts';
export { grantRuntimeRole } from './grant-runtime-role.ts';
export type { DataKeyStatus } from './check-data-key.ts';
export type { BackupErrorCode } from './backup-error.ts';
export { restoreDatabase, verifyBackup } from './restore-database.ts';
