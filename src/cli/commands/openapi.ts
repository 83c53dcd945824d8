import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadEnv } from '../../server/env.ts';
import { createFieldCipher } from '../../server/security/field-cipher.ts';

/** The OpenAPI document as the server serves it, with stable formatting for diffs. */
export async function generateOpenApi(): Promise<string> {
  // The app needs a database handle to be built, not to describe itself: an empty in-memory one.
  const [{ buildApp }, { openDatabase }] = await Promise.all([import('../../server/app.ts'), import('../../server/db/database.ts')]);
  const database = await openDatabase({ driver: 'pglite' });
  try {
    const app = await buildApp({ db: database.db, driver: database.driver, cipher: createFieldCipher(crypto.randomBytes(32)), env: loadEnv({ LOG_LEVEL: 'silent' }) });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return `${JSON.stringify(doc, null, 2)}\n`;
  } finally {
    await database.close();
  }
}

export function openApiCommand(program: Command) {
  program
    .command('openapi')
    .description('Write the OpenAPI document (docs/openapi.json is checked for freshness by the tests) | 生成 OpenAPI 文档')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (o: { out?: string }) => {
      const doc = await generateOpenApi();
      if (o.out) fs.writeFileSync(o.out, doc);
      else process.stdout.write(doc);
    });
}
