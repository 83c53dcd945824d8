import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';

/** `lianxin calendar load [--year]`: the official holidays (chinese-days) into every county's working calendar. */
export function calendarCommand(program: Command) {
  const calendar = program.command('calendar').description('The working calendar of case deadlines | 工作日历');
  calendar
    .command('load')
    .description('Load the official holidays and make-up working days into every county with accounts (years not yet loaded; manual days kept) | 载入国务院节假日安排')
    .option('--year <year>', 'only this year (the data package covers 2004–2026)')
    .option('--json', 'machine-readable output')
    .action(async (options: CliOptions & { year?: string }) => {
      const year = options.year === undefined ? undefined : Number(options.year);
      if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new CliError('--year: a year from 2000 to 2100');
      const [{ loadOfficialCalendars, officialYears }, { cliAuditSource }] = await Promise.all([import('../../server/modules/working-calendar/index.ts'), import('../../server/modules/audit/index.ts')]);
      if (year !== undefined && !officialYears().includes(year)) {
        throw new CliError(`${year}: the data package has no State Council notice for this year (it covers ${officialYears()[0]}–${officialYears().at(-1)}); deadlines count weekends only until the days are entered by hand or the package is upgraded | ${year} 年尚无国务院通知数据`);
      }
      const result = await withDatabase('calendar load', (database) => loadOfficialCalendars({ db: database.db, actor: null, source: cliAuditSource('calendar load') }, year === undefined ? {} : { year }));
      output(options, result, () =>
        result.length === 0
          ? 'No county with accounts yet.'
          : result.map((c) => (c.years.length ? `${c.countyCode}: loaded ${c.years[0]}–${c.years.at(-1)} (${c.days} days)` : `${c.countyCode}: already up to date`)).join('\n'),
      );
    });
}
