/**
 * Writes households straight into the database for tests of the registry's readers; the import
 * module is the production writer and has its own tests.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { idCheckCharacter, parseIdNumber } from '../../src/shared/registry/id-number.ts';
import { parsePhone } from '../../src/shared/registry/phone.ts';
import { nameColumns, protectIdNumber, protectPhone } from '../../src/server/modules/registry/index.ts';
import type { FieldCipher } from '../../src/server/security/field-cipher.ts';

export interface FixtureMember {
  name: string;
  idNumber: string;
  relationship: string;
  phones?: string[];
}

/** A valid ID number for a birth date and sequence (odd = male). */
export const idNumber = (birth: string, sequence: number, region = '370921') => {
  const first17 = `${region}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};

export async function insertHousehold(
  db: Kysely<DB>,
  cipher: FieldCipher,
  o: { villageCode: string; householdNo: string; address?: string; members: FixtureMember[]; hardship?: string[] },
) {
  const village = await db.selectFrom('region').select(['id', 'county_code']).where('code', '=', o.villageCode).executeTakeFirstOrThrow();
  const household = await db
    .insertInto('household')
    .values({ county_code: village.county_code!, village_id: village.id, household_no: o.householdNo, address: o.address ?? `${o.householdNo}号` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const residentIds: string[] = [];
  for (const m of o.members) {
    const parsed = parseIdNumber(m.idNumber);
    if (!parsed.ok) throw new Error(`fixture ID number ${m.idNumber}: ${parsed.problem}`);
    const resident = await db
      .insertInto('resident')
      .values({
        county_code: village.county_code!,
        household_id: household.id,
        ...nameColumns(m.name),
        gender: parsed.gender,
        birth_date: parsed.birthDate,
        relationship: m.relationship,
        ...protectIdNumber(cipher, m.idNumber),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    residentIds.push(resident.id);
    for (const raw of m.phones ?? []) {
      const phone = parsePhone(raw);
      if (!phone.ok) throw new Error(`fixture phone ${raw}`);
      await db.insertInto('resident_phone').values({ county_code: village.county_code!, resident_id: resident.id, ...protectPhone(cipher, phone.phone, phone.kind) }).execute();
    }
  }
  for (const category of o.hardship ?? []) {
    await db.insertInto('household_hardship').values({ county_code: village.county_code!, household_id: household.id, category_code: category, valid_from: '2025-01-01' }).execute();
  }
  return { householdId: household.id, residentIds };
}
