/**
 * Names for a page of audit entries: the operator's display name, the record's human name, in
 * one query per kind of record (never per row). A name is given only for a record the viewer
 * may see today (inside their subtree; households and residents only to registry readers,
 * sample cases only to survey staff); otherwise the entry keeps its id. Nothing encrypted is read:
 * a resident is named by name and masked ID number.
 */
import type { TAuditEntityName } from '../../../shared/schemas/audit.ts';
import { HEAD_RELATIONSHIP } from '../../../shared/registry/import-columns.ts';
import { hasAnyRole, REGISTRY_READ_ROLES, SURVEY_MANAGE_ROLES, SURVEY_PROGRESS_ROLES } from '../../../shared/roles.ts';
import { isInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

/** The entry fields the resolver reads. */
export interface AuditRowRef {
  actor_id: string | null;
  entity_type: string;
  entity_id: string | null;
}

export interface AuditNames {
  /** Display names of operators the viewer may see, by user id. */
  actors: Map<string, string>;
  /** Record names by `${entityType}:${entityId}`. */
  entities: Map<string, TAuditEntityName>;
}

/** Ids as stored: decimal strings; anything else names no row (and would fail a bigint cast). */
const isId = (id: string) => /^[1-9]\d{0,17}$/.test(id);

const entityKey = (type: string, id: string) => `${type}:${id}`;

/**
 * @example
 * const names = await resolveAuditNames({ db, actor }, { rows });
 * names.entities.get('household:42'); // { name: '张伟', nameEn: null, detail: '370921104001-0007' }
 */
export async function resolveAuditNames(ctx: ReadContext, { rows }: { rows: readonly AuditRowRef[] }): Promise<AuditNames> {
  const { db, actor } = ctx;
  const idsOf = (type: string, numeric = true) => [
    ...new Set(rows.filter((r) => r.entity_type === type && r.entity_id !== null && (!numeric || isId(r.entity_id))).map((r) => r.entity_id!)),
  ];
  const entities = new Map<string, TAuditEntityName>();
  const put = (type: string, id: string, path: string | null, name: TAuditEntityName) => {
    if (path !== null && isInScope(actor, path)) entities.set(entityKey(type, id), name);
  };
  const county = actor.countyCode;
  const registryReader = hasAnyRole(actor.roles, REGISTRY_READ_ROLES);
  const surveyStaff = hasAnyRole(actor.roles, [...SURVEY_MANAGE_ROLES, ...SURVEY_PROGRESS_ROLES]);

  const userIds = [...new Set([...rows.map((r) => r.actor_id).filter((id): id is string => id !== null), ...idsOf('user')])];
  const users = userIds.length
    ? await db.selectFrom('app_user as u').innerJoin('region as r', 'r.id', 'u.region_id').select(['u.id', 'u.username', 'u.display_name', 'r.path']).where('u.id', 'in', userIds).execute()
    : [];
  const actors = new Map<string, string>();
  for (const u of users) {
    if (!isInScope(actor, u.path)) continue;
    actors.set(u.id, u.display_name);
    put('user', u.id, u.path, { name: u.display_name, nameEn: null, detail: u.username });
  }

  const regionCodes = [...new Set([...idsOf('region', false)])];
  if (regionCodes.length) {
    const regions = await db.selectFrom('region').select(['code', 'name', 'name_en', 'path']).where('code', 'in', regionCodes).execute();
    for (const r of regions) put('region', r.code, r.path, { name: r.name, nameEn: r.name_en, detail: r.code });
  }

  const householdIds = registryReader ? idsOf('household') : [];
  if (householdIds.length) {
    const households = await db
      .selectFrom('household as h')
      .innerJoin('region as v', 'v.id', 'h.village_id')
      .leftJoin('resident as head', (j) => j.onRef('head.household_id', '=', 'h.id').on('head.relationship', '=', HEAD_RELATIONSHIP).on('head.active', '=', true))
      .select(['h.id', 'h.household_no', 'v.path', 'head.name as head_name'])
      .where('h.id', 'in', householdIds)
      .$if(county !== null, (q) => q.where('h.county_code', '=', county!))
      .orderBy('h.id')
      .orderBy('head.id')
      .execute();
    // A household with two active heads (a registry error) is named by the first.
    for (const h of households) {
      if (!entities.has(entityKey('household', h.id))) put('household', h.id, h.path, { name: h.head_name ?? h.household_no, nameEn: null, detail: h.household_no });
    }
  }

  const residentIds = registryReader ? idsOf('resident') : [];
  if (residentIds.length) {
    const residents = await db
      .selectFrom('resident as r')
      .innerJoin('household as h', 'h.id', 'r.household_id')
      .innerJoin('region as v', 'v.id', 'h.village_id')
      .select(['r.id', 'r.name', 'r.id_number_masked', 'v.path'])
      .where('r.id', 'in', residentIds)
      .$if(county !== null, (q) => q.where('r.county_code', '=', county!))
      .execute();
    for (const r of residents) put('resident', r.id, r.path, { name: r.name, nameEn: null, detail: r.id_number_masked });
  }

  // Survey records belong to their county: in scope when the county region is.
  const waveIds = idsOf('survey_wave');
  if (waveIds.length) {
    const waves = await db.selectFrom('survey_wave as w').innerJoin('region as c', 'c.id', 'w.county_id').select(['w.id', 'w.name', 'c.path']).where('w.id', 'in', waveIds).execute();
    for (const w of waves) put('survey_wave', w.id, w.path, { name: w.name, nameEn: null, detail: null });
  }
  // A sample case or interview is named by its wave, with the masked number as detail.
  const caseIds = surveyStaff ? idsOf('sample_case') : [];
  if (caseIds.length) {
    const cases = await db
      .selectFrom('sample_case as s')
      .innerJoin('survey_wave as w', 'w.id', 's.wave_id')
      .innerJoin('region as c', 'c.id', 'w.county_id')
      .select(['s.id', 's.phone_masked', 'w.name', 'c.path'])
      .where('s.id', 'in', caseIds)
      .$if(county !== null, (q) => q.where('s.county_code', '=', county!))
      .execute();
    for (const s of cases) put('sample_case', s.id, s.path, { name: s.name, nameEn: null, detail: s.phone_masked });
  }
  const interviewIds = surveyStaff ? idsOf('interview') : [];
  if (interviewIds.length) {
    const interviews = await db
      .selectFrom('interview as i')
      .innerJoin('sample_case as s', 's.id', 'i.case_id')
      .innerJoin('survey_wave as w', 'w.id', 'i.wave_id')
      .innerJoin('region as c', 'c.id', 'w.county_id')
      .select(['i.id', 's.phone_masked', 'w.name', 'c.path'])
      .where('i.id', 'in', interviewIds)
      .$if(county !== null, (q) => q.where('i.county_code', '=', county!).where('s.county_code', '=', county!))
      .execute();
    for (const i of interviews) put('interview', i.id, i.path, { name: i.name, nameEn: null, detail: i.phone_masked });
  }
  const questionnaireIds = idsOf('questionnaire');
  if (questionnaireIds.length) {
    const questionnaires = await db
      .selectFrom('questionnaire as q')
      .innerJoin('region as c', (j) => j.onRef('c.code', '=', 'q.county_code').on('c.level', '=', 'county'))
      .select(['q.id', 'q.name', 'q.name_en', 'c.path'])
      .where('q.id', 'in', questionnaireIds)
      .execute();
    for (const q of questionnaires) put('questionnaire', q.id, q.path, { name: q.name, nameEn: q.name_en, detail: null });
  }
  const versionIds = idsOf('questionnaire_version');
  if (versionIds.length) {
    const versions = await db
      .selectFrom('questionnaire_version as v')
      .innerJoin('questionnaire as q', 'q.id', 'v.questionnaire_id')
      .innerJoin('region as c', (j) => j.onRef('c.code', '=', 'v.county_code').on('c.level', '=', 'county'))
      .select(['v.id', 'v.version', 'q.name', 'q.name_en', 'c.path'])
      .where('v.id', 'in', versionIds)
      .execute();
    for (const v of versions) put('questionnaire_version', v.id, v.path, { name: q(v.name, v.version), nameEn: q(v.name_en, v.version), detail: null });
  }

  const jobIds = idsOf('import', false);
  if (jobIds.length) {
    const jobs = await db
      .selectFrom('import_job as j')
      .innerJoin('region as r', 'r.id', 'j.region_id')
      .select(['j.id', 'j.file_name', 'r.path'])
      .where('j.id', 'in', jobIds)
      .$if(county !== null, (q) => q.where('j.county_code', '=', county!))
      .execute();
    for (const j of jobs) put('import', j.id, j.path, { name: j.file_name, nameEn: null, detail: null });
  }
  const conflictIds = registryReader ? idsOf('import_cross_scope_conflict') : [];
  if (conflictIds.length) {
    const conflicts = await db
      .selectFrom('import_cross_scope_conflict as c')
      .innerJoin('region as r', 'r.id', 'c.import_region_id')
      .select(['c.id', 'c.household_no', 'c.id_masked', 'r.path'])
      .where('c.id', 'in', conflictIds)
      .$if(county !== null, (q) => q.where('c.county_code', '=', county!))
      .execute();
    for (const c of conflicts) put('import_cross_scope_conflict', c.id, c.path, { name: c.household_no ?? c.id_masked ?? c.id, nameEn: null, detail: c.household_no && c.id_masked ? c.id_masked : null });
  }

  // Configuration every signed-in user reads: not scoped.
  const categoryCodes = idsOf('hardship_category', false);
  if (categoryCodes.length) {
    const categories = await db.selectFrom('hardship_category').select(['code', 'name', 'name_en']).where('code', 'in', categoryCodes).execute();
    for (const c of categories) entities.set(entityKey('hardship_category', c.code), { name: c.name, nameEn: c.name_en, detail: c.code });
  }
  for (const role of idsOf('database_role', false)) entities.set(entityKey('database_role', role), { name: role, nameEn: null, detail: null });
  // A visit image is named by its content hash; its first digits are enough to tell them apart on screen.
  for (const sha of idsOf('stored_file', false)) entities.set(entityKey('stored_file', sha), { name: `${sha.slice(0, 12)}…`, nameEn: null, detail: sha });

  return { actors, entities };
}

/** A questionnaire version: "满意度问卷 v3". */
const q = (name: string, version: number) => `${name} v${version}`;

/** @example nameOf(names, { entity_type: 'household', entity_id: '42' }); */
export const nameOf = (names: AuditNames, row: AuditRowRef) => (row.entity_id === null ? null : (names.entities.get(entityKey(row.entity_type, row.entity_id)) ?? null));
