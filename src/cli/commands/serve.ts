import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { z } from 'zod';
import { acquireDataDirLock, updateLockUrl } from '../../server/db/data-dir-lock.ts';
import { loadEnv } from '../../server/env.ts';
import { DEMO_PASSWORD } from '../../server/modules/demo/demo-defaults.ts';
import { databaseOptions } from '../context.ts';
import { CliError } from '../errors.ts';
import { isSupervisedWorker, supervise } from '../supervisor.ts';
import { formatDemoCampaign, formatDemoCases, formatDemoLogins, formatDemoSurvey, formatSurveyGuide, loadDemoSeeding } from './seed-demo.ts';

const ZPort = z.coerce.number().int().min(0).max(65535);

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const WEB_DIST = path.join(ROOT_DIR, 'dist/web');

/** Builds the web app with Vite into dist/web. */
export async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT_DIR, 'vite.config.ts'), logLevel: 'warn' });
}

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('Run the web app and API (migrates, and loads the demo county into an empty database) | 启动服务')
    .option('--port <port>', 'port (default: PORT or 3000)')
    .option('--no-demo', 'do not load the demo county into an empty database')
    .option('--build-web-if-missing', 'build the web app first when dist/web is missing')
    .option('--no-supervise', 'run the server in this process, without the supervisor that restarts it after a crash')
    .action(async (o: { port?: string; demo: boolean; buildWebIfMissing?: boolean; supervise: boolean }) => {
      const env = loadEnv();
      if (o.port) {
        const port = ZPort.safeParse(o.port);
        if (!port.success) throw new CliError('--port: a whole number from 0 to 65535');
        env.PORT = port.data;
      }
      if (o.buildWebIfMissing && !fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
        console.log('Building the web app (first start only)… | 正在构建网页（仅首次）…');
        await buildWeb();
      }
      // The supervisor runs this same command again as its worker, which takes the branch below.
      if (o.supervise && !isSupervisedWorker()) return supervise();
      const release = env.DATABASE_URL ? () => {} : acquireDataDirLock(env.DATA_DIR, { command: 'lianxin serve' });
      const [{ buildApp }, { openDatabase }, { prepareSchema }, { describeConnectionRole, runtimeRoleWarning }, { isDeploymentEmpty, seedDemo, seedDemoCampaign, seedDemoCases, seedDemoLoop, formatDemoLoop, seedDemoRegistry, seedDemoSurvey, cipherFromEnv, verifyDataKey, cliAuditSource, visitFileConfig }] =
        await Promise.all([
          import('../../server/app.ts'),
          import('../../server/db/database.ts'),
          import('../../server/db/prepare-schema.ts'),
          import('../../server/db/runtime-role.ts'),
          loadDemoSeeding(),
        ]);
      const database = await openDatabase(databaseOptions(env));
      // Migrations run as the owner (DATABASE_OWNER_URL); the server keeps the runtime role.
      const { applied, granted } = await prepareSchema(database, env.DATABASE_OWNER_URL);
      if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
      if (granted) console.log(`Granted the runtime role "${granted}" its privileges on the new tables.`);
      // Existing deployments whose DATABASE_URL is the owner keep working, loudly.
      const warning = database.driver === 'postgres' ? runtimeRoleWarning(await describeConnectionRole(database.db)) : null;
      if (warning) console.warn(`\n${warning}\n`);
      const cipher = cipherFromEnv(env);
      await verifyDataKey(database.db, cipher);
      const ctx = { db: database.db, actor: null, source: cliAuditSource('serve'), cipher };
      const empty = await isDeploymentEmpty(ctx);
      let surveyLoaded = false;
      if (empty && o.demo) {
        const seeded = await seedDemo(ctx);
        console.log(`Loaded the demo county: ${seeded.townships} townships, ${seeded.villages} villages (synthetic).`);
        const registry = await seedDemoRegistry(ctx);
        console.log(`Imported the demo registry: ${registry.households} households, ${registry.residents} residents (synthetic).`);
        console.log('Simulating the demo survey’s fieldwork… | 正在生成演示满意度调查…');
        const survey = await seedDemoSurvey(ctx);
        const surveyText = formatDemoSurvey(survey);
        if (surveyText) console.log(surveyText);
        surveyLoaded = survey.created;
        const campaignText = formatDemoCampaign(await seedDemoCampaign(ctx, { files: visitFileConfig(env) }));
        if (campaignText) console.log(campaignText);
        console.log('Simulating the demo cases… | 正在生成演示民情诉求…');
        const casesText = formatDemoCases(await seedDemoCases(ctx));
        if (casesText) console.log(casesText);
        console.log('Closing the demo loop… | 正在生成演示整改、考核与通报…');
        const loopText = formatDemoLoop(await seedDemoLoop(ctx));
        if (loopText) console.log(loopText);
        console.log(formatDemoLogins(seeded, DEMO_PASSWORD));
      }
      // Cases' configuration: a county with accounts gets the default categories once and the
      // official holiday years it lacks (idempotent, so every start may run it).
      const [{ seedMissingCaseCategories }, { loadOfficialCalendars }] = await Promise.all([import('../../server/modules/case-categories/index.ts'), import('../../server/modules/working-calendar/index.ts')]);
      const seededCategories = await seedMissingCaseCategories(ctx, {});
      if (seededCategories.length) console.log(`Default case categories for: ${seededCategories.join(', ')}`);
      const calendars = (await loadOfficialCalendars(ctx, {})).filter((c) => c.years.length);
      for (const c of calendars) console.log(`Official holidays for ${c.countyCode}: ${c.years[0]}–${c.years.at(-1)} (${c.days} days)`);
      const app = await buildApp({ db: database.db, driver: database.driver, cipher, env, webDir: WEB_DIST, logger: true });
      // Messages to residents (accepted, resolved, call-back) leave through the outbox, in this process.
      const { startNotificationWorker } = await import('../../server/modules/notifications/index.ts');
      const notifications = startNotificationWorker({ db: database.db, cipher, env, log: (line) => app.log.info(line) });
      let stopping = false;
      const shutdown = async () => {
        // Ctrl-C reaches the worker both from the terminal and through the supervisor.
        if (stopping) return;
        stopping = true;
        await notifications.stop();
        await app.close();
        await database.close();
        release();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      await app.listen({ port: env.PORT, host: env.HOST });
      const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
      if (!env.DATABASE_URL) updateLockUrl(env.DATA_DIR, url);
      console.log(`\nLianxin (连心) is running at ${url}  (database: ${database.driver}${env.DATABASE_URL ? '' : `, ${env.DATA_DIR}`})`);
      console.log(`API docs: ${url}/api/docs`);
      if (surveyLoaded) console.log(formatSurveyGuide(url));
      if (!empty) console.log(`Demo logins, if the demo county was loaded: admin / gangcheng / jiangji / leader / supervisor / interviewer1 …, password ${DEMO_PASSWORD}`);
    });
}
