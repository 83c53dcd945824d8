import type { Command } from 'commander';
import { z } from 'zod';
import { ZCreateUserRequest } from '../../shared/schemas/users.ts';
import { ZRole } from '../../shared/roles.ts';
import { CliError } from '../errors.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function userCommand(program: Command) {
  const user = program.command('user').description('Manage accounts | 账号管理');

  user
    .command('add')
    .description('Create an account bound to a region | 新建账号')
    .requiredOption('--username <username>', 'login name')
    .requiredOption('--password <password>', 'at least 8 characters with letters and digits')
    .requiredOption('--role <role>', `role (repeat or comma-separate): ${ZRole.options.join(', ')}`, collect)
    .requiredOption('--region <code>', 'division code of the region the account sees (its subtree)')
    .option('--display-name <name>', 'name shown in the app (default: the username)')
    .option('--department <code>', 'department code, for department handlers')
    .option('--json', 'machine-readable output')
    .action(async (o: CliOptions & { username: string; password: string; role: string[]; region: string; displayName?: string; department?: string }) => {
      const parsed = ZCreateUserRequest.safeParse({
        username: o.username,
        password: o.password,
        roles: o.role,
        regionCode: o.region,
        displayName: o.displayName ?? o.username,
        ...(o.department ? { departmentCode: o.department } : {}),
      });
      if (!parsed.success) throw new CliError(`Invalid options:\n${parsed.error.issues.map((i) => `  --${String(i.path[0] ?? '')}: ${i.message}`).join('\n')}`);
      const [{ createUser }, { cliAuditSource }] = await Promise.all([import('../../server/modules/users/index.ts'), import('../../server/modules/audit/index.ts')]);
      const created = await withDatabase('user add', ({ db }) => createUser({ db, actor: null, source: cliAuditSource('user add') }, parsed.data));
      output(o, created, () => `Created ${created.username} (${created.roles.join(', ')}) in ${created.regionName} [${created.regionCode}].`);
    });

  user
    .command('list')
    .description('List accounts | 账号列表')
    .option('--region <code>', 'only accounts in this region and below')
    .option('--json', 'machine-readable output')
    .action(async (o: CliOptions & { region?: string }) => {
      const region = o.region === undefined ? undefined : z.string().regex(/^\d{6,15}$/).safeParse(o.region);
      if (region && !region.success) throw new CliError('--region: a division code of 6 to 15 digits');
      const { listAllUsers } = await import('../../server/modules/users/index.ts');
      const users = await withDatabase('user list', ({ db }) => listAllUsers({ db, actor: null }, { regionCode: region?.data }));
      if (!users) throw new CliError(`No region with code ${region?.data}`);
      output(o, users, () =>
        users.length
          ? users.map((u) => `${u.username.padEnd(16)} ${u.roles.join(',').padEnd(22)} ${u.regionCode.padEnd(13)} ${u.regionName}${u.active ? '' : ' (disabled)'}`).join('\n')
          : 'No accounts.',
      );
    });
}
