import { readJson } from '../../db/json-columns.ts';
import type { Actor } from '../../http/context.ts';
import { conflict } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { ZCorrectionInput, type TAssessmentDetail } from '../../../shared/assessment/assessment-api-schemas.ts';
import { recordAudit } from '../audit/index.ts';
import { auditRegion, findAssessment, toDetail } from './assessment-store.ts';

/**
 * A correction of a published assessment: a new draft for the same period naming the one it
 * supersedes, with a copy of its current scheme and of its bonus and penalty items in force;
 * the published one stays as it was. 409 `assessment_not_published` for a draft,
 * `assessment_already_corrected` when a correction exists.
 *
 * @example
 * const draft = await correctAssessment({ db, actor, source }, { assessmentId: '3', reason: '堽城镇诉求数据补录' });
 */
export async function correctAssessment(ctx: WriteContext<Actor | null>, options: { assessmentId: string; name?: string; reason: string; now?: Date }): Promise<TAssessmentDetail> {
  const { db, actor, source } = ctx;
  const input = ZCorrectionInput.parse({ name: options.name, reason: options.reason });
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const old = await findAssessment(trx, actor, { id: options.assessmentId, forUpdate: true });
    if (old.status !== 'published') throw conflict('assessment_not_published');
    const existing = await trx.selectFrom('assessment').select('id').where('supersedes_id', '=', old.id).executeTakeFirst();
    if (existing) throw conflict('assessment_already_corrected');
    const scheme = await trx.selectFrom('assessment_scheme_version').select('scheme').where('assessment_id', '=', old.id).where('version', '=', old.current_version).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('assessment')
      .values({
        county_code: old.county_code,
        county_id: old.county_id,
        name: input.name ?? `${old.name}（更正）`,
        period_start: old.period_start,
        period_end: old.period_end,
        previous_id: old.previous_id,
        supersedes_id: old.id,
        created_by: actor?.id ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('assessment_scheme_version').values({ assessment_id: row.id, version: 1, scheme: JSON.stringify(readJson('assessment_scheme_version.scheme', scheme.scheme)), note: input.reason, created_by: actor?.id ?? null, created_at: now }).execute();
    const items = await trx.selectFrom('assessment_adjustment').selectAll().where('assessment_id', '=', old.id).where('removed_at', 'is', null).orderBy('id').execute();
    if (items.length) {
      await trx
        .insertInto('assessment_adjustment')
        .values(items.map((a) => ({ assessment_id: row.id, township_id: a.township_id, points: a.points, reason: a.reason, created_by: actor?.id ?? null, created_at: now })))
        .execute();
    }
    await recordAudit(
      { db: trx, source },
      { action: 'assessment.create', entityType: 'assessment', entityId: row.id, region: await auditRegion(trx, row), after: { supersedes: old.id, name: row.name, reason: input.reason, copiedAdjustments: items.length } },
    );
    return toDetail(trx, row);
  });
}
