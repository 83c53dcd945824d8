/**
 * docs/openapi.json is a generated artifact checked in for readers and client generators; this
 * test fails when it is stale. Regenerate with `npm run openapi`.
 */
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { describePglite } from './support/dialects.ts';
import { generateOpenApi } from '../src/cli/commands/openapi.ts';

// The document is built on an in-memory PGlite; CI's PostgreSQL pass has nothing to add.
describePglite('OpenAPI document', () => {
  it('docs/openapi.json matches what the server serves (run `npm run openapi` after changing routes)', async () => {
    const generated = await generateOpenApi();
    const committed = fs.readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed === generated, 'docs/openapi.json is stale: run `npm run openapi` and commit it').toBe(true);
    const doc = JSON.parse(generated);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/regions/{code}/children'].get).toBeDefined();
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
    // Generating builds and seeds a whole app: over a minute on a loaded two-core machine.
  }, 180_000);
});
