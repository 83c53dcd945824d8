/**
 * Vitest global set-up of the browser project: builds the web app and the seeded demo database
 * once for all browser suites (see `prepared.ts`), and removes both when the run ends. Nothing
 * is made when Chromium is missing: the suites then skip, or fail in CI, on their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb, dumpSeededDemo } from './prepared.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWebDir: string;
    browserDemoDump: string;
  }
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) return;
  const webDir = await buildWeb();
  const demoDump = await dumpSeededDemo();
  project.provide('browserWebDir', webDir);
  project.provide('browserDemoDump', demoDump);
  return () => {
    fs.rmSync(webDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(demoDump), { recursive: true, force: true });
  };
}
