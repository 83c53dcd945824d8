/**
 * Writes a survey wave straight into the database for tests of fieldwork and results: the
 * standard questionnaire published as version 1, a wave in fieldwork with a stratum per
 * township of the county, and released sample cases with encrypted phones. The survey module's
 * use cases are the production writers and have their own tests.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { STANDARD_QUESTIONNAIRE } from '../../src/server/modules/survey/standard-questionnaire.ts';
import type { FieldCipher } from '../../src/server/security/field-cipher.ts';
import { maskPhone } from '../../src/shared/registry/phone.ts';
import type { TQuestionnaireDefinition } from '../../src/shared/schemas/survey.ts';

export interface FieldworkWaveOptions {
  countyCode?: string;
  /** Cases per township (all released, replicate 1). */
  casesPerTownship?: number;
  /** Only these township codes get strata and cases; default every open township of the county. */
  townshipCodes?: string[];
  status?: 'draft' | 'fieldwork' | 'closed';
  /** Local calling hours; the default admits any time so tests do not depend on the clock. */
  callingHours?: { from: string; to: string }[];
  maxAttempts?: number;
  phoneQuota?: Record<string, number>;
  definition?: TQuestionnaireDefinition;
  /** Distinguishes the phones of several waves in one database. */
  phoneBlock?: number;
}

export interface FieldworkWave {
  waveId: string;
  versionId: string;
  questionnaireId: string;
  townships: { id: string; code: string; name: string }[];
  /** Case ids by township code, in draw order. */
  cases: Map<string, string[]>;
  /** The plain phone of each case id. */
  phones: Map<string, string>;
}

let waves = 0;

export async function insertFieldworkWave(db: Kysely<DB>, cipher: FieldCipher, o: FieldworkWaveOptions = {}): Promise<FieldworkWave> {
  const countyCode = o.countyCode ?? '370921';
  const county = await db.selectFrom('region').select(['id', 'path']).where('code', '=', countyCode).executeTakeFirstOrThrow();
  let townshipQuery = db
    .selectFrom('region')
    .select(['id', 'code', 'name'])
    .where('parent_id', '=', county.id)
    .where('level', '=', 'township')
    .where('closed_on', 'is', null)
    .orderBy('code');
  if (o.townshipCodes) townshipQuery = townshipQuery.where('code', 'in', o.townshipCodes);
  const townships = await townshipQuery.execute();
  const questionnaire = await db
    .insertInto('questionnaire')
    .values({ county_code: countyCode, name: '标准问卷（测试）', name_en: 'Standard (test)', standard: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto('questionnaire_version')
    .values({
      questionnaire_id: questionnaire.id,
      county_code: countyCode,
      version: 1,
      definition: JSON.stringify(o.definition ?? STANDARD_QUESTIONNAIRE),
      status: 'published',
      published_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const perTownship = o.casesPerTownship ?? 10;
  const status = o.status ?? 'fieldwork';
  const wave = await db
    .insertInto('survey_wave')
    .values({
      county_code: countyCode,
      county_id: county.id,
      name: `测试轮次 ${++waves}`,
      questionnaire_version_id: version.id,
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
      status,
      calling_hours: JSON.stringify(o.callingHours ?? [{ from: '00:00', to: '24:00' }]),
      max_attempts: o.maxAttempts ?? 5,
      phone_quota: JSON.stringify(o.phoneQuota ?? {}),
      target_completes: Math.max(1, Math.round((perTownship * townships.length) / 2)),
      replicate_count: 1,
      sample_seed: 'fixture',
      sampled_at: new Date(),
      opened_at: status === 'draft' ? null : new Date(),
      closed_at: status === 'closed' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('wave_replicate').values({ wave_id: wave.id, replicate: 1, size: perTownship * townships.length, released_at: new Date() }).execute();
  const block = o.phoneBlock ?? waves;
  const cases = new Map<string, string[]>();
  const phones = new Map<string, string>();
  let order = 0;
  for (const [t, township] of townships.entries()) {
    await db
      .insertInto('wave_stratum')
      .values({ wave_id: wave.id, township_id: township.id, county_code: countyCode, population: 40_000 + 1_000 * t, target_completes: Math.ceil(perTownship / 2), frame_size: perTownship, sample_size: perTownship })
      .execute();
    const ids: string[] = [];
    for (let i = 0; i < perTownship; i++) {
      const phone = `139${String(block % 100).padStart(2, '0')}${String(t).padStart(2, '0')}${String(i).padStart(4, '0')}`;
      const stored = { phone_kind: 'mobile' as const, phone_cipher: cipher.encrypt(phone), phone_hash: cipher.lookupHash('phone', phone), phone_masked: maskPhone(phone) };
      const entry = await db
        .insertInto('frame_entry')
        .values({ wave_id: wave.id, county_code: countyCode, township_id: township.id, source: 'registry', ...stored })
        .returning('id')
        .executeTakeFirstOrThrow();
      const sampled = await db
        .insertInto('sample_case')
        .values({ county_code: countyCode, wave_id: wave.id, township_id: township.id, frame_entry_id: entry.id, replicate: 1, released: true, draw_order: order++, ...stored })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(sampled.id);
      phones.set(sampled.id, phone);
    }
    cases.set(township.code, ids);
  }
  return { waveId: wave.id, versionId: version.id, questionnaireId: questionnaire.id, townships, cases, phones };
}
