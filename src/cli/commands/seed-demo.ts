import type { Command } from 'commander';
import { cliAuditSource } from '../../server/modules/audit/record-audit.ts';
import { DEMO_PASSWORD, seedDemo, type SeedDemoResult } from '../../server/modules/demo/seed-demo.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';

export function formatDemoLogins(result: SeedDemoResult, password: string) {
  const lines = result.logins.map((l) => `  ${l.username.padEnd(14)} ${l.roles.join(',').padEnd(20)} ${l.displayName}`);
  return [`Demo logins (password: ${password}) | 演示账号（密码：${password}）:`, ...lines].join('\n');
}

export function seedDemoCommand(program: Command) {
  program
    .command('seed-demo')
    .description('Load the demo county (Ningyang, 13 townships, synthetic villages, demo accounts) | 载入演示县数据')
    .option('--password <password>', 'password of the demo accounts', DEMO_PASSWORD)
    .option('--json', 'machine-readable output')
    .action(async (options: CliOptions & { password: string }) => {
      const result = await withDatabase('seed-demo', ({ db }) => seedDemo(db, cliAuditSource('seed-demo'), { password: options.password }));
      output(options, result, () =>
        result.created
          ? `Loaded the demo county: ${result.townships} townships, ${result.villages} villages.\n${formatDemoLogins(result, options.password)}`
          : 'The demo county is already loaded; nothing changed.',
      );
    });
}
