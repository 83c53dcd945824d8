/**
 * Writes a survey wave straight into the database for tests of fieldwork and results: the
 * standard questionnaire published as version 1, a wave in fieldwork with a stratum per
 * township of the county, and released sample cases with encrypted phones. The survey module's
 * use cases are the production writers and have their own tests.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { STANDARD_QUESTIONNAIRE } from '../../src/server/modules/survey/index.ts';
import { seededRandom } from '../../src/server/stats/testing/seeded-random.ts';
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
  /**
   * The fieldwork period (Asia/Shanghai dates). The default reaches far ahead, since "next case"
   * hands out nothing after the end and route tests run on today's clock.
   */
  startsOn?: string;
  endsOn?: string;
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
      starts_on: o.startsOn ?? '2026-01-01',
      ends_on: o.endsOn ?? '2099-12-31',
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
        .values({ wave_id: wave.id, county_code: countyCode, township_id: township.id, source: 'registry', entry_no: order + 1, ...stored })
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

/** What happened to one case, written straight into the database (call attempts, outcome, interview). */
export interface CaseOutcomeRecord {
  caseId: string;
  interviewerId: string;
  /** The attempts in order; the last one's disposition decides the case: a final code closes it, a T-code leaves it open. */
  attempts: { disposition: string; seconds: number }[];
  /** Complete (1.1) or partial (1.2) interviews: question code → option id, or { text } for open questions. */
  interview?: { status: 'complete' | 'partial'; answers: Record<string, string | { text: string }>; townshipId?: string | null; durationSeconds?: number };
}

let attemptClock = Date.parse('2026-03-02T01:00:00Z');

/**
 * Writes case outcomes as fieldwork would leave them: call_attempt rows (claimed, dialled, ended,
 * each with its disposition), the case's attempts, last and final disposition, and for interviews
 * the interview row (township = the case's stratum unless given) with its answers. Returns the
 * interview id of each case that has one.
 */
export async function writeCaseOutcomes(db: Kysely<DB>, records: readonly CaseOutcomeRecord[]): Promise<Map<string, string>> {
  const interviewIds = new Map<string, string>();
  if (!records.length) return interviewIds;
  const cases = await db
    .selectFrom('sample_case')
    .select(['id', 'wave_id', 'county_code', 'township_id'])
    .where('id', 'in', records.map((r) => r.caseId))
    .execute();
  const caseById = new Map(cases.map((c) => [c.id, c]));
  for (let start = 0; start < records.length; start += 500) {
    const chunk = records.slice(start, start + 500);
    const attempts = chunk.flatMap((r) => {
      const c = caseById.get(r.caseId)!;
      return r.attempts.map((a, k) => {
        const assigned = new Date((attemptClock += 600_000));
        return {
          county_code: c.county_code,
          wave_id: c.wave_id,
          case_id: r.caseId,
          interviewer_id: r.interviewerId,
          attempt_no: k + 1,
          assigned_at: assigned,
          dialed_at: new Date(assigned.getTime() + 5_000),
          ended_at: new Date(assigned.getTime() + 5_000 + a.seconds * 1000),
          disposition: a.disposition,
        };
      });
    });
    if (attempts.length) await db.insertInto('call_attempt').values(attempts).execute();
    for (const r of chunk) {
      const last = r.attempts[r.attempts.length - 1]?.disposition ?? null;
      const isFinal = last !== null && !last.startsWith('T');
      await db
        .updateTable('sample_case')
        .set({ attempts: r.attempts.length, last_disposition: last, final_disposition: isFinal ? last : null, finalized_at: isFinal ? new Date(attemptClock) : null })
        .where('id', '=', r.caseId)
        .execute();
    }
    const withInterview = chunk.filter((r) => r.interview);
    if (!withInterview.length) continue;
    const inserted = await db
      .insertInto('interview')
      .values(
        withInterview.map((r) => {
          const c = caseById.get(r.caseId)!;
          const i = r.interview!;
          return {
            county_code: c.county_code,
            wave_id: c.wave_id,
            case_id: r.caseId,
            township_id: i.townshipId === undefined ? c.township_id : i.townshipId,
            interviewer_id: r.interviewerId,
            status: i.status,
            revision: Object.keys(i.answers).length,
            started_at: new Date(attemptClock - 600_000),
            completed_at: i.status === 'complete' ? new Date(attemptClock) : null,
            duration_seconds: i.durationSeconds ?? r.attempts.reduce((sum, a) => sum + a.seconds, 0),
          };
        }),
      )
      .returning(['id', 'case_id'])
      .execute();
    for (const row of inserted) interviewIds.set(row.case_id, row.id);
    const answers = withInterview.flatMap((r) => {
      const interviewId = interviewIds.get(r.caseId)!;
      return Object.entries(r.interview!.answers).map(([code, value]) => ({
        interview_id: interviewId,
        question_code: code,
        option_id: typeof value === 'string' ? value : null,
        text: typeof value === 'string' ? null : value.text,
      }));
    });
    for (let a = 0; a < answers.length; a += 2000) await db.insertInto('interview_answer').values(answers.slice(a, a + 2000)).execute();
  }
  return interviewIds;
}

