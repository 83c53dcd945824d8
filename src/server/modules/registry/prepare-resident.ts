/**
 * Turns validated personal numbers into what the database stores: ciphertext, keyed hash,
 * masked form and tail, plus the pinyin of the name. Every writer of residents goes through
 * here, so no path stores a plaintext number.
 */
import { maskIdNumber } from '../../../shared/registry/id-number.ts';
import { maskPhone, type PhoneKind } from '../../../shared/registry/phone.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { namePinyin } from './name-pinyin.ts';

export function protectIdNumber(cipher: FieldCipher, idNumber: string) {
  return {
    id_number_cipher: cipher.encrypt(idNumber),
    id_number_hash: cipher.lookupHash('id', idNumber),
    id_number_masked: maskIdNumber(idNumber),
    id_number_tail: idNumber.slice(-4),
  };
}

export function protectPhone(cipher: FieldCipher, phone: string, kind: PhoneKind) {
  return {
    kind,
    phone_cipher: cipher.encrypt(phone),
    phone_hash: cipher.lookupHash('phone', phone),
    phone_masked: maskPhone(phone),
    phone_tail: phone.slice(-4),
  };
}

export function nameColumns(name: string) {
  const { full, initials } = namePinyin(name);
  return { name, name_pinyin: full, name_initials: initials };
}
