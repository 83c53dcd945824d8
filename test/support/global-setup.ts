/**
 * Vitest global set-up: builds the migrated PGlite template (see `dialects.ts`) once per run,
 * before any test process starts, so no test pays a new cluster's initdb inside its time limit.
 */
import { ensureMigratedPgliteTemplate } from './pglite-template.ts';

export default async function setup() {
  await ensureMigratedPgliteTemplate();
}