export type CaseOutcome = 'complete' | 'partial' | 'refused' | 'no_answer' | 'non_working';

export interface InterviewOutcomesOptions {
  /** Interviewers the cases are spread over, in turn. */
  interviewerIds: string[];
  /** Outcomes of the first cases of every township, in draw order (completes first); the other cases stay untouched. */
  outcomes: Partial<Record<CaseOutcome, number>>;
  seed?: number;
  /** The chance that a satisfaction answer is satisfied (满意 or 基本满意), by township code; default seeded in 0.55–0.9. */
  satisfaction?: Record<string, number>;
  definition?: TQuestionnaireDefinition;
}

/**
 * Fills a wave from insertFieldworkWave with outcomes drawn from a seeded respondent model: a
 * township's residents are satisfied with probability p (60% of them 满意, 40% 基本满意), 8% say
 * "don't know", the rest are dissatisfied; policies are heard of with probability 0.7, a cadre's
 * visit remembered with 0.5. Interviews last 6–12 minutes.
 */
export async function insertInterviewOutcomes(db: Kysely<DB>, wave: FieldworkWave, o: InterviewOutcomesOptions): Promise<{ records: CaseOutcomeRecord[]; interviewIds: Map<string, string> }> {
  const random = seededRandom(o.seed ?? 1);
  const definition = o.definition ?? STANDARD_QUESTIONNAIRE;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;
  const records: CaseOutcomeRecord[] = [];
  let turn = 0;
  const plan: CaseOutcome[] = (['complete', 'partial', 'refused', 'no_answer', 'non_working'] as const).flatMap((k) => new Array<CaseOutcome>(o.outcomes[k] ?? 0).fill(k));
  for (const township of wave.townships) {
    const p = o.satisfaction?.[township.code] ?? random.real(0.55, 0.9);
    const ids = wave.cases.get(township.code) ?? [];
    plan.forEach((outcome, k) => {
      const caseId = ids[k];
      if (!caseId) return;
      const interviewerId = o.interviewerIds[turn++ % o.interviewerIds.length]!;
      const answers: Record<string, string | { text: string }> = {};
      for (const q of definition.questions) {
        if (q.kind === 'township') answers[q.code] = township.code;
        else if (q.kind === 'open') answers[q.code] = { text: '道路需要维修' };
        else if (q.role === 'screening') answers[q.code] = pick(q.options.filter((x) => !x.screensOut)).id;
        else if (q.role === 'overall' || q.role === 'domain') {
          const excluded = q.options.filter((x) => x.excludedFromBase);
          const satisfied = q.options.filter((x) => x.satisfied);
          const dissatisfied = q.options.filter((x) => x.dissatisfied);
          answers[q.code] =
            excluded.length && random.next() < 0.08
              ? excluded[0]!.id
              : random.next() < p
                ? (satisfied[random.next() < 0.6 || satisfied.length < 2 ? 0 : 1] ?? q.options[0]!).id
                : (dissatisfied[0] ?? q.options[q.options.length - 1]!).id;
        } else if (q.role === 'awareness' || q.role === 'visited') {
          const yes = q.options.find((x) => x.satisfied) ?? q.options[0]!;
          const no = q.options.find((x) => x.dissatisfied) ?? q.options[q.options.length - 1]!;
          const dk = q.options.find((x) => x.excludedFromBase);
          answers[q.code] = dk && random.next() < 0.05 ? dk.id : random.next() < (q.role === 'awareness' ? 0.7 : 0.5) ? yes.id : no.id;
        } else if (q.options.length) answers[q.code] = pick(q.options).id;
      }
      const talk = random.int(360, 720);
      if (outcome === 'complete') {
        records.push({ caseId, interviewerId, attempts: [{ disposition: 'T3.13', seconds: 30 }, { disposition: '1.1', seconds: talk }], interview: { status: 'complete', answers, durationSeconds: talk } });
      } else if (outcome === 'partial') {
        const cut = Object.fromEntries(Object.entries(answers).slice(0, 6));
        records.push({ caseId, interviewerId, attempts: [{ disposition: '1.2', seconds: 120 }], interview: { status: 'partial', answers: cut, durationSeconds: 120 } });
      } else if (outcome === 'refused') {
        records.push({ caseId, interviewerId, attempts: [{ disposition: 'T2.11', seconds: 20 }, { disposition: '2.11', seconds: 15 }] });
      } else if (outcome === 'no_answer') {
        records.push({ caseId, interviewerId, attempts: [{ disposition: 'T3.13', seconds: 40 }] });
      } else {
        records.push({ caseId, interviewerId, attempts: [{ disposition: '4.31', seconds: 10 }] });
      }
    });
  }
  const interviewIds = await writeCaseOutcomes(db, records);
  return { records, interviewIds };
}

