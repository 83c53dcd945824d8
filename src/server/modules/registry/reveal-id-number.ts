/**
 * Revealing a full ID number (and a phone, `reveal-phone.ts`): one value at a time, only for
 * roles that need it, for a stated purpose, each reveal audited (who, whose, which field, why)
 * before the value leaves the server.
 */
import type { TRevealPurpose } from '../../../shared/schemas/reveal-purpose.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { recordAudit } from '../audit/index.ts';
import { findResidentInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';

/** A reveal decrypts, and is audited like a change. */
export type RevealContext = WriteContext & { cipher: FieldCipher };

export interface RevealOptions {
  /** The resident (ID number) or the phone row (phone). */
  id: string;
  /** Why: parsed by `ZRevealPurpose`, recorded as `after.purpose`. */
  purpose: TRevealPurpose;
}

/**
 * @example
 * const { value } = await revealIdNumber({ db, actor, source, cipher }, { id: residentId, purpose: { code: 'home_visit', note: null } });
 */
export async function revealIdNumber({ db, actor, source, cipher }: RevealContext, o: RevealOptions) {
  const resident = await findResidentInScope(db, actor, o.id);
  await recordAudit({ db, source }, {
    action: 'resident.reveal_id_number',
    entityType: 'resident',
    entityId: resident.id,
    region: resident.region,
    after: { name: resident.name, idNumberMasked: resident.id_number_masked, purpose: o.purpose },
  });
  return { value: cipher.decrypt(resident.id_number_cipher) };
}
