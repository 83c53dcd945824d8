import type { Command } from 'commander';
import { cliAuditSource } from '../../server/modules/audit/record-audit.ts';
import { DEMO_PASSWORD, seedDemo, type SeedDemoResult } from '../../server/modules/demo/seed-demo.ts';
import { cipherFromEnv, verifyDataKey } from '../../server/security/data-key.ts';
import { DEMO_HOUSEHOLDS, seedDemoRegistry } from '../../server/modules/demo/seed-demo-registry.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';
import { CliError } from '../errors.ts';

export function formatDemoLogins(result: SeedDemoResult, password: string) {
  const lines = result.logins.map((l) => `  ${l.username.padEnd(14)} ${l.roles.join(',').padEnd(20)} ${l.displayName}`);
  return [`Demo logins (password: ${password}) | 演示账号（密码：${password}）:`, ...lines].join('\n');
}

export function seedDemoCommand(program: Command) {
  program
    .command('seed-demo')
    .description('Load the demo county (Ningyang, 13 townships, synthetic villages, demo accounts) | 载入演示县数据')
    .option('--password <password>', 'password of the demo accounts', DEMO_PASSWORD)
    .option('--households <n>', 'synthetic households to import into the registry (0: none)', String(DEMO_HOUSEHOLDS))
    .option('--json', 'machine-readable output')
    .action(async (options: CliOptions & { password: string; households: string }) => {
      const households = Number(options.households);
      if (!Number.isInteger(households) || households < 0 || households > 300_000) throw new CliError('--households: a whole number from 0 to 300000');
      const result = await withDatabase('seed-demo', async ({ db }, env) => {
        const county = await seedDemo(db, cliAuditSource('seed-demo'), { password: options.password });
        const cipher = cipherFromEnv(env);
        await verifyDataKey(db, cipher);
        const registry = households > 0 ? await seedDemoRegistry(db, cipher, cliAuditSource('seed-demo'), { households }) : null;
        return { ...county, registry };
      });
      output(options, result, () =>
        result.created
          ? `Loaded the demo county: ${result.townships} townships, ${result.villages} villages` +
            (result.registry?.created ? `, ${result.registry.households} households, ${result.registry.residents} residents` : '') +
            `.\n${formatDemoLogins(result, options.password)}`
          : 'The demo county is already loaded; nothing changed.',
      );
    });
}
