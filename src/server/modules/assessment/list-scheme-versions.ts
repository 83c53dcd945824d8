import { readJson } from '../../db/json-columns.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { z } from 'zod';
import type { ZSchemeVersions } from '../../../shared/assessment/assessment-api-schemas.ts';
import { findAssessment } from './assessment-store.ts';

/**
 * Every version of an assessment's scheme, newest first, with who saved it and why.
 *
 * @example
 * const { items } = await listSchemeVersions({ db, actor }, { assessmentId: '3' });
 */
export async function listSchemeVersions({ db, actor }: ReadContext, options: { assessmentId: string }): Promise<z.infer<typeof ZSchemeVersions>> {
  const row = await findAssessment(db, actor, options.assessmentId);
  const rows = await db
    .selectFrom('assessment_scheme_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.scheme', 'v.note', 'v.created_at', 'u.display_name'])
    .where('v.assessment_id', '=', row.id)
    .orderBy('v.version', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({ version: r.version, scheme: readJson('assessment_scheme_version.scheme', r.scheme), note: r.note, createdAt: new Date(r.created_at).toISOString(), createdBy: r.display_name })),
  };
}
