/**
 * `npm run bench`: the performance figures the issues ask for, printed with their goals. Runs
 * on a throwaway database of the local PostgreSQL (BENCH_DATABASE_URL), sends traffic only to
 * 127.0.0.1, and stops by itself.
 *
 *   npm run bench                          # Ningyang scale: 230,000 households
 *   npm run bench -- --households 20000    # a quicker look
 *   npm run bench -- --only registry --row-workers 2   # the import with two row worker threads
 *   npm run bench -- --only survey-fieldwork --cycles 20000 --interviewers 200
 *   npm run bench -- --only search                # the hardest searches, alone and 50 concurrent
 *   npm run bench -- --scale city                 # search and survey results, eight counties
 *   npm run bench -- --only pglite-load --pglite-households 20000
 *   npm run bench -- --only registry-lists --households 22000 --pglite-households 22000
 *   npm run bench -- --only visit-sync --phones 500 --visits-per-phone 20   # photos of --photo-kb 200
 *   npm run bench -- --only visit-coverage --visits 300000  # the campaign coverage report, Ningyang scale
 *   npm run bench -- --only case-sweep --cases 20000        # the deadline sweep (督办 · 超期自动上报)
 *   npm run bench -- --only cases --cases 100000   # the case list and the monthly three rates
 *   npm run bench -- --only loop                   # assessment, bulletin DOCX, dashboard: a quarter of 100,000 cases, 300,000 visits, two waves of 5,000
 *   npm run bench -- --only loop --households 20000 --cases 10000 --visits 30000 --wave-completes 1300 --runs 3   # a quicker look
 */
import { parseArgs } from 'node:util';
import { pgliteLoadBench } from './pglite-load.bench.ts';
import { registryBench } from './registry.bench.ts';
import { registryListsBench } from './registry-lists.bench.ts';
import { searchBench } from './search.bench.ts';
import { surveyFieldworkBench } from './survey-fieldwork.bench.ts';
import { surveyScoringBench } from './survey-scoring.bench.ts';
import { visitSyncBench } from './visit-sync.bench.ts';
import { visitCoverageBench } from './visit-coverage.bench.ts';
import { caseSweepBench } from './case-sweep.bench.ts';
import { casesBench } from './cases.bench.ts';
import { closeTheLoopBench } from './close-the-loop.bench.ts';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '230000' },
    queries: { type: 'string', default: '200' },
    /** registry: the import's row worker threads (default: the importer's choice for this machine, 0 on two cores). */
    'row-workers': { type: 'string' },
    /** Run one benchmark only: registry, search, survey-fieldwork, survey-scoring, pglite-load, registry-lists, visit-coverage, visit-sync, cases, case-sweep, loop. */
    only: { type: 'string' },
    /** county (default) or city: eight Ningyang-size registries in one database (search and survey results only). */
    scale: { type: 'string', default: 'county' },
    /** Search requests per kind of query, and concurrent clients. */
    requests: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '50' },
    cycles: { type: 'string', default: '20000' },
    interviewers: { type: 'string', default: '200' },
    /** pglite-load and registry-lists: the embedded database's registry, the size of a trial or a small office rather than Ningyang's. */
    'pglite-households': { type: 'string', default: '20000' },
    /** visit-sync: phones syncing at once, visits each, and each visit's photo in KB. */
    phones: { type: 'string', default: '500' },
    'visits-per-phone': { type: 'string', default: '20' },
    'photo-kb': { type: 'string', default: '200' },
    /** visit-coverage: visits recorded in the campaign (its targets are the --households). */
    visits: { type: 'string', default: '300000' },
    runs: { type: 'string', default: '7' },
    /** cases: cases registered over the year in one county (default 100000); case-sweep: open cases, a third past a deadline (default 20000). */
    cases: { type: 'string' },
    /** loop: complete interviews of each of its two closed waves. */
    'wave-completes': { type: 'string', default: '5000' },
  },
});

const households = Number(values.households);
const queries = Number(values.queries);
if (!Number.isInteger(households) || households < 100) throw new Error('--households: a whole number ≥ 100');
if (!Number.isInteger(queries) || queries < 10) throw new Error('--queries: a whole number ≥ 10');

console.log(`Lianxin benchmarks — node ${process.version}, ${new Date().toISOString()}`);
const cycles = Number(values.cycles);
const interviewers = Number(values.interviewers);
if (!Number.isInteger(cycles) || cycles < 100) throw new Error('--cycles: a whole number ≥ 100');
if (!Number.isInteger(interviewers) || interviewers < 1) throw new Error('--interviewers: a whole number ≥ 1');
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(requests) || requests < 10) throw new Error('--requests: a whole number ≥ 10');
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency: a whole number ≥ 1');
const phones = Number(values.phones);
const visitsPerPhone = Number(values['visits-per-phone']);
const photoKb = Number(values['photo-kb']);
if (!Number.isInteger(phones) || phones < 1) throw new Error('--phones: a whole number ≥ 1');
if (!Number.isInteger(visitsPerPhone) || visitsPerPhone < 1) throw new Error('--visits-per-phone: a whole number ≥ 1');
if (!Number.isInteger(photoKb) || photoKb < 4) throw new Error('--photo-kb: a whole number ≥ 4');
if (values.scale !== 'county' && values.scale !== 'city') throw new Error('--scale: county or city');
const wanted = (name: string) => (values.only === undefined && values.scale === 'county') || values.only === name;
if (values.scale === 'city') await searchBench({ households, counties: 8, requests, concurrency });
if (wanted('search')) await searchBench({ households, counties: 1, requests, concurrency });
if (wanted('registry')) await registryBench({ households, queries, ...(values['row-workers'] === undefined ? {} : { rowWorkers: Number(values['row-workers']) }) });
if (wanted('survey-fieldwork')) await surveyFieldworkBench({ cycles, interviewers });
if (wanted('survey-scoring')) await surveyScoringBench({ completesPerTownship: 1000 });
if (wanted('pglite-load')) await pgliteLoadBench({ households: Number(values['pglite-households']), clients: 50, searchesPerClient: 4 });
if (wanted('registry-lists')) await registryListsBench({ households, pgliteHouseholds: Number(values['pglite-households']), runs: 7 });
if (wanted('visit-sync')) await visitSyncBench({ phones, visitsPerPhone, photoBytes: photoKb * 1024 });
if (wanted('cases')) await casesBench({ cases: Number(values.cases ?? 100_000), runs: Math.max(20, Number(values.runs)) });
if (wanted('visit-coverage')) await visitCoverageBench({ households, visits: Number(values.visits), runs: Number(values.runs) });
if (wanted('case-sweep')) await caseSweepBench({ cases: Number(values.cases ?? 20_000) });
if (wanted('loop')) {
  const completesPerWave = Number(values['wave-completes']);
  if (!Number.isInteger(completesPerWave) || completesPerWave < 13 * 10) throw new Error('--wave-completes: a whole number ≥ 130');
  await closeTheLoopBench({ households, cases: Number(values.cases ?? 100_000), visits: Number(values.visits), completesPerWave, runs: Number(values.runs) });
}
