/**
 * Reads the module's use cases share: the caller's county, its townships, the catalogue, an
 * activity as the API shows it, and the county's links.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { forbidden } from '../../http/errors.ts';
import type { TPublicityActivity } from '../../../shared/schemas/policy-publicity.ts';
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { pathIds } from '../../scope/index.ts';

/** The caller's county region; 403 for an account bound above any county (the catalogue's links are per county). */
export async function countyOfActor(db: Kysely<DB>, actor: Pick<Actor, 'countyCode'>) {
  if (!actor.countyCode) throw forbidden();
  const county = await db.selectFrom('region').select(['id', 'code', 'name', 'name_en', 'path', 'county_code']).where('code', '=', actor.countyCode).where('level', '=', 'county').executeTakeFirst();
  if (!county) throw forbidden();
  return county;
}
export type CountyRow = Awaited<ReturnType<typeof countyOfActor>>;

/** The county's townships (closed ones too: old activities and waves name them), by id. */
export async function townshipsOf(db: Kysely<DB>, countyCode: string) {
  const rows = await db.selectFrom('region').select(['id', 'code', 'name', 'name_en', 'path']).where('county_code', '=', countyCode).where('level', '=', 'township').orderBy('code').execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The township a path lies in: the id right below the county's in it. */
export const townshipIdOf = (path: string, countyPath: string): string | undefined => pathIds(path)[pathIds(countyPath).length];

export async function loadCatalogue(db: Kysely<DB>) {
  return db.selectFrom('policy').select(['code', 'name', 'name_en', 'sort', 'active']).orderBy('sort').orderBy('code').execute();
}

/** The county's links from question code to policy code. */
export async function loadCountyLinks(db: Kysely<DB>, countyCode: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('policy_question_link').select(['question_code', 'policy_code']).where('county_code', '=', countyCode).execute();
  return new Map(rows.map((r) => [r.question_code, r.policy_code]));
}

/** The awareness questions of a definition, in questionnaire order. */
export const awarenessQuestions = (definition: TQuestionnaireDefinition) => definition.questions.filter((q) => q.role === 'awareness');

/** Activities with their region, township and policies, as the API shows them. */
export async function readActivities(db: Kysely<DB>, ids: readonly string[], county: CountyRow): Promise<TPublicityActivity[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('publicity_activity as a')
    .innerJoin('region as r', 'r.id', 'a.region_id')
    .leftJoin('app_user as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.region_path', 'a.kind', 'a.held_on', 'a.title', 'a.audience', 'a.note', 'a.created_at', 'a.voided_at', 'a.void_reason', 'r.code', 'r.name', 'r.name_en', 'u.display_name'])
    .where('a.id', 'in', [...ids])
    .execute();
  const policies = await db.selectFrom('publicity_activity_policy').select(['activity_id', 'policy_code']).where('activity_id', 'in', [...ids]).orderBy('policy_code').execute();
  const townships = await townshipsOf(db, county.county_code!);
  const byId = new Map(rows.map((row) => {
    const township = townships.get(townshipIdOf(row.region_path, county.path) ?? '') ?? { code: row.code, name: row.name, name_en: row.name_en };
    const activity: TPublicityActivity = {
      id: row.id,
      region: { code: row.code, name: row.name, nameEn: row.name_en },
      township: { code: township.code, name: township.name, nameEn: township.name_en },
      kind: row.kind,
      heldOn: String(row.held_on).slice(0, 10),
      title: row.title,
      audience: row.audience,
      note: row.note,
      policyCodes: policies.filter((p) => p.activity_id === row.id).map((p) => p.policy_code),
      createdBy: row.display_name,
      createdAt: new Date(row.created_at).toISOString(),
      voided: row.voided_at ? { at: new Date(row.voided_at).toISOString(), reason: row.void_reason ?? '' } : null,
    };
    return [row.id, activity] as const;
  }));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