/**
 * One case of a new wave in fieldwork with one township of the county `countyCode`: held by
 * `heldBy` (as if taken with "next case", for a day; and dialled, when asked, so an outcome may
 * be recorded) and with an appointment tomorrow when asked. For route tests of the fieldwork
 * module (access matrix, bad input).
 */
export async function insertFieldworkCase(
  db: Kysely<DB>,
  cipher: FieldCipher,
  o: { countyCode: string; heldBy?: string; appointment?: boolean; dialled?: boolean },
): Promise<{ waveId: string; caseId: string }> {
  const county = await db.selectFrom('region').select('id').where('code', '=', o.countyCode).executeTakeFirstOrThrow();
  const township = await db.selectFrom('region').select('code').where('parent_id', '=', county.id).where('level', '=', 'township').orderBy('code').executeTakeFirstOrThrow();
  const wave = await insertFieldworkWave(db, cipher, { countyCode: o.countyCode, townshipCodes: [township.code], casesPerTownship: 1 });
  const caseId = wave.cases.get(township.code)![0]!;
  const now = new Date();
  if (o.appointment) {
    await db.updateTable('sample_case').set({ attempts: 1, last_disposition: 'T2.21', appointment_at: new Date(now.getTime() + 86_400_000), next_call_at: new Date(now.getTime() + 86_400_000) }).where('id', '=', caseId).execute();
  }
  if (o.heldBy) {
    const user = await db.selectFrom('app_user').select('id').where('username', '=', o.heldBy).executeTakeFirstOrThrow();
    await db.updateTable('sample_case').set({ assigned_to: user.id, assigned_at: now, lease_expires_at: new Date(now.getTime() + 86_400_000) }).where('id', '=', caseId).execute();
    await db.insertInto('call_attempt').values({ county_code: o.countyCode, wave_id: wave.waveId, case_id: caseId, interviewer_id: user.id, attempt_no: 1, assigned_at: now, dialed_at: o.dialled ? now : null }).execute();
  }
  return { waveId: wave.waveId, caseId };
}

let designPhones = 0;

