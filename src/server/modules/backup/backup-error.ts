/**
 * Why a backup cannot be written or a file cannot be restored. Its own file, free of the
 * database code, so the command line can explain one without loading the backup machinery.
 */
export type BackupErrorCode =
  | 'file_unreadable'
  | 'file_exists'
  | 'not_a_backup'
  | 'format_too_new'
  | 'corrupt'
  | 'truncated'
  | 'checksum_mismatch'
  | 'file_changed'
  | 'backup_too_new'
  | 'target_too_new'
  | 'target_not_empty'
  | 'audit_after_backup'
  | 'schema_mismatch'
  | 'schema_changed'
  | 'not_a_lianxin_database'
  | 'files_dir_missing';

/** A backup that cannot be written or a file that cannot be restored, with the reason. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
