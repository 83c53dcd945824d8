import { readJson } from '../../db/json-columns.ts';
import type { Actor } from '../../http/context.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { ZSchemeSave, type TAssessmentDetail, type TSchemeSave } from '../../../shared/assessment/assessment-api-schemas.ts';
import { recordAudit } from '../audit/index.ts';
import { auditRegion, findAssessment, lockDraft, toDetail } from './assessment-store.ts';
import { checkSchemeWaves } from './scheme-rules.ts';

/**
 * Saves a draft's scheme as a new version (the old ones stay, listed by listSchemeVersions) and
 * makes it current, audited with the scheme before and after. Same checks as creating; 409
 * `assessment_published` once published.
 *
 * @example
 * await saveScheme({ db, actor, source }, { assessmentId: '3', input: { scheme, note: '提高不满意率权重' } });
 */
export async function saveScheme(ctx: WriteContext<Actor | null>, options: { assessmentId: string; input: TSchemeSave; now?: Date }): Promise<TAssessmentDetail> {
  const { db, actor, source } = ctx;
  const input = ZSchemeSave.parse(options.input);
  const now = options.now ?? new Date();
  const found = await findAssessment(db, actor, options.assessmentId);
  await checkSchemeWaves(db, { countyCode: found.county_code, scheme: input.scheme });
  return db.transaction().execute(async (trx) => {
    const row = await lockDraft(trx, actor, options.assessmentId);
    const before = await trx.selectFrom('assessment_scheme_version').select('scheme').where('assessment_id', '=', row.id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
    const version = row.current_version + 1;
    await trx.insertInto('assessment_scheme_version').values({ assessment_id: row.id, version, scheme: JSON.stringify(input.scheme), note: input.note, created_by: actor?.id ?? null, created_at: now }).execute();
    const updated = await trx.updateTable('assessment').set({ current_version: version, updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await recordAudit(
      { db: trx, source },
      {
        action: 'assessment.scheme_saved',
        entityType: 'assessment',
        entityId: row.id,
        region: await auditRegion(trx, row),
        before: { version: row.current_version, scheme: readJson('assessment_scheme_version.scheme', before.scheme) },
        after: { version, scheme: input.scheme, note: input.note },
      },
    );
    return toDetail(trx, updated);
  });
}
