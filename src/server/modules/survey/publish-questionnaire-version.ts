import type { TLocale } from '../../../shared/locale.ts';
import type { TQuestionnaireDefinition, TQuestionnaireVersion } from '../../../shared/schemas/survey.ts';
import { ZQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { conflict, unprocessable } from '../../http/errors.ts';
import { zodErrorMap } from '../../http/zod-locale.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { assertValidDefinition, definitionSummary, loadActivePolicyCodes } from './check-definition.ts';
import { toQuestionnaireVersion } from './questionnaire-queries.ts';
import { findVersionInScope } from '../../scope/index.ts';

/**
 * Publishes a draft version: from now on it is frozen (any change makes a new version) and
 * waves may use it. Publishing twice is 409 questionnaire_published. `locale` is the language of
 * the problems found when the stored draft is checked again.
 *
 * @example
 * const published = await publishQuestionnaireVersion({ db, actor, source }, { versionId, locale: 'zh-CN' });
 * published.status; // 'published'
 */
export async function publishQuestionnaireVersion({ db, actor, source }: WriteContext, { versionId, locale }: { versionId: string; locale: TLocale }): Promise<TQuestionnaireVersion> {
  const { county } = await findVersionInScope(db, actor, versionId);
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('questionnaire_version').selectAll().where('id', '=', versionId).forUpdate().executeTakeFirstOrThrow();
    if (current.status === 'published') throw conflict('questionnaire_published');
    // Stored drafts were checked when saved; check again, as the rules may have grown since.
    const parsed = ZQuestionnaireDefinition.safeParse(current.definition, { error: zodErrorMap(locale) });
    if (!parsed.success) throw unprocessable('questionnaire_invalid', parsed.error.issues.map((i) => ({ path: ['definition', ...i.path.map(String)].join('.'), message: i.message })));
    assertValidDefinition(parsed.data, await loadActivePolicyCodes(trx));
    const version = await trx
      .updateTable('questionnaire_version')
      .set({ status: 'published', published_at: new Date(), published_by: actor.id })
      .where('id', '=', versionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const questionnaire = await trx.selectFrom('questionnaire').selectAll().where('id', '=', version.questionnaire_id).executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, {
      action: 'questionnaire.publish',
      entityType: 'questionnaire_version',
      entityId: versionId,
      region: county,
      after: { questionnaireId: questionnaire.id, version: version.version, ...definitionSummary(parsed.data as TQuestionnaireDefinition) },
    });
    return toQuestionnaireVersion(version, questionnaire);
  });
}
