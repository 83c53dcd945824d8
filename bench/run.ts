/**
 * `npm run bench`: the performance figures the issues ask for, printed with their goals. Runs
 * on a throwaway database of the local PostgreSQL (BENCH_DATABASE_URL), sends traffic only to
 * 127.0.0.1, and stops by itself.
 *
 *   npm run bench                          # Ningyang scale: 230,000 households
 *   npm run bench -- --households 20000    # a quicker look
 */
import { parseArgs } from 'node:util';
import { registryBench } from './registry.bench.ts';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '230000' },
    queries: { type: 'string', default: '200' },
  },
});

const households = Number(values.households);
const queries = Number(values.queries);
if (!Number.isInteger(households) || households < 100) throw new Error('--households: a whole number ≥ 100');
if (!Number.isInteger(queries) || queries < 10) throw new Error('--queries: a whole number ≥ 10');

console.log(`Lianxin benchmarks — node ${process.version}, ${new Date().toISOString()}`);
await registryBench({ households, queries });
