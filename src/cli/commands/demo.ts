import type { Command } from 'commander';
import { z } from 'zod';
import { output, type CliOptions } from '../context.ts';
import { CliError } from '../errors.ts';
import { startProgress } from '../progress.ts';

const ZGenerate = z.object({
  households: z.coerce.number().int().min(1).max(2_000_000),
  seed: z.coerce.number().int().min(0).max(2 ** 31).default(2026),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  encoding: z.enum(['utf8-bom', 'utf8', 'gbk']).default('utf8-bom'),
  out: z.string().min(1).optional(),
  township: z.string().regex(/^\d{9}$/, 'a township code: 9 digits').optional(),
});

export function demoCommand(program: Command) {
  const demo = program.command('demo').description('Synthetic demo data | 演示数据');
  demo
    .command('generate')
    .description('Write a deterministic synthetic household registry as an import file | 生成演示户籍台账导入文件')
    .requiredOption('--households <n>', 'number of households (Ningyang: about 230000)')
    .option('--seed <n>', 'random seed: the same seed writes the same file', '2026')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--encoding <encoding>', 'CSV encoding: utf8-bom, utf8 or gbk (Excel on Chinese Windows)', 'utf8-bom')
    .option('--township <code>', 'only the villages of this township (9-digit code), as a township office’s own file | 只生成某乡镇的台账')
    .option('--out <file>', 'output file (default: households-<n>.<format>, households-<township>-<n>.<format>)')
    .option('--json', 'machine-readable output')
    .action(async (raw: CliOptions & Record<string, string>) => {
      const parsed = ZGenerate.safeParse(raw);
      if (!parsed.success) throw new CliError(`Invalid options:\n${parsed.error.issues.map((i) => `  --${String(i.path[0])}: ${i.message}`).join('\n')}`);
      const o = parsed.data;
      const { generateHouseholds, writeHouseholdFile, demoTownshipCodes } = await import('../../server/modules/demo/index.ts');
      const township = o.township === undefined ? undefined : demoTownshipCodes().find((t) => t.code === o.township);
      if (o.township !== undefined && !township) {
        const known = demoTownshipCodes().map((t) => `  ${t.code} ${t.name}`).join('\n');
        throw new CliError(`No demo township with code ${o.township}. The demo county's townships:\n演示县没有这个乡镇代码。可用的乡镇：\n${known}`);
      }
      const file = o.out ?? `households-${o.township ? `${o.township}-` : ''}${o.households}.${o.format}`;
      const progress = startProgress('Households', o.households, { json: raw.json as unknown as boolean, unit: 'rows' });
      let households = 0;
      const rows = (function* () {
        for (const row of generateHouseholds({ households: o.households, seed: o.seed, ...(township ? { township: township.code } : {}) })) {
          if (row.relationship === '户主') progress.update(++households);
          yield row;
        }
      })();
      const residents = await writeHouseholdFile(rows, { path: file, format: o.format, encoding: o.encoding, ...(township ? { title: `宁阳县${township.name}户籍台账（演示数据）` } : {}) });
      progress.stop();
      output(raw, { file, households: o.households, residents, seed: o.seed, format: o.format, township: township ? { code: township.code, name: township.name } : null }, () =>
        `Wrote ${file}: ${o.households} households, ${residents} residents${township ? ` of ${township.name} (${township.code})` : ''} (seed ${o.seed}).`,
      );
    });
}
