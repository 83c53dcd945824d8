import fs from 'node:fs';
import type { Command } from 'commander';
import { loadEnv } from '../../server/env.ts';
import { CliError } from '../errors.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';

/** A connection URL for printing: `role` in it (default: its own), any password replaced by a placeholder. */
function printableUrl(ownerUrl: string, role?: string, withPassword?: boolean): string {
  const url = new URL(ownerUrl);
  if (role) url.username = role;
  url.password = (withPassword ?? url.password !== '') ? 'PASSWORD' : '';
  return url.toString();
}

export function dbCommand(program: Command) {
  const db = program.command('db').description('PostgreSQL roles | 数据库角色');
  db.command('grant-runtime-role')
    .description('Create (or update) the least-privilege role the server runs as, and grant it what it needs | 创建服务运行所用的最小权限角色并授权')
    .option('--role <name>', 'role name', 'lianxin_app')
    .option('--password <password>', 'its password (visible to other users in the process list: prefer --password-file)')
    .option('--password-file <file>', 'read the password from the first line of this file')
    .option('--no-login', 'NOLOGIN: a group role to grant to login roles yourself')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      [
        '',
        'Connects as the owner of the tables (DATABASE_OWNER_URL, else DATABASE_URL), migrates, then creates the role',
        'NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS and grants it SELECT, INSERT, UPDATE, DELETE on the tables,',
        'only SELECT and INSERT on the audit log, USAGE on the sequences and no DDL. Creating a role needs CREATEROLE',
        '(a superuser has it). Run it again after changing the password or to repair the grants; it is idempotent.',
        '以表的所有者身份连接，创建最小权限角色：审计日志只能追加与读取，不能修改表结构。',
        '',
        'Example: DATABASE_URL=postgres://postgres@db/lianxin lianxin db grant-runtime-role --role lianxin_app --password-file ./app.pw',
      ].join('\n'),
    )
    .action(async (o: CliOptions & { role: string; password?: string; passwordFile?: string; login: boolean }) => {
      const env = loadEnv();
      if (!env.DATABASE_URL) {
        throw new CliError(
          'The embedded database (PGlite) runs inside the server\'s own process: it has no roles to separate. Set DATABASE_URL to a PostgreSQL server.\n' +
            '嵌入式数据库在服务进程内运行，没有可分离的角色；请将 DATABASE_URL 设为 PostgreSQL 服务器。',
        );
      }
      if (o.password && o.passwordFile) throw new CliError('Give --password or --password-file, not both.');
      const password = o.passwordFile ? fs.readFileSync(o.passwordFile, 'utf8').split(/\r?\n/)[0] : o.password;
      if (o.passwordFile && !password) throw new CliError(`${o.passwordFile} holds no password on its first line.`);
      const [{ grantRuntimeRole }, { cliAuditSource }] = await Promise.all([import('../../server/modules/backup/index.ts'), import('../../server/modules/audit/index.ts')]);
      const result = await withDatabase(
        'db grant-runtime-role',
        ({ db }) => grantRuntimeRole({ db, actor: null, source: cliAuditSource('db grant-runtime-role') }, { role: o.role, password, login: o.login }),
        { as: 'owner' },
      );
      const ownerUrl = env.DATABASE_OWNER_URL ?? env.DATABASE_URL;
      const suggested = { DATABASE_URL: printableUrl(ownerUrl, o.role, Boolean(password)), DATABASE_OWNER_URL: printableUrl(ownerUrl) };
      output(o, { ...result, login: o.login, settings: suggested }, () =>
        [
          `${result.created ? 'Created' : 'Updated'} the role "${result.role}" and granted it ${result.tables} tables (the audit log: SELECT and INSERT only) and ${result.sequences} sequences.`,
          'Run the server as this role, and migrations and restores as the owner:',
          `  DATABASE_URL=${suggested.DATABASE_URL}`,
          `  DATABASE_OWNER_URL=${suggested.DATABASE_OWNER_URL}`,
          `已${result.created ? '创建' : '更新'}角色 "${result.role}" 并授权。`,
        ].join('\n'),
      );
    });
}
