import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { DataKeyStatus } from '../../server/modules/backup/index.ts';
import { loadEnv } from '../../server/env.ts';
import { CliError } from '../errors.ts';
import { output, regrantRuntimeRole, withDatabase, type CliOptions } from '../context.ts';
import { backupCliError, formatBytes, progressBar } from './backup.ts';

const DATA_KEY_NOTES: Record<DataKeyStatus, string | null> = {
  matches: null,
  unused: null,
  missing:
    'Note: put the data key of the original installation in place before starting the server (LIANXIN_DATA_KEY, or its data.key copied into DATA_DIR): ' +
    'the ID numbers and phones in the backup are encrypted with it.\n注意：启动前请放回原安装的数据密钥，否则无法读取身份证号与电话。',
  differs:
    'WARNING: this installation\'s data key is not the one the backup was written with: ID numbers and phones cannot be read and the server will refuse to start. ' +
    'Put the original key in place (LIANXIN_DATA_KEY or DATA_DIR/data.key).\n警告：数据密钥与备份不符，请放回原密钥。',
};

export function restoreCommand(program: Command) {
  program
    .command('restore')
    .description('Replace the whole database with a backup FILE, checked before anything changes | 从备份文件恢复整个数据库')
    .argument('<file>', 'a file written by `lianxin backup`')
    .option('--force', 'replace a database that already holds data | 覆盖已有数据的数据库')
    .option('--check', 'only check the file (complete, intact, restorable by this build); change nothing | 仅校验备份文件')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      [
        '',
        'The file is read and checked completely first (format, row counts, SHA-256). Then, in one',
        'transaction, the database is migrated to the backup\'s level if it is behind, emptied, filled',
        'from the file, and its sequences set; any failure rolls everything back. Newer migrations of',
        'this build are applied afterwards. A database that holds data is only replaced with --force, and so is one',
        'whose audit log has entries written after the backup (they would be removed; the count and time range are',
        'named). The restore writes its own audit entry: who, when, which file, what it removed. On PostgreSQL it',
        'connects as the owner (DATABASE_OWNER_URL, else DATABASE_URL).',
        'With PGlite, stop the server first (the data directory is locked).',
        '先完整校验文件，再在一个事务中清空并恢复全部数据；任何错误都会回滚，数据库保持原样。',
        '',
        'Examples: lianxin restore --check backup.jsonl.gz',
        '          DATA_DIR=./data-restored lianxin restore backup.jsonl.gz',
      ].join('\n'),
    )
    .action(async (file: string, options: CliOptions & { force?: boolean; check?: boolean }) => {
      const source = path.resolve(file);
      if (!fs.existsSync(source)) throw new CliError(`No such file: ${source}\n找不到备份文件。`);
      const [{ checkDataKey, restoreDatabase, verifyBackup }, { migrate }] = await Promise.all([import('../../server/modules/backup/index.ts'), import('../../server/db/migrate.ts')]);
      const bar = progressBar(options);
      // Checked before the database is even opened: a bad file leaves no trace anywhere.
      const summary = await verifyBackup(source, {
        onProgress: (p) => {
          if (p.phase === 'verify') bar.update('Check 校验', p.bytes, p.totalBytes ?? p.bytes);
        },
      })
        .catch((error: unknown) => Promise.reject(backupCliError(error)))
        .finally(() => bar.stop());
      const about = { file: source, createdAt: summary.header.createdAt, server: summary.header.server ?? null, migrations: summary.header.migrations };

      if (options.check) {
        const tables = summary.header.tables.map((t) => ({ name: t.name, rows: summary.rows[t.name] ?? 0 }));
        const result = { ok: true, ...about, tables, totalRows: summary.totalRows, files: summary.files, bytes: summary.bytes, sha256: summary.sha256 };
        output(options, result, () =>
          [
            `OK: a complete, intact Lianxin backup that this build can restore | 备份文件完好`,
            `  taken ${summary.header.createdAt} (migrations up to ${summary.header.migrations.at(-1) ?? 'none'})`,
            `  ${summary.totalRows} rows in ${tables.length} tables and ${summary.files} stored files, ${formatBytes(summary.bytes)}, SHA-256 ${summary.sha256}`,
          ].join('\n'),
        );
        return;
      }

      const { cliAuditSource } = await import('../../server/modules/audit/index.ts');
      const result = await withDatabase(
        'restore',
        async ({ db, driver }, env) => {
          const restored = await restoreDatabase({ db, actor: null, source: cliAuditSource('restore') }, {
            source,
            replace: options.force,
            verified: summary,
            filesDir: env.FILES_DIR,
            onProgress: (p) => {
              if (p.phase === 'restore') bar.update('Restore 恢复', p.rows, p.totalRows);
            },
          })
            .catch((error: unknown) =>
              Promise.reject(
                backupCliError(error, {
                  target_not_empty: 'Run again with --force to replace it with the backup.',
                  audit_after_backup: 'Run again with --force to restore anyway.',
                }),
              ),
            )
            .finally(() => bar.stop());
          const upgraded = await migrate(db);
          return { ...about, driver, ...restored, upgraded, dataKey: await checkDataKey({ db, actor: null }, { env }) };
        },
        // As the owner: the restore empties the audit log and may build the schema. It migrates to
        // the backup's level itself, then this build's newer migrations follow.
        { migrate: false, as: 'owner' },
      );
      const granted = await regrantRuntimeRole(loadEnv());
      const note = DATA_KEY_NOTES[result.dataKey];
      if (note) process.stderr.write(`${note}\n`); // also with --json: stdout stays machine-readable
      output(options, { ...result, grantedRuntimeRole: granted }, () =>
        [
          `Restored ${result.totalRows} rows into ${result.tables.length} tables from ${result.file} (${(result.durationMs / 1000).toFixed(1)} s).`,
          `  backup taken ${result.createdAt}${result.replaced ? '; the previous content was replaced' : ''}`,
          `  ${result.files} stored files (visit photos, signatures) written to ${loadEnv().FILES_DIR}`,
          ...(result.migrated.length ? [`  schema built up to the backup's level first: ${result.migrated.join(', ')}`] : []),
          ...(result.upgraded.length ? [`  then upgraded to this build: ${result.upgraded.join(', ')}`] : []),
          ...(result.removedAudit
            ? [
                `  removed ${result.removedAudit.count} audit entries written after the backup (ids ${result.removedAudit.firstId}–${result.removedAudit.lastId}, ` +
                  `${result.removedAudit.from} to ${result.removedAudit.to}); the restore's audit entry records this`,
              ]
            : []),
          ...(granted ? [`  granted the runtime role "${granted}" its privileges`] : []),
          `已从备份恢复 ${result.totalRows} 行。`,
        ].join('\n'),
      );
    });
}
