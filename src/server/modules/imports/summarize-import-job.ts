import type { TImportIssueGroup } from '../../../shared/registry/import-schemas.ts';
import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findImportJobInScope } from './import-job-queries.ts';
import { listImportIssueGroups } from './list-import-issue-groups.ts';

export interface ImportJobSummary {
  /** The first issues in row order, as stored (values masked). */
  issues: { row_no: number; column_name: string; value: string; problem: string }[];
  groups: TImportIssueGroup[];
  /** The first changes to registered households and people in row order, as stored. */
  changes: { row_no: number; household_no: string; person: string; field: string; old_value: string; new_value: string }[];
}

/**
 * What a terminal shows of a job once it ended: its first issues and changes as stored, and its
 * issues grouped by kind (messages in Chinese); null when the job has no row (a file refused
 * before its job began). Without an actor (the command line) the job is not scope-checked.
 *
 * @example
 * const summary = await summarizeImportJob({ db, actor: null }, { id: jobId, issues: 20, changes: 50 });
 * summary?.groups[0]; // { problem: 'village_not_found', count: 133, … }
 */
export async function summarizeImportJob(
  ctx: ReadContext<Actor | null>,
  options: { id: string; issues: number; changes: number },
): Promise<ImportJobSummary | null> {
  const { db, actor } = ctx;
  const job = actor ? await findImportJobInScope(db, actor, options.id) : await db.selectFrom('import_job').select('county_code').where('id', '=', options.id).executeTakeFirst();
  if (!job) return null;
  const issues = await db
    .selectFrom('import_issue')
    .select(['row_no', 'column_name', 'value', 'problem'])
    .where('job_id', '=', options.id)
    .orderBy('row_no')
    .orderBy('id')
    .limit(options.issues)
    .execute();
  const { groups } = await listImportIssueGroups(ctx, { id: options.id, locale: 'zh-CN' });
  const changes = await db
    .selectFrom('import_change')
    .select(['row_no', 'household_no', 'person', 'field', 'old_value', 'new_value'])
    .where('job_id', '=', options.id)
    .where('county_code', '=', job.county_code ?? '')
    .orderBy('row_no')
    .orderBy('id')
    .limit(options.changes)
    .execute();
  return { issues, groups, changes };
}
