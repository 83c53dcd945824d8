/**
 * A questionnaire version as the API shows it.
 */
import type { Selectable } from 'kysely';
import type { TQuestionnaireDefinition, TQuestionnaireVersion } from '../../../shared/schemas/survey.ts';
import type { QuestionnaireTable, QuestionnaireVersionTable } from '../../db/schema.ts';
import { iso } from '../../../shared/time.ts';
import { readJson } from '../../db/json-columns.ts';

/**
 * @example
 * toQuestionnaireVersion(version, questionnaire).status; // 'draft'
 */
export function toQuestionnaireVersion(v: Selectable<QuestionnaireVersionTable>, q: Selectable<QuestionnaireTable>): TQuestionnaireVersion {
  return {
    id: v.id,
    questionnaireId: q.id,
    questionnaireName: q.name,
    questionnaireNameEn: q.name_en,
    countyCode: v.county_code,
    version: v.version,
    status: v.status,
    // As stored: a draft may predate today's rules (json-columns.ts); publishing checks it again.
    definition: readJson('questionnaire_version.definition', v.definition) as TQuestionnaireDefinition,
    publishedAt: iso(v.published_at),
    createdAt: iso(v.created_at)!,
  };
}
