import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadEnv } from '../../server/env.ts';
import { BackupError, type BackupErrorCode } from '../../server/modules/backup/backup-error.ts';
import { CliError } from '../errors.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';

/** A progress bar on stderr, only for people watching a terminal (not with --json, not in pipes). */
export function progressBar(options: CliOptions) {
  if (options.json || !process.stdout.isTTY) return { update: (_label: string, _value: number, _total: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{label} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let current = '';
  return {
    update(label: string, value: number, total: number) {
      if (!started || label !== current) {
        if (started) bar.stop();
        bar.start(Math.max(total, 1), value, { label });
        started = true;
        current = label;
      } else {
        bar.setTotal(Math.max(total, 1));
        bar.update(value, { label });
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

const ZH: Partial<Record<BackupErrorCode, string>> = {
  file_exists: '备份文件已存在（使用 --force 覆盖）。',
  file_unreadable: '无法读取备份文件。',
  not_a_backup: '该文件不是连心备份。',
  format_too_new: '备份格式版本过新，请先升级连心。',
  corrupt: '备份文件已损坏，数据库未作任何改动。',
  truncated: '备份文件不完整（被截断），数据库未作任何改动。',
  checksum_mismatch: '备份文件校验失败（内容被改动或损坏），数据库未作任何改动。',
  file_changed: '恢复过程中备份文件被改动，已回滚。',
  backup_too_new: '该备份来自更新版本的连心，请先升级再恢复。',
  target_too_new: '目标数据库的版本比备份新，请恢复到一个空数据库。',
  target_not_empty: '数据库中已有数据；如确定要用备份覆盖，请加 --force。',
  audit_after_backup: '审计日志中有备份之后写入的记录，恢复会删除它们；如确定要恢复，请加 --force（恢复本身会记入审计日志）。',
  schema_mismatch: '备份与数据库结构不一致，数据库未作任何改动。',
  schema_changed: '备份开始时数据库结构发生变化，请重试。',
  not_a_lianxin_database: '数据库为空（从未迁移），没有可备份的内容。',
  files_dir_missing: '备份中含有走访照片与签名，但未指定写入的文件夹（FILES_DIR）。',
};

/** A BackupError as the command line shows it: the English reason, then the Chinese one. */
export function backupCliError(error: unknown, hints: Partial<Record<BackupErrorCode, string>> = {}): unknown {
  if (!(error instanceof BackupError)) return error;
  const hint = hints[error.code];
  return new CliError(`${error.message}${hint ? `\n${hint}` : ''}${ZH[error.code] ? `\n${ZH[error.code]}` : ''}`);
}

export const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

export function backupCommand(program: Command) {
  program
    .command('backup')
    .description('Write a backup of the whole database to FILE (gzip\'d JSON lines, restorable on PGlite or PostgreSQL) | 备份整个数据库到文件')
    .argument('<file>', 'backup file to write, e.g. lianxin-2026-05-01.jsonl.gz')
    .option('--force', 'overwrite FILE if it exists | 覆盖已存在的文件')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      [
        '',
        'All tables are read from one consistent snapshot; the file ends with row counts and a SHA-256',
        'checksum, so `lianxin restore` detects a truncated or altered file. With PGlite, stop the server',
        'first (the data directory is locked); with DATABASE_URL the backup runs alongside the server.',
        'Visit photos and signatures (FILES_DIR, default DATA_DIR/files) are included in the file.',
        'ID numbers and phones are in the file encrypted: keep the data key (LIANXIN_DATA_KEY, or',
        'DATA_DIR/data.key) safe separately: without it they cannot be read after a restore.',
        '所有表取自同一快照；文件末尾有行数与 SHA-256 校验。身份证号与电话为密文，请另行妥善保存数据密钥。',
        '',
        'Example: lianxin backup /var/backups/lianxin-$(date +%F).jsonl.gz',
      ].join('\n'),
    )
    .action(async (file: string, options: CliOptions & { force?: boolean }) => {
      const target = path.resolve(file);
      if (!options.force && fs.existsSync(target)) throw new CliError(`${target} already exists. Use --force to overwrite it.\n备份文件已存在，使用 --force 覆盖。`);
      if (!fs.existsSync(path.dirname(target))) throw new CliError(`The directory ${path.dirname(target)} does not exist.\n目录不存在。`);
      const env = loadEnv();
      // Opening an empty data directory would create a database there: say so instead.
      if (!env.DATABASE_URL && !fs.existsSync(path.join(env.DATA_DIR, 'PG_VERSION'))) {
        throw new CliError(`There is no database in ${env.DATA_DIR} (set DATA_DIR, or DATABASE_URL for PostgreSQL).\n该目录中没有数据库。`);
      }
      const { backupDatabase } = await import('../../server/modules/backup/index.ts');
      const bar = progressBar(options);
      const result = await withDatabase(
        'backup',
        // No migration first: a backup taken before an upgrade must show the database as it was.
        ({ db, driver }) =>
          backupDatabase({ db, actor: null }, { destination: target, overwrite: options.force, filesDir: env.FILES_DIR, onProgress: (p) => bar.update('Backup 备份', p.rows, p.totalRows) })
            .then((r) => ({ file: target, driver, ...r }))
            .catch((error: unknown) => Promise.reject(backupCliError(error))),
        { migrate: false },
      ).finally(() => bar.stop());
      output(options, result, () =>
        [
          `Backed up ${result.totalRows} rows from ${result.tables.length} tables and ${result.files} stored files (${env.FILES_DIR}) to ${result.file} (${formatBytes(result.bytes ?? 0)}, ${(result.durationMs / 1000).toFixed(1)} s).`,
          ...(result.missingFiles.length
            ? [`Warning: ${result.missingFiles.length} stored files named in the database are missing from ${env.FILES_DIR} and are not in the backup (first: ${result.missingFiles[0]}).`, `警告：有 ${result.missingFiles.length} 个走访图片文件在文件夹中缺失，未能备份。`]
            : []),
          `Migration level: ${result.migrations.at(-1) ?? 'none'}. SHA-256 of the content: ${result.sha256}`,
          `已备份 ${result.totalRows} 行。请另行保存数据密钥（LIANXIN_DATA_KEY 或 DATA_DIR/data.key）。`,
        ].join('\n'),
      );
    });
}
