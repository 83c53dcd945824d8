/**
 * Reading import jobs: the shared select, the API shape, and the scope rule: a job is visible to
 * users whose region contains the job's region (the importer's scope); anyone else gets 404.
 */
import type { Kysely } from 'kysely';
import type { TLocale } from '../../../shared/locale.ts';
import { PROBLEM_MESSAGES, type TProblemCode } from '../../../shared/problem.ts';
import type { TImportJob } from '../../../shared/registry/import-schemas.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { assertInScopeOr404 } from '../../scope/index.ts';

/**
 * Jobs with their region, importer and issue count; filter and order it.
 *
 * @example
 * const rows = await selectImportJobs(db).where('j.status', '=', 'running').execute();
 */
export const selectImportJobs = (db: Kysely<DB>) =>
  db
    .selectFrom('import_job as j')
    .leftJoin('region as r', 'r.id', 'j.region_id')
    .leftJoin('app_user as u', 'u.id', 'j.user_id')
    .selectAll('j')
    .select(['r.code as region_code', 'r.name as region_name', 'r.path as region_path', 'u.username', 'u.display_name'])
    .select((eb) => eb.selectFrom('import_issue as i').select(eb.fn.countAll<string>().as('n')).whereRef('i.job_id', '=', 'j.id').as('issue_count'))
    .select((eb) => eb.selectFrom('import_job as c').select('c.id').whereRef('c.confirms_job_id', '=', 'j.id').limit(1).as('confirmed_by_job_id'));

type JobRow = Awaited<ReturnType<ReturnType<typeof selectImportJobs>['executeTakeFirstOrThrow']>>;

const problemText = (code: string, locale: TLocale) => (Object.hasOwn(PROBLEM_MESSAGES, code) ? PROBLEM_MESSAGES[code as TProblemCode][locale] : code);

/**
 * A job row as the API shows it, its file-level problem in the caller's language.
 *
 * @example
 * toImportJob(row, 'en').problem; // { code: 'import_file_empty', message: 'The file is empty.' }
 */
export function toImportJob(row: JobRow, locale: TLocale): TImportJob {
  const running = row.status === 'running';
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    mode: row.mode,
    status: row.status,
    region: row.region_code ? { code: row.region_code, name: row.region_name ?? '' } : null,
    user: row.username ? { username: row.username, displayName: row.display_name ?? row.username } : null,
    processedRows: row.processed_rows,
    totalRows: row.total_rows,
    // While running, rows read against the estimated total; the checks and the merge after the last row are the last 1 %.
    progress: running ? (row.total_rows > 0 ? Math.min(0.99, row.processed_rows / row.total_rows) : 0) : 1,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    rejectedRows: row.rejected_rows,
    issueCount: Number(row.issue_count ?? 0),
    changeCount: row.change_count,
    confirmsJobId: row.confirms_job_id,
    confirmedByJobId: row.confirmed_by_job_id ?? null,
    problem: row.problem ? { code: row.problem, message: problemText(row.problem, locale) } : null,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

/**
 * A job the actor may see; 404 otherwise, whether or not it exists.
 *
 * @example
 * const job = await findImportJobInScope(db, req.actor!, params.id);
 */
export async function findImportJobInScope(db: Kysely<DB>, actor: Actor, jobId: string): Promise<JobRow> {
  const row = await selectImportJobs(db).where('j.id', '=', jobId).executeTakeFirst();
  assertInScopeOr404(actor, row, (r) => r.region_path);
  return row;
}
