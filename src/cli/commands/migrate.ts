import type { Command } from 'commander';
import { output, withDatabase, type CliOptions } from '../context.ts';

export function migrateCommand(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (also done at every start) | 执行数据库迁移')
    .option('--json', 'machine-readable output')
    .action(async (options: CliOptions) => {
      const { appliedMigrations, migrate } = await import('../../server/db/migrate.ts');
      const result = await withDatabase(
        'migrate',
        async ({ db, driver }) => {
          const applied = await migrate(db);
          return { driver, applied, current: await appliedMigrations(db) };
        },
        { migrate: false },
      );
      output(options, result, () =>
        result.applied.length ? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}` : `Database is up to date (${result.current.at(-1) ?? 'empty'}).`,
      );
    });
}
