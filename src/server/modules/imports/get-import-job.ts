import type { TLocale } from '../../../shared/locale.ts';
import type { TImportJob } from '../../../shared/registry/import-schemas.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { failInterruptedImports } from './fail-interrupted-imports.ts';
import { findImportJobInScope, toImportJob } from './import-job-queries.ts';

/**
 * One import job: status, progress, counts and file-level problem (in the caller's language).
 *
 * @example
 * const job = await getImportJob({ db, actor }, { id: jobId, locale: 'zh-CN' });
 * if (job.status === 'running') console.log(`${Math.round(job.progress * 100)} %`);
 */
export async function getImportJob(ctx: ReadContext, options: { id: string; locale: TLocale }): Promise<TImportJob> {
  const { db, actor } = ctx;
  const row = await findImportJobInScope(db, actor, options.id);
  // The page polls this while the job runs: a job whose process is gone must stop looking alive.
  if (row.status === 'running' && (await failInterruptedImports(ctx, { ids: [row.id] })).length) return toImportJob(await findImportJobInScope(db, actor, options.id), options.locale);
  return toImportJob(row, options.locale);
}
