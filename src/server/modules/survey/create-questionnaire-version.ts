import type { TQuestionnaireDefinition, TQuestionnaireVersion } from '../../../shared/schemas/survey.ts';
import { conflict } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { definitionSummary } from './check-definition.ts';
import { toQuestionnaireVersion } from './questionnaire-queries.ts';
import { findVersionInScope } from '../../scope/index.ts';

/**
 * The next version of a questionnaire: a draft copy of a published version, to be edited and
 * published in its turn. A questionnaire has at most one draft at a time (409
 * questionnaire_draft_exists), so edits do not scatter over several drafts.
 *
 * @example
 * const next = await createQuestionnaireVersion({ db, actor, source }, { fromVersionId: publishedVersionId });
 * next.version; // 2
 */
export async function createQuestionnaireVersion({ db, actor, source }: WriteContext, { fromVersionId }: { fromVersionId: string }): Promise<TQuestionnaireVersion> {
  const { county, version: from } = await findVersionInScope(db, actor, fromVersionId);
  return db.transaction().execute(async (trx) => {
    // Serializes version numbering of this questionnaire.
    const questionnaire = await trx.selectFrom('questionnaire').selectAll().where('id', '=', from.questionnaire_id).forUpdate().executeTakeFirstOrThrow();
    const versions = await trx.selectFrom('questionnaire_version').select(['version', 'status']).where('questionnaire_id', '=', questionnaire.id).execute();
    if (versions.some((v) => v.status === 'draft')) throw conflict('questionnaire_draft_exists');
    const next = Math.max(...versions.map((v) => v.version)) + 1;
    const version = await trx
      .insertInto('questionnaire_version')
      .values({ questionnaire_id: questionnaire.id, county_code: from.county_code, version: next, definition: JSON.stringify(from.definition), status: 'draft', created_by: actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, {
      action: 'questionnaire.new_version',
      entityType: 'questionnaire_version',
      entityId: version.id,
      region: county,
      after: { questionnaireId: questionnaire.id, version: next, fromVersionId, ...definitionSummary(from.definition as TQuestionnaireDefinition) },
    });
    return toQuestionnaireVersion(version, questionnaire);
  });
}
