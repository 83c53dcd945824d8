import type { Command } from 'commander';
import { output, withDatabase, type CliOptions } from '../context.ts';

export function migrateCommand(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (also done at every start) | 执行数据库迁移')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nOn PostgreSQL, migrations run as the owner of the tables: DATABASE_OWNER_URL when set (the runtime role of\n' +
        'DATABASE_URL then gets its privileges on new tables), else DATABASE_URL.\n' +
        'PostgreSQL 上由表的所有者执行迁移：设置了 DATABASE_OWNER_URL 时用它，否则用 DATABASE_URL。',
    )
    .action(async (options: CliOptions) => {
      const [{ appliedMigrations }, { prepareSchema }] = await Promise.all([import('../../server/db/migrate.ts'), import('../../server/db/prepare-schema.ts')]);
      const result = await withDatabase(
        'migrate',
        async (database, env) => {
          const { applied, granted } = await prepareSchema(database, env.DATABASE_OWNER_URL);
          return { driver: database.driver, applied, granted, current: await appliedMigrations(database.db) };
        },
        { migrate: false },
      );
      output(options, result, () =>
        [
          result.applied.length ? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}` : `Database is up to date (${result.current.at(-1) ?? 'empty'}).`,
          ...(result.granted ? [`Granted the runtime role "${result.granted}" its privileges on the new tables.`] : []),
        ].join('\n'),
      );
    });
}
