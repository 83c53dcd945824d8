import type { TQuestionnaireDefinition, TQuestionnaireVersion } from '../../../shared/schemas/survey.ts';
import { conflict } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { assertValidDefinition, definitionSummary, loadActivePolicyCodes } from './check-definition.ts';
import { toQuestionnaireVersion } from './questionnaire-queries.ts';
import { findVersionInScope } from '../../scope/index.ts';

export interface SaveQuestionnaireDraftInput {
  definition: TQuestionnaireDefinition;
  name?: string | undefined;
  nameEn?: string | undefined;
}

/** The frozen-version trigger's error: a publish raced this save. */
const isFrozenError = (error: unknown) => (error as { code?: unknown }).code === 'P0001' && /frozen/.test(String((error as Error).message));

/**
 * Replaces a draft version's definition (checked against the questionnaire rules) and, when
 * given, renames the questionnaire. A published version is frozen: 409 questionnaire_published
 * (the database trigger refuses it too, should a publish race the save).
 *
 * @example
 * await saveQuestionnaireDraft({ db, actor, source }, { versionId, changes: { definition } });
 */
export async function saveQuestionnaireDraft({ db, actor, source }: WriteContext, { versionId, changes: input }: { versionId: string; changes: SaveQuestionnaireDraftInput }): Promise<TQuestionnaireVersion> {
  const { county } = await findVersionInScope(db, actor, versionId);
  assertValidDefinition(input.definition, await loadActivePolicyCodes(db));
  try {
    return await db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('questionnaire_version').selectAll().where('id', '=', versionId).forUpdate().executeTakeFirstOrThrow();
      if (current.status === 'published') throw conflict('questionnaire_published');
      const version = await trx
        .updateTable('questionnaire_version')
        .set({ definition: JSON.stringify(input.definition) })
        .where('id', '=', versionId)
        .returningAll()
        .executeTakeFirstOrThrow();
      let questionnaire = await trx.selectFrom('questionnaire').selectAll().where('id', '=', version.questionnaire_id).executeTakeFirstOrThrow();
      const before = { name: questionnaire.name, nameEn: questionnaire.name_en, ...definitionSummary(current.definition as TQuestionnaireDefinition) };
      if (input.name !== undefined || input.nameEn !== undefined) {
        questionnaire = await trx
          .updateTable('questionnaire')
          .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}) })
          .where('id', '=', questionnaire.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      await recordAudit({ db: trx, source }, {
        action: 'questionnaire.save_draft',
        entityType: 'questionnaire_version',
        entityId: versionId,
        region: county,
        before,
        after: { name: questionnaire.name, nameEn: questionnaire.name_en, ...definitionSummary(input.definition) },
      });
      return toQuestionnaireVersion(version, questionnaire);
    });
  } catch (error) {
    if (isFrozenError(error)) throw conflict('questionnaire_published');
    throw error;
  }
}
