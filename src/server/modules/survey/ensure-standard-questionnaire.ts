import { sql } from 'kysely';
import type { TQuestionnaire } from '../../../shared/schemas/survey.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { definitionSummary } from './check-definition.ts';
import { listQuestionnaires } from './list-questionnaires.ts';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire.ts';
import { actorCounty } from '../../scope/index.ts';

/**
 * The county's copy of the built-in standard questionnaire, created on first use with version
 * 1 published, so a county with no questionnaire can start a wave with one call. Calling it
 * again returns the same questionnaire.
 *
 * @example
 * const { questionnaire, created } = await ensureStandardQuestionnaire({ db, actor, source });
 * questionnaire.versions[0].status; // 'published'
 */
export async function ensureStandardQuestionnaire({ db, actor, source }: WriteContext): Promise<{ questionnaire: TQuestionnaire; created: boolean }> {
  const county = await actorCounty(db, actor);
  const { id, created } = await db.transaction().execute(async (trx) => {
    // Two first calls at once must not make two standard questionnaires.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`lianxin.survey.standard.${county.code}`}))`.execute(trx);
    const existing = await trx.selectFrom('questionnaire').select('id').where('county_code', '=', county.code).where('standard', '=', true).orderBy('id').executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    const questionnaire = await trx
      .insertInto('questionnaire')
      .values({ county_code: county.code, name: STANDARD_QUESTIONNAIRE.title['zh-CN'], name_en: STANDARD_QUESTIONNAIRE.title.en, standard: true, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('questionnaire_version')
      .values({
        questionnaire_id: questionnaire.id,
        county_code: county.code,
        version: 1,
        definition: JSON.stringify(STANDARD_QUESTIONNAIRE),
        status: 'published',
        published_at: new Date(),
        published_by: actor.id,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, {
      action: 'questionnaire.create_standard',
      entityType: 'questionnaire',
      entityId: questionnaire.id,
      region: county,
      after: { versionId: version.id, published: true, ...definitionSummary(STANDARD_QUESTIONNAIRE) },
    });
    return { id: questionnaire.id, created: true };
  });
  const { items } = await listQuestionnaires({ db, actor }, { ids: [id] });
  return { questionnaire: items[0]!, created };
}
