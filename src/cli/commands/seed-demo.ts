import type { Command } from 'commander';
import { DEMO_CASES, DEMO_HOUSEHOLDS, DEMO_PASSWORD } from '../../server/modules/demo/demo-defaults.ts';
import type { SeedDemoCampaignResult, SeedDemoCasesResult, SeedDemoResult, SeedDemoSurveyResult } from '../../server/modules/demo/index.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';
import { CliError } from '../errors.ts';

export function formatDemoLogins(result: SeedDemoResult, password: string) {
  const lines = result.logins.map((l) => `  ${l.username.padEnd(14)} ${l.roles.join(',').padEnd(20)} ${l.displayName}`);
  return [`Demo logins (password: ${password}) | 演示账号（密码：${password}）:`, ...lines].join('\n');
}

/** What the demo survey holds, or why it was not loaded (nothing when it was there already). */
export function formatDemoSurvey(survey: SeedDemoSurveyResult): string | null {
  if (survey.skipped === 'registry_too_small') return 'The demo survey was not loaded: the registry is too small for its samples. | 户籍数据太少，未生成演示调查。';
  if (!survey.created || !survey.closedWave || !survey.openWave) return null;
  const closed = survey.closedWave;
  const open = survey.openWave;
  return [
    'Loaded the demo survey (simulated through the fieldwork use cases) | 演示满意度调查:',
    `  ${closed.name}: closed | 已结束 (${closed.startsOn} – ${closed.endsOn}), ${closed.completes} interviews from ${closed.calls} calls, at least ${closed.minTownshipCompletes} per township`,
    `  ${open.name}: in fieldwork | 实施中 (${open.startsOn} – ${open.endsOn}), ${open.released} numbers released, calling ${open.callingHours}`,
  ].join('\n');
}

/** What the demo campaign holds (nothing when it was there already or could not be made). */
export function formatDemoCampaign(campaign: SeedDemoCampaignResult): string | null {
  if (!campaign.created) return null;
  return `Loaded the demo campaign | 演示走访活动: 2026年冬季集中走访慰问 (2026-11-15 – 2026-12-31), open, ${campaign.targets} hardship households in ${campaign.townships} townships`;
}

/** What the demo cases hold (nothing when they were there already). */
export function formatDemoCases(cases: SeedDemoCasesResult): string | null {
  if (!cases.created) return null;
  const statuses = Object.entries(cases.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  return `Loaded the demo cases | 演示民情诉求: ${cases.cases} over the last three months (${statuses}; ${cases.overdue} overdue, ${cases.reopened} reopened) in ${(cases.ms / 1000).toFixed(1)} s`;
}

/** Where the survey demo is in the web app, for the survey logins. */
export function formatSurveyGuide(baseUrl = ''): string {
  return [
    'Survey | 满意度调查:',
    `  supervisor                    results | 调查结果 ${baseUrl}/survey-results, waves and progress | 满意度调查 ${baseUrl}/survey`,
    `  interviewer1, interviewer2    interviewing | 电话访问 ${baseUrl}/survey/workstation (next case | 下一个样本)`,
  ].join('\n');
}

/** What loading the demo needs, imported when a command loads it (not for --help). */
export async function loadDemoSeeding() {
  const [{ isDeploymentEmpty, seedDemo, seedDemoCampaign, seedDemoCases, seedDemoLoop, formatDemoLoop, seedDemoRegistry, seedDemoSurvey }, { cipherFromEnv, verifyDataKey }, { cliAuditSource }, { visitFileConfig }] = await Promise.all([
    import('../../server/modules/demo/index.ts'),
    import('../../server/security/data-key.ts'),
    import('../../server/modules/audit/index.ts'),
    import('../../server/modules/visit-files/index.ts'),
  ]);
  return { isDeploymentEmpty, seedDemo, seedDemoCampaign, seedDemoCases, seedDemoLoop, formatDemoLoop, seedDemoRegistry, seedDemoSurvey, cipherFromEnv, verifyDataKey, cliAuditSource, visitFileConfig };
}

export function seedDemoCommand(program: Command) {
  program
    .command('seed-demo')
    .description('Load the demo county (Ningyang, 13 townships, synthetic villages, demo accounts) | 载入演示县数据')
    .option('--password <password>', 'password of the demo accounts', DEMO_PASSWORD)
    .option('--households <n>', 'synthetic households to import into the registry (0: none)', String(DEMO_HOUSEHOLDS))
    .option('--no-survey', 'without the demo satisfaction survey (a closed wave with simulated interviews, an open one)')
    .option('--cases <n>', 'demo cases (民情诉求) over the last three months, each lived through the cases use cases (0: none)', String(DEMO_CASES))
    .option('--json', 'machine-readable output')
    .action(async (options: CliOptions & { password: string; households: string; cases: string; survey: boolean }) => {
      const households = Number(options.households);
      if (!Number.isInteger(households) || households < 0 || households > 300_000) throw new CliError('--households: a whole number from 0 to 300000');
      const caseCount = Number(options.cases);
      if (!Number.isInteger(caseCount) || caseCount < 0 || caseCount > 5_000) throw new CliError('--cases: a whole number from 0 to 5000');
      const { seedDemo, seedDemoCampaign, seedDemoCases, seedDemoLoop, formatDemoLoop, seedDemoRegistry, seedDemoSurvey, cipherFromEnv, verifyDataKey, cliAuditSource, visitFileConfig } = await loadDemoSeeding();
      const result = await withDatabase('seed-demo', async ({ db }, env) => {
        const source = cliAuditSource('seed-demo');
        const county = await seedDemo({ db, actor: null, source }, { password: options.password });
        const cipher = cipherFromEnv(env);
        await verifyDataKey(db, cipher);
        const ctx = { db, actor: null, source, cipher };
        const registry = households > 0 ? await seedDemoRegistry(ctx, { households }) : null;
        // After the registry: the survey's frames are its phones.
        const survey = registry && options.survey ? await seedDemoSurvey(ctx) : null;
        // After the registry: the campaign's targets are its hardship households.
        const campaign = registry ? await seedDemoCampaign(ctx, { files: visitFileConfig(env) }) : null;
        // After the campaign: a few of its visits' problems become cases.
        const cases = caseCount > 0 ? await seedDemoCases(ctx, { cases: caseCount }) : null;
        // After the cases: the loop's rectification reads the wave's figures and the cases' categories.
        const loop = registry && options.survey ? await seedDemoLoop(ctx) : null;
        return { ...county, registry, survey, campaign, cases, loop };
      });
      output(options, result, () => {
        const survey = [result.survey ? formatDemoSurvey(result.survey) : null, result.campaign ? formatDemoCampaign(result.campaign) : null, result.cases ? formatDemoCases(result.cases) : null, result.loop ? formatDemoLoop(result.loop) : null].filter(Boolean).join('\n') || null;
        if (!result.created) {
          if (result.survey?.created) return `The demo county is already loaded; added the demo survey.\n${survey}\n${formatSurveyGuide()}`;
          return ['The demo county is already loaded; nothing changed.', survey].filter(Boolean).join('\n');
        }
        return (
          `Loaded the demo county: ${result.townships} townships, ${result.villages} villages` +
          (result.registry?.created ? `, ${result.registry.households} households, ${result.registry.residents} residents` : '') +
          `.\n${survey ? `${survey}\n` : ''}${formatDemoLogins(result, options.password)}` +
          (result.survey?.created ? `\n${formatSurveyGuide()}` : '')
        );
      });
    });
}