/** A questionnaire of a county with one version (draft or published) of the standard definition; a new questionnaire each time. */
export async function insertQuestionnaireVersion(db: Kysely<DB>, o: { countyCode: string; status: 'draft' | 'published' }): Promise<string> {
  const questionnaire = await db.insertInto('questionnaire').values({ county_code: o.countyCode, name: '问卷（测试）' }).returning('id').executeTakeFirstOrThrow();
  const version = await db
    .insertInto('questionnaire_version')
    .values({
      questionnaire_id: questionnaire.id,
      county_code: o.countyCode,
      version: 1,
      definition: JSON.stringify(STANDARD_QUESTIONNAIRE),
      status: o.status,
      published_at: o.status === 'published' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return version.id;
}

/**
 * A wave of a county at a stage of its set-up, for tests of the design routes: 'draft' (strata,
 * a frame of 20 numbers in its first township), 'sampled' (and a drawn sample in 2 replicates),
 * 'fieldwork' (replicate 1 released, replicate 2 not). The county also gets a resident with a
 * phone, so a frame from the registry is not empty. A new wave each time.
 */
export async function insertDesignWave(
  db: Kysely<DB>,
  cipher: FieldCipher,
  o: { countyCode: string; stage: 'draft' | 'sampled' | 'fieldwork' },
): Promise<{ waveId: string; townshipCode: string }> {
  const county = await db.selectFrom('region').select(['id']).where('code', '=', o.countyCode).executeTakeFirstOrThrow();
  const township = await db
    .selectFrom('region')
    .select(['id', 'code'])
    .where('parent_id', '=', county.id)
    .where('level', '=', 'township')
    .where('closed_on', 'is', null)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const village = await db.selectFrom('region').select('id').where('parent_id', '=', township.id).where('level', '=', 'village').orderBy('code').executeTakeFirstOrThrow();
  const block = ++designPhones;
  const phoneOf = (i: number) => `137${String(block % 10_000).padStart(4, '0')}${String(i).padStart(4, '0')}`;
  const household = await db.insertInto('household').values({ county_code: o.countyCode, village_id: village.id, household_no: `DW-${o.countyCode}-${block}` }).returning('id').executeTakeFirstOrThrow();
  const resident = await db
    .insertInto('resident')
    .values({
      county_code: o.countyCode,
      household_id: household.id,
      name: '孙测试',
      name_pinyin: 'sunceshi',
      name_initials: 'scs',
      gender: 'M',
      birth_date: '1970-01-01',
      relationship: '户主',
      id_number_cipher: cipher.encrypt(`DW${block}`),
      id_number_hash: cipher.lookupHash('id', `DW-${o.countyCode}-${block}`),
      id_number_masked: '3709**********0000',
      id_number_tail: '0000',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const phone = phoneOf(9999);
  await db
    .insertInto('resident_phone')
    .values({ county_code: o.countyCode, resident_id: resident.id, kind: 'mobile', phone_cipher: cipher.encrypt(phone), phone_hash: cipher.lookupHash('phone', phone), phone_masked: maskPhone(phone), phone_tail: phone.slice(-4) })
    .execute();

  const versionId = await insertQuestionnaireVersion(db, { countyCode: o.countyCode, status: 'published' });
  const sampled = o.stage !== 'draft';
  const wave = await db
    .insertInto('survey_wave')
    .values({
      county_code: o.countyCode,
      county_id: county.id,
      name: `设计测试 ${block}`,
      questionnaire_version_id: versionId,
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
      status: o.stage === 'fieldwork' ? 'fieldwork' : 'draft',
      calling_hours: JSON.stringify([{ from: '09:00', to: '20:00' }]),
      max_attempts: 5,
      target_completes: 4,
      numbers_per_complete: 2,
      replicate_count: 2,
      sample_seed: sampled ? '00112233445566778899aabbccddeeff' : null,
      sampled_at: sampled ? new Date() : null,
      opened_at: o.stage === 'fieldwork' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('wave_stratum').values({ wave_id: wave.id, township_id: township.id, county_code: o.countyCode, population: 1000, frame_size: 20, target_completes: sampled ? 4 : 0, sample_size: sampled ? 8 : 0 }).execute();
  const entries = [];
  for (let i = 0; i < 20; i++) {
    const p = phoneOf(i);
    entries.push({ wave_id: wave.id, county_code: o.countyCode, township_id: township.id, source: 'upload' as const, entry_no: i + 2, phone_kind: 'mobile' as const, phone_cipher: cipher.encrypt(p), phone_hash: cipher.lookupHash('phone', p), phone_masked: maskPhone(p) });
  }
  const inserted = await db.insertInto('frame_entry').values(entries).returningAll().execute();
  if (sampled) {
    await db
      .insertInto('wave_replicate')
      .values([
        { wave_id: wave.id, replicate: 1, size: 4, released_at: o.stage === 'fieldwork' ? new Date() : null },
        { wave_id: wave.id, replicate: 2, size: 4 },
      ])
      .execute();
    await db
      .insertInto('sample_case')
      .values(
        inserted.slice(0, 8).map((e, i) => ({
          county_code: o.countyCode,
          wave_id: wave.id,
          township_id: township.id,
          frame_entry_id: e.id,
          replicate: (i % 2) + 1,
          released: o.stage === 'fieldwork' && i % 2 === 0,
          draw_order: i,
          phone_kind: e.phone_kind,
          phone_cipher: e.phone_cipher,
          phone_hash: e.phone_hash,
          phone_masked: e.phone_masked,
        })),
      )
      .execute();
  }
  return { waveId: wave.id, townshipCode: township.code };
}
