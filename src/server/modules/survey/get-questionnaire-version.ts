import type { TQuestionnaireVersion } from '../../../shared/schemas/survey.ts';
import { findVersionInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { toQuestionnaireVersion } from './questionnaire-queries.ts';

/**
 * One questionnaire version of the actor's county with its definition and status; 404 outside
 * the actor's scope.
 *
 * @example
 * const version = await getQuestionnaireVersion({ db, actor }, { versionId: '1' });
 * version.definition.questions.length; // the standard questionnaire's questions
 */
export async function getQuestionnaireVersion(ctx: ReadContext, { versionId }: { versionId: string }): Promise<TQuestionnaireVersion> {
  const { version, questionnaire } = await findVersionInScope(ctx.db, ctx.actor, versionId);
  return toQuestionnaireVersion(version, questionnaire);
}
