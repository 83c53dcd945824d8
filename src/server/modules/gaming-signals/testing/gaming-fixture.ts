/**
 * Two closed waves written straight into the database for the gaming-signals tests: every
 * township answers from the same seeded model in both waves, except the coached one, most of whose
 * residents answer 满意 to every satisfaction question in the second wave.
 */
import type { Kysely } from 'kysely';
import { insertFieldworkWave, writeCaseOutcomes, type CaseOutcomeRecord } from '../../../../../test/support/survey-fixture.ts';
import type { DB } from '../../../db/schema.ts';
import type { FieldCipher } from '../../../security/field-cipher.ts';

/** A small seeded generator (mulberry32), so the fixture is the same on every run. */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export interface GamingWavesOptions {
  townshipCodes: string[];
  /** Complete interviews per township and wave. */
  perTownship: number;
  /** The township coached in the second wave, and the share of its residents who were. */
  coached?: { code: string; share: number };
  seed?: number;
}

const LEVELS = ['satisfied', 'basically', 'dissatisfied'] as const;

/**
 * @example
 * const { previous, current } = await insertGamingWaves(db, cipher, { townshipCodes: [A, B, C], perTownship: 40, coached: { code: A, share: 0.7 } });
 */
export async function insertGamingWaves(db: Kysely<DB>, cipher: FieldCipher, o: GamingWavesOptions): Promise<{ previous: string; current: string }> {
  const rnd = seededRandom(o.seed ?? 12);
  const interviewer = await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
  const wave = async (startsOn: string, endsOn: string, coached: GamingWavesOptions['coached']) => {
    const w = await insertFieldworkWave(db, cipher, { townshipCodes: o.townshipCodes, casesPerTownship: o.perTownship, status: 'closed', startsOn, endsOn });
    const records: CaseOutcomeRecord[] = [];
    o.townshipCodes.forEach((code, t) => {
      const level = 0.4 + (t % 4) * 0.15;
      for (const caseId of w.cases.get(code) ?? []) {
        const isCoached = coached?.code === code && rnd.next() < coached.share;
        const person = (rnd.next() - 0.5) * 1.2;
        const answers: Record<string, string | { text: string }> = { S1: 'yes', S2: 'a36_50', S3: code, Q11: rnd.next() < 0.4 ? 'yes' : 'no', Q13: 'no' };
        for (let k = 1; k <= 9; k++) {
          const z = level + person + (rnd.next() - 0.5) * 1.6;
          answers[`Q${k}`] = isCoached ? 'satisfied' : LEVELS[z > 0.9 ? 0 : z > -0.3 ? 1 : 2]!;
        }
        for (const p of 'abcd') answers[`Q10${p}`] = rnd.next() < 0.7 ? 'heard' : 'not_heard';
        records.push({ caseId, interviewerId: interviewer.id, attempts: [{ disposition: '1.1', seconds: 420 }], interview: { status: 'complete', answers, durationSeconds: 420 } });
      }
    });
    await writeCaseOutcomes(db, records);
    return w.waveId;
  };
  const previous = await wave('2026-04-01', '2026-06-25', undefined);
  const current = await wave('2026-07-01', '2026-09-25', o.coached);
  return { previous, current };
}
