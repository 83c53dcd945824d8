import type { TQuestionnaireVersion } from '../../../shared/schemas/survey.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { definitionSummary } from './check-definition.ts';
import { toQuestionnaireVersion } from './questionnaire-queries.ts';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire.ts';
import { actorCounty, findVersionInScope } from '../../scope/index.ts';
import { readJson } from '../../db/json-columns.ts';

export interface CreateQuestionnaireInput {
  name: string;
  nameEn: string;
  /** Start from the built-in standard questionnaire … */
  standard: boolean;
  /** … or from a copy of this version (of the actor's county). */
  copyFromVersionId?: string | undefined;
}

/**
 * A new questionnaire of the actor's county, with a draft version 1 copied from the standard
 * questionnaire or from an existing version, ready to be adapted and published.
 *
 * @example
 * const draft = await createQuestionnaire({ db, actor, source }, { name: '2026年满意度问卷', nameEn: '', standard: true });
 * draft.status; // 'draft'
 */
export async function createQuestionnaire({ db, actor, source }: WriteContext, input: CreateQuestionnaireInput): Promise<TQuestionnaireVersion> {
  const county = await actorCounty(db, actor);
  let definition = STANDARD_QUESTIONNAIRE;
  if (input.copyFromVersionId !== undefined) {
    const from = await findVersionInScope(db, actor, input.copyFromVersionId);
    // A copy stays in its county: a user above the county copies within the county they act for.
    if (from.version.county_code !== county.code) throw notFound();
    // Copied as stored (a draft may predate today's rules); the copy is checked when published.
    definition = readJson('questionnaire_version.definition', from.version.definition) as typeof definition;
  }
  return db.transaction().execute(async (trx) => {
    const questionnaire = await trx
      .insertInto('questionnaire')
      .values({ county_code: county.code, name: input.name, name_en: input.nameEn, standard: false, created_by: actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('questionnaire_version')
      .values({ questionnaire_id: questionnaire.id, county_code: county.code, version: 1, definition: JSON.stringify(definition), status: 'draft', created_by: actor.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, {
      action: 'questionnaire.create',
      entityType: 'questionnaire',
      entityId: questionnaire.id,
      region: county,
      after: { name: input.name, nameEn: input.nameEn, from: input.copyFromVersionId ? { versionId: input.copyFromVersionId } : 'standard', versionId: version.id, ...definitionSummary(definition) },
    });
    return toQuestionnaireVersion(version, questionnaire);
  });
}
