import { recordAudit } from '../audit/index.ts';
import { assertInScopeOr404 } from '../../scope/index.ts';
import type { RevealContext, RevealOptions } from './reveal-id-number.ts';

/**
 * Reveals one full phone number, audited with its purpose first (see `reveal-id-number.ts`).
 *
 * @example
 * const { value } = await revealPhone({ db, actor, source, cipher }, { id: phoneId, purpose: { code: 'other', note: '核对低保申请' } });
 */
export async function revealPhone({ db, actor, source, cipher }: RevealContext, o: RevealOptions) {
  const phone = await db
    .selectFrom('resident_phone as p')
    .innerJoin('resident as r', 'r.id', 'p.resident_id')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['p.id', 'p.phone_cipher', 'p.phone_masked', 'r.id as resident_id', 'r.name', 'v.id as village_id', 'v.path', 'v.county_code'])
    .where('p.id', '=', o.id)
    .$if(actor.countyCode !== null, (q) => q.where('p.county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  assertInScopeOr404(actor, phone, (p) => p.path);
  await recordAudit({ db, source }, {
    action: 'resident.reveal_phone',
    entityType: 'resident',
    entityId: phone.resident_id,
    region: { id: phone.village_id, path: phone.path, county_code: phone.county_code },
    after: { name: phone.name, phoneMasked: phone.phone_masked, purpose: o.purpose },
  });
  return { value: cipher.decrypt(phone.phone_cipher) };
}
