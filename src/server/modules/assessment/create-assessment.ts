import type { Actor } from '../../http/context.ts';
import { forbidden, unprocessable } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { ZAssessmentCreate, type TAssessmentCreate, type TAssessmentDetail } from '../../../shared/assessment/assessment-api-schemas.ts';
import { recordAudit } from '../audit/index.ts';
import { auditRegion, countyOf, toDetail } from './assessment-store.ts';
import { checkSchemeWaves } from './scheme-rules.ts';

/**
 * Creates an assessment (考核) of the actor's county for a period with its first scheme version,
 * audited with the scheme. The weights must add up to 1 (422 naming the sum), the waves be the
 * county's and closed (409 naming the wave), the previous assessment the county's (422).
 * `actor: null` (the demo) names the county in `countyCode`.
 *
 * @example
 * const a = await createAssessment({ db, actor, source }, { input: { name: '2026年第四季度乡镇考核', periodStart: '2026-10-01', periodEnd: '2026-12-31', scheme } });
 */
export async function createAssessment(ctx: WriteContext<Actor | null>, options: { input: TAssessmentCreate; countyCode?: string; now?: Date }): Promise<TAssessmentDetail> {
  const { db, actor, source } = ctx;
  const countyCode = actor === null ? options.countyCode : actor.countyCode;
  if (!countyCode) throw forbidden();
  const input = ZAssessmentCreate.parse(options.input);
  const now = options.now ?? new Date();
  const county = await countyOf(db, countyCode);
  await checkSchemeWaves(db, { countyCode, scheme: input.scheme });
  if (input.previousId !== null) {
    const previous = await db.selectFrom('assessment').select('id').where('id', '=', input.previousId).where('county_code', '=', countyCode).executeTakeFirst();
    if (!previous) throw unprocessable('validation_failed', [{ path: 'previousId', message: `no such assessment ${input.previousId} in this county` }]);
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('assessment')
      .values({ county_code: countyCode, county_id: county.id, name: input.name, period_start: input.periodStart, period_end: input.periodEnd, previous_id: input.previousId, created_by: actor?.id ?? null, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('assessment_scheme_version').values({ assessment_id: row.id, version: 1, scheme: JSON.stringify(input.scheme), note: input.note, created_by: actor?.id ?? null, created_at: now }).execute();
    await recordAudit(
      { db: trx, source },
      { action: 'assessment.create', entityType: 'assessment', entityId: row.id, region: await auditRegion(trx, row), after: { name: input.name, periodStart: input.periodStart, periodEnd: input.periodEnd, previousId: input.previousId, scheme: input.scheme } },
    );
    return toDetail(trx, row);
  });
}
