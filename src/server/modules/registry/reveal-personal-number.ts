/**
 * Revealing a full ID number or phone: one value at a time, only for roles that need it, each
 * reveal audited (who, whose, which field) before the value leaves the server.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import { assertInScopeOr404, findResidentInScope } from '../../scope/index.ts';


/** @example const { value } = await revealIdNumber(db, cipher, actor, residentId, source); */
export async function revealIdNumber(db: Kysely<DB>, cipher: FieldCipher, actor: Actor, residentId: string, source: AuditSource) {
  const resident = await findResidentInScope(db, actor, residentId);
  await recordAudit(db, source, {
    action: 'resident.reveal_id_number',
    entityType: 'resident',
    entityId: resident.id,
    region: resident.region,
    after: { name: resident.name, idNumberMasked: resident.id_number_masked },
  });
  return { value: cipher.decrypt(resident.id_number_cipher) };
}

export async function revealPhone(db: Kysely<DB>, cipher: FieldCipher, actor: Actor, phoneId: string, source: AuditSource) {
  const phone = await db
    .selectFrom('resident_phone as p')
    .innerJoin('resident as r', 'r.id', 'p.resident_id')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['p.id', 'p.phone_cipher', 'p.phone_masked', 'r.id as resident_id', 'r.name', 'v.id as village_id', 'v.path', 'v.county_code'])
    .where('p.id', '=', phoneId)
    .$if(actor.countyCode !== null, (q) => q.where('p.county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  assertInScopeOr404(actor, phone, (p) => p.path);
  await recordAudit(db, source, {
    action: 'resident.reveal_phone',
    entityType: 'resident',
    entityId: phone.resident_id,
    region: { id: phone.village_id, path: phone.path, county_code: phone.county_code },
    after: { name: phone.name, phoneMasked: phone.phone_masked },
  });
  return { value: cipher.decrypt(phone.phone_cipher) };
}
