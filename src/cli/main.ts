/**
 * `lianxin`: the command line. Every command has --help; data commands have --json.
 */
import { Command } from 'commander';
import { PROBLEM_MESSAGES } from '../shared/problem.ts';
import { AppError } from '../server/http/errors.ts';
import { DataDirBusyError } from '../server/db/data-dir-lock.ts';
import { DatabaseRoleError } from '../server/db/database-role-error.ts';
import { backupCommand } from './commands/backup.ts';
import { calendarCommand } from './commands/calendar.ts';
import { importCommand } from './commands/import.ts';
import { dbCommand } from './commands/db.ts';
import { demoCommand } from './commands/demo.ts';
import { migrateCommand } from './commands/migrate.ts';
import { openApiCommand } from './commands/openapi.ts';
import { restoreCommand } from './commands/restore.ts';
import { seedDemoCommand } from './commands/seed-demo.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommand } from './commands/user.ts';
import { surveyResultsCommand } from './commands/survey-results.ts';
import { CliError } from './errors.ts';

const program = new Command('lianxin')
  .description('Lianxin (连心): contact and serve the masses — county platform')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

for (const register of [serveCommand, migrateCommand, seedDemoCommand, demoCommand, userCommand, backupCommand, restoreCommand, importCommand, openApiCommand, surveyResultsCommand, dbCommand, calendarCommand]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) {
    const m = PROBLEM_MESSAGES[error.code];
    const issues = error.options.issues?.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    process.stderr.write(`Error (${error.code}): ${m.en}\n错误：${m['zh-CN']}\n${issues ? `${issues}\n` : ''}`);
    process.exit(2);
  }
  if (error instanceof CliError || error instanceof DataDirBusyError || error instanceof DatabaseRoleError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
