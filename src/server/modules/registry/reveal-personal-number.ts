/**
 * Revealing a full ID number or phone: one value at a time, only for roles that need it, for a
 * stated purpose, each reveal audited (who, whose, which field, why) before the value leaves the
 * server.
 */
import type { Kysely } from 'kysely';
import type { TRevealPurpose } from '../../../shared/schemas/reveal-purpose.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import { assertInScopeOr404, findResidentInScope } from '../../scope/index.ts';

export interface RevealOptions {
  db: Kysely<DB>;
  cipher: FieldCipher;
  actor: Actor;
  /** The resident (ID number) or the phone row (phone). */
  id: string;
  /** Why: parsed by `ZRevealPurpose`, recorded as `after.purpose`. */
  purpose: TRevealPurpose;
  source: AuditSource;
}

/**
 * @example
 * const { value } = await revealIdNumber({ db, cipher, actor, id: residentId, purpose: { code: 'home_visit', note: null }, source });
 */
export async function revealIdNumber(o: RevealOptions) {
  const resident = await findResidentInScope(o.db, o.actor, o.id);
  await recordAudit(o.db, o.source, {
    action: 'resident.reveal_id_number',
    entityType: 'resident',
    entityId: resident.id,
    region: resident.region,
    after: { name: resident.name, idNumberMasked: resident.id_number_masked, purpose: o.purpose },
  });
  return { value: o.cipher.decrypt(resident.id_number_cipher) };
}

/**
 * @example
 * const { value } = await revealPhone({ db, cipher, actor, id: phoneId, purpose: { code: 'other', note: '核对低保申请' }, source });
 */
export async function revealPhone(o: RevealOptions) {
  const { actor } = o;
  const phone = await o.db
    .selectFrom('resident_phone as p')
    .innerJoin('resident as r', 'r.id', 'p.resident_id')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['p.id', 'p.phone_cipher', 'p.phone_masked', 'r.id as resident_id', 'r.name', 'v.id as village_id', 'v.path', 'v.county_code'])
    .where('p.id', '=', o.id)
    .$if(actor.countyCode !== null, (q) => q.where('p.county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  assertInScopeOr404(actor, phone, (p) => p.path);
  await recordAudit(o.db, o.source, {
    action: 'resident.reveal_phone',
    entityType: 'resident',
    entityId: phone.resident_id,
    region: { id: phone.village_id, path: phone.path, county_code: phone.county_code },
    after: { name: phone.name, phoneMasked: phone.phone_masked, purpose: o.purpose },
  });
  return { value: o.cipher.decrypt(phone.phone_cipher) };
}
