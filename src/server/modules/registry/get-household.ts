import { sql } from 'kysely';
import type { THouseholdDetail } from '../../../shared/schemas/registry.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * A household page: members (masked), hardship history, paired cadres past and present, and
 * the record's change history from the audit log.
 *
 * @example
 * const household = await getHousehold({ db, actor }, { id: '42' });
 */
export async function getHousehold({ db, actor }: ReadContext, options: { id: string }): Promise<THouseholdDetail> {
  const h = await findHouseholdInScope(db, actor, options.id);
  const members = await db
    .selectFrom('resident')
    .select(['id', 'name', 'gender', 'birth_date', 'relationship', 'id_number_masked'])
    .where('county_code', '=', h.county_code)
    .where('household_id', '=', h.id)
    .where('active', '=', true)
    // The head first, then by age.
    .orderBy(sql`CASE WHEN relationship = '户主' THEN 0 ELSE 1 END`)
    .orderBy('birth_date')
    .execute();
  const phones = members.length
    ? await db.selectFrom('resident_phone').select(['id', 'resident_id', 'kind', 'phone_masked']).where('county_code', '=', h.county_code).where('resident_id', 'in', members.map((m) => m.id)).orderBy('id').execute()
    : [];
  const hardship = await db
    .selectFrom('household_hardship as hh')
    .leftJoin('resident as r', 'r.id', 'hh.resident_id')
    .select(['hh.id', 'hh.category_code', 'hh.resident_id', 'r.name as resident_name', 'hh.valid_from', 'hh.valid_to', 'hh.source', 'hh.note'])
    .where('hh.county_code', '=', h.county_code)
    .where('hh.household_id', '=', h.id)
    .orderBy('hh.valid_from', 'desc')
    .orderBy('hh.id', 'desc')
    .execute();
  const pairings = await db
    .selectFrom('pairing as p')
    .innerJoin('app_user as u', 'u.id', 'p.cadre_id')
    .select(['p.id', 'p.role', 'p.started_on', 'p.ended_on', 'p.start_reason', 'p.end_reason', 'u.id as cadre_id', 'u.username', 'u.display_name'])
    .where('p.county_code', '=', h.county_code)
    .where('p.household_id', '=', h.id)
    .orderBy(sql`p.ended_on IS NULL`, 'desc')
    .orderBy('p.started_on', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  const history = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_name', 'action', 'before', 'after'])
    .where('county_code', '=', h.county_code)
    .where('entity_type', '=', 'household')
    .where('entity_id', '=', h.id)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return {
    id: h.id,
    householdNo: h.household_no,
    address: h.address,
    latitude: h.latitude === null ? null : Number(h.latitude),
    longitude: h.longitude === null ? null : Number(h.longitude),
    notes: h.notes,
    village: { code: h.village_code, name: h.village_name },
    township: { code: h.township_code, name: h.township_name },
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      gender: m.gender,
      birthDate: m.birth_date,
      relationship: m.relationship,
      idNumberMasked: m.id_number_masked,
      phones: phones.filter((p) => p.resident_id === m.id).map((p) => ({ id: p.id, kind: p.kind, masked: p.phone_masked })),
    })),
    hardship: hardship.map((l) => ({
      id: l.id,
      categoryCode: l.category_code,
      residentId: l.resident_id,
      residentName: l.resident_name,
      validFrom: l.valid_from,
      validTo: l.valid_to,
      source: l.source,
      note: l.note,
    })),
    pairings: pairings.map((p) => ({
      id: p.id,
      cadre: { id: p.cadre_id, username: p.username, displayName: p.display_name },
      role: p.role,
      startedOn: p.started_on,
      endedOn: p.ended_on,
      startReason: p.start_reason,
      endReason: p.end_reason,
    })),
    history: history.map((e) => ({ at: new Date(e.at).toISOString(), actorName: e.actor_name, action: e.action, before: e.before, after: e.after })),
  };
}
