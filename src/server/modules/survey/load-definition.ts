/**
 * The one reader of a questionnaire version's definition, for every module that works from a
 * wave's version (fieldwork, results, quality control).
 */
import type { Kysely } from 'kysely';
import { ZQuestionnaireDefinition, type TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import type { DB } from '../../db/schema.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { readJson } from '../../db/json-columns.ts';

// Published versions are frozen (a trigger refuses changes), so a parsed definition can be kept,
// per database (ids restart in every database a process opens, e.g. in tests).
const definitions = new WeakMap<Kysely<DB>, Map<string, TQuestionnaireDefinition>>();

/**
 * The definition of a questionnaire version, parsed (defaults filled in) and cached once
 * published. The cache belongs to `db`; inside a transaction pass it as `via` (PGlite runs one
 * transaction at a time, so a read on `db` itself would wait for the transaction to end). No
 * actor: the callers have found the wave or case in scope already.
 *
 * @example
 * const definition = await loadDefinition({ db }, { versionId: wave.questionnaire_version_id });
 * const sameInside = await loadDefinition({ db }, { versionId: wave.questionnaire_version_id, via: trx });
 */
export async function loadDefinition({ db }: Pick<ReadContext, 'db'>, { versionId, via = db }: { versionId: string; via?: Kysely<DB> }): Promise<TQuestionnaireDefinition> {
  let cache = definitions.get(db);
  if (!cache) definitions.set(db, (cache = new Map()));
  const cached = cache.get(versionId);
  if (cached) return cached;
  const version = await via.selectFrom('questionnaire_version').select(['definition', 'status']).where('id', '=', versionId).executeTakeFirstOrThrow();
  const definition = ZQuestionnaireDefinition.parse(readJson('questionnaire_version.definition', version.definition));
  if (version.status === 'published') cache.set(versionId, definition);
  return definition;
}
