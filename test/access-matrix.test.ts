/**
 * The access matrix: every API route × every role × (own subtree, another subtree, a target
 * that does not exist), read and write. One row per route in `app.apiRoutes`; the test fails
 * when a route has no row or a row has no route, so a new route cannot ship without saying
 * who may call it.
 *
 * Expectations, per row and caller:
 * - anonymous: 401 `unauthenticated` on every non-public route, whatever the target;
 * - a role the route does not admit: 403 `forbidden` (the county leader on a write route:
 *   403 `read_only_role`), whatever the target, so the answer says nothing about the target;
 * - an admitted role: 2xx on its own subtree; 404 `not_found` outside it, exactly as for a
 *   target that does not exist (a record named in the body, such as the cadre to pair, may be
 *   refused as invalid instead: 422, again the same whether it exists elsewhere or not);
 * - a write without the session's X-CSRF-Token: 403 `csrf_failed`, and nothing changed.
 *
 * "Another subtree" is a sibling of the caller's region: the other township for a township
 * admin, a neighbouring village for a cadre, and for county-level accounts a second county
 * (370922) created here, with its own admin (`outsider`) looking back at Ningyang.
 */
import crypto from 'node:crypto';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/server/db/schema.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { hashPassword } from '../src/server/modules/auth/index.ts';
import { DEMO_PASSWORD } from '../src/server/modules/demo/index.ts';
import { insertRegion } from '../src/server/modules/regions/index.ts';
import { createUser } from '../src/server/modules/users/index.ts';
import { CASE_CONFIG_ROLES, CASE_RATES_ROLES, CASE_DISPATCH_ROLES, CASE_READ_ROLES, CASE_REGISTER_ROLES, CASE_UNIT_ROLES, GAMING_READ_ROLES, GAMING_REVIEW_ROLES, REVEAL_PHONE_ROLES, ROLES, VISIT_FLAG_READ_ROLES, VISIT_FLAG_REVIEW_ROLES, VISIT_RECORD_ROLES, VISIT_REPORT_ROLES, VISIT_RESOLVE_ROLES, type TRole, DASHBOARD_ROLES, RECTIFICATION_MANAGE_ROLES, RECTIFICATION_OWNER_ROLES, RECTIFICATION_READ_ROLES, ASSESSMENT_READ_ROLES, PUBLICITY_READ_ROLES, PUBLICITY_WRITE_ROLES, ASSESSMENT_MANAGE_ROLES } from '../src/shared/roles.ts';
import { writeStoredFile } from '../src/server/modules/visit-files/index.ts';
import { assignCase, registerCase, seedCaseCategories, type CaseUnit } from '../src/server/modules/cases/index.ts';
import { knownChallenge } from '../src/server/modules/resident-page/testing/challenge-fixture.ts';
import { insertCampaign } from '../src/server/modules/visits/testing/campaign-fixture.ts';
import { insertCampaign as insertReportCampaign, insertTargets, insertVisits } from '../src/server/modules/visit-reports/testing/visit-fixture.ts';
import { CHILD_LEVEL } from '../src/shared/schemas/regions.ts';
import { DIALECTS } from './support/dialects.ts';
import { FIXTURE_SCHEME, insertAssessment } from '../src/server/modules/assessment/testing/assessment-fixture.ts';
import { idNumber, insertHousehold } from './support/registry-fixture.ts';
import { insertDesignWave, insertFieldworkCase, insertFieldworkWave, insertQuestionnaireVersion, writeCaseOutcomes } from './support/survey-fixture.ts';
import { STANDARD_QUESTIONNAIRE } from '../src/server/modules/survey/index.ts';
// Issue 12, the bulletin.
import { handMadeResult, insertAssessment as insertBulletinAssessment } from '../src/server/modules/bulletin/testing/bulletin-fixture.ts';
import { startTestApp, testCipher, type TestApp } from './support/test-app.ts';

const COUNTY = '370921';
const GANGCHENG = '370921104';
const JIANGJI = '370921105';
const OTHER_COUNTY = '370922';
const FIXTURE_PASSWORD = 'Passw0rd2026';

interface Who {
  username: string;
  role: TRole;
  /** The region the account is bound to: its subtree is "own". */
  home: string;
  /** A region of the same level outside that subtree. */
  other: string;
  /** A code of the same level that does not exist. */
  missing: string;
}

const county = (username: string, role: TRole): Who => ({ username, role, home: COUNTY, other: OTHER_COUNTY, missing: '370998' });

const CALLERS: Who[] = [
  county('admin', 'county_admin'),
  county('leader', 'county_leader'),
  { username: 'gangcheng', role: 'township_admin', home: GANGCHENG, other: JIANGJI, missing: '370921998' },
  { username: 'jiangji', role: 'township_admin', home: JIANGJI, other: GANGCHENG, missing: '370921998' },
  { username: 'cadre', role: 'village_cadre', home: `${GANGCHENG}201`, other: `${GANGCHENG}202`, missing: `${GANGCHENG}998` },
  county('minzheng', 'department_handler'),
  county('supervisor', 'survey_supervisor'),
  county('interviewer1', 'interviewer'),
  // The admin of the second county: Ningyang is their "other subtree".
  { username: 'outsider', role: 'county_admin', home: OTHER_COUNTY, other: COUNTY, missing: '370998' },
];

const MISSING_ID = '999999999999';
/** A small photo for the upload route (every role may upload the same one: stored once). */
const FIXTURE_JPEG = sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } }).jpeg().toBuffer();

/** Fresh regions and accounts, so that no case depends on what another case did. */
class Fixtures {
  private next = new Map<string, number>();
  private passwordHash: Promise<string> | null = null;
  private names = 0;
  private households = 0;

  /** The database, for a row's own body builder. */
  db_(): Kysely<DB> {
    return this.db;
  }

  constructor(
    private readonly db: Kysely<DB>,
    /** The app's FILES_DIR, where visit files' bytes go. */
    private readonly filesDir: string,
  ) {}

  /** A visit image named by a visit of a new household of `base` (its bytes on disk, its row, the visit and its photo row): its hash. */
  async visitFile(base: string): Promise<string> {
    const household = await this.household(base);
    const h = await this.db.selectFrom('household').select(['county_code', 'village_id']).where('id', '=', household.id).executeTakeFirstOrThrow();
    const bytes = crypto.randomBytes(256);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    await writeStoredFile(this.filesDir, { sha256, bytes });
    await this.db.insertInto('stored_file').values({ sha256, county_code: h.county_code, kind: 'photo', media_type: 'image/jpeg', bytes: bytes.length, width: null, height: null, captured_at: null, perceptual_hash: null, uploaded_by: null }).execute();
    const recorder = await this.db.selectFrom('app_user').select('id').orderBy('id').executeTakeFirstOrThrow();
    const visit = await this.db
      .insertInto('visit')
      .values({ client_id: crypto.randomUUID(), county_code: h.county_code, household_id: household.id, village_id: h.village_id, recorded_by: recorder.id, kind: 'home', visited_at: new Date(), body: '{}', body_sha256: 'fixture' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db.insertInto('visit_photo').values({ visit_id: visit.id, sha256, household_id: household.id }).execute();
    return sha256;
  }

  /** A human check of the resident page whose answer is known. */
  challenge() {
    return knownChallenge(this.db);
  }

  /** A case filed through the public intake (the resident page): its tracking code. */
  async trackingCode(): Promise<string> {
    const ctx = { db: this.db, actor: null, source: cliAuditSource('test'), cipher: testCipher };
    const filed = await registerCase(ctx, { channel: 'resident_page', countyCode: COUNTY, intake: { categoryCode: 'env-road-light', regionCode: `${GANGCHENG}201`, title: '路灯不亮', description: '村口路灯不亮' } });
    return filed.trackingCode;
  }

  /** A child code of `parent` that nothing uses (and nothing will, unless `region` creates it). */
  unusedChild(parent: string): string {
    const n = this.next.get(parent) ?? 300;
    if (n > 899) throw new Error(`fixture codes under ${parent} exhausted`);
    this.next.set(parent, n + 1);
    return `${parent}${n}`;
  }

  /** A new open region directly under `parent`. */
  async region(parent: string): Promise<string> {
    const p = await this.db.selectFrom('region').selectAll().where('code', '=', parent).executeTakeFirstOrThrow();
    const level = CHILD_LEVEL[p.level];
    if (!level) throw new Error(`no level below ${p.level}`);
    const code = this.unusedChild(parent);
    await insertRegion(this.db, { parent: p, code, name: `测试${code}`, level, openedOn: '2020-01-01' });
    return code;
  }

  /**
   * A region that may be moved inside `base`'s subtree, and a new parent of the right level for
   * it: a grandchild of `base` moved to another child of `base` (a child moved to `base` itself
   * when `base` is a village, for callers who are refused anyway).
   */
  async movable(base: string): Promise<{ code: string; newParentCode: string }> {
    const level = (await this.db.selectFrom('region').select('level').where('code', '=', base).executeTakeFirstOrThrow()).level;
    if (level === 'village') return { code: await this.region(base), newParentCode: base };
    const from = await this.region(base);
    return { code: await this.region(from), newParentCode: await this.region(base) };
  }

  /** A name nothing else uses: for accounts, categories… */
  name(prefix = 'fx_user'): string {
    return `${prefix}_${++this.names}`;
  }

  /** A village in `base`'s subtree (`base` itself when it is one). */
  async village(base: string): Promise<string> {
    const b = await this.db.selectFrom('region').select(['code', 'path', 'level']).where('code', '=', base).executeTakeFirstOrThrow();
    if (b.level === 'village') return b.code;
    const v = await this.db.selectFrom('region').select('code').where('path', 'like', `${b.path}%`).where('level', '=', 'village').where('closed_on', 'is', null).orderBy('code').executeTakeFirstOrThrow();
    return v.code;
  }

  /** A new village in `base`'s subtree (`base` itself when it is one), for writes that touch a whole village. */
  async freshVillage(base: string): Promise<string> {
    const level = (await this.db.selectFrom('region').select('level').where('code', '=', base).executeTakeFirstOrThrow()).level;
    if (level === 'village') return base;
    return this.region(level === 'township' ? base : await this.region(base));
  }

  /** A new household of one member with a phone in a village of `base`, with a hardship label in force when asked. */
  async household(base: string, o: { hardship?: boolean } = {}) {
    const n = ++this.households;
    const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const { householdId, residentIds } = await insertHousehold(this.db, testCipher, {
      villageCode: await this.village(base),
      householdNo: `FX-${n}`,
      members: [{ name: '王测试', idNumber: idNumber(birth, 101), relationship: '户主', phones: [`1380000${String(n).padStart(4, '0')}`] }],
      hardship: o.hardship ? ['dibao'] : [],
    });
    const residentId = residentIds[0]!;
    const phone = await this.db.selectFrom('resident_phone').select('id').where('resident_id', '=', residentId).executeTakeFirstOrThrow();
    const label = await this.db.selectFrom('household_hardship').select('id').where('household_id', '=', householdId).executeTakeFirst();
    return { id: householdId, residentId, phoneId: phone.id, labelId: label?.id ?? null };
  }

  /** A finished import job run by an admin of `base`, with one issue. */
  async importJob(base: string): Promise<string> {
    const region = await this.db.selectFrom('region').select(['id', 'county_code']).where('code', '=', base).executeTakeFirstOrThrow();
    const id = crypto.randomUUID();
    await this.db
      .insertInto('import_job')
      .values({ id, county_code: region.county_code, region_id: region.id, user_id: null, kind: 'households', file_name: '台账.csv', mode: 'partial', status: 'succeeded', total_rows: 1, processed_rows: 1, rejected_rows: 1 })
      .execute();
    await this.db.insertInto('import_issue').values({ job_id: id, row_no: 3, column_name: '身份证号', value: '3709**********1234', problem: 'id_number_invalid' }).execute();
    return id;
  }

  /**
   * A preview of changes (awaiting confirmation) uploaded by `username` into `base`. Made here, not
   * uploaded through this process, so the server holds no upload for it: confirming it answers 409
   * import_preview_expired, which is as far as the access rule is concerned a success.
   */
  async previewJob(base: string, username: string): Promise<string> {
    const id = await this.importJob(base);
    const user = await this.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    await this.db.updateTable('import_job').set({ status: 'awaiting_confirmation', user_id: user.id, changes_digest: 'd', file_sha256: 'f', change_count: 1 }).where('id', '=', id).execute();
    return id;
  }

  /** An open cross-scope conflict of an import into `base` (a job there, and a household of `base` as the record hit). */
  async crossScopeConflict(base: string): Promise<string> {
    const jobId = await this.importJob(base);
    const household = await this.household(base);
    const region = await this.db.selectFrom('region').select(['id', 'county_code']).where('code', '=', base).executeTakeFirstOrThrow();
    const village = await this.db.selectFrom('household').select('village_id').where('id', '=', household.id).executeTakeFirstOrThrow();
    const row = await this.db
      .insertInto('import_cross_scope_conflict')
      .values({ county_code: region.county_code!, import_region_id: region.id, village_id: village.village_id, job_id: jobId, row_no: 2, kind: 'household_no', household_no: 'FX-X', id_masked: null, existing_household_id: household.id, existing_resident_id: null, existing_village_id: village.village_id })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A registry file of one resident in a village of `base`, as CSV. */
  async registryCsv(base: string): Promise<string> {
    const n = ++this.households;
    const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return `村代码,户编号,姓名,与户主关系,身份证号\r\n${await this.village(base)},FXI-${n},赵测试,户主,${idNumber(birth, 103)}\r\n`;
  }

  /** A hardship household of `base` with a responsible cadre (a new account of `base`) since 2025-01-01. */
  async pairing(base: string): Promise<string> {
    const household = await this.household(base, { hardship: true });
    const cadreId = await this.user(base);
    const row = await this.db
      .insertInto('pairing')
      .values({ county_code: (await this.db.selectFrom('household').select('county_code').where('id', '=', household.id).executeTakeFirstOrThrow()).county_code, household_id: household.id, cadre_id: cadreId, role: 'responsible', started_on: '2025-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * A new campaign organised at `base`'s region, covering the first village of its subtree, where
   * a new hardship household lives; an open or closed one has that household as its target.
   */
  async campaign(base: string, status: 'draft' | 'open' | 'closed' = 'draft', kind: 'all_households' | 'custom' = 'all_households'): Promise<{ id: string; villageCode: string; householdId: string; householdNo: string }> {
    const organiser = await this.db.selectFrom('region').select(['id', 'county_code', 'code']).where('code', '=', base).executeTakeFirstOrThrow();
    const household = await this.household(base, { hardship: true });
    const villageCode = await this.village(base);
    const village = await this.db.selectFrom('region').select('id').where('code', '=', villageCode).executeTakeFirstOrThrow();
    const countyCode = organiser.county_code ?? organiser.code.slice(0, 6);
    const row = await this.db
      .insertInto('visit_campaign')
      .values({
        county_code: countyCode,
        region_id: organiser.id,
        kind,
        name: '测试走访',
        status,
        starts_on: '2026-11-01',
        ends_on: '2026-12-31',
        deadline: '2026-12-31',
        definition: JSON.stringify({ ...CAMPAIGN_DEFINITION, kind }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db.insertInto('visit_campaign_region').values({ campaign_id: row.id, region_id: village.id }).execute();
    if (status !== 'draft') {
      await this.db.insertInto('visit_target').values({ campaign_id: row.id, household_id: household.id, county_code: countyCode, village_id: village.id, hardship: true, category_codes: ['dibao'] }).execute();
    }
    const { household_no: householdNo } = await this.db.selectFrom('household').select('household_no').where('id', '=', household.id).executeTakeFirstOrThrow();
    return { id: row.id, villageCode, householdId: household.id, householdNo };
  }

  private reportCampaigns = new Map<string, Promise<{ campaignId: string; flagKey: string }>>();

  /**
   * An open hardship campaign organised at `base` (one per region, reused) with one target
   * household visited at 23:30 Shanghai time: a night-visit flag to review.
   */
  reportCampaign(base: string): Promise<{ campaignId: string; flagKey: string }> {
    let campaign = this.reportCampaigns.get(base);
    if (!campaign) {
      campaign = (async () => {
        const campaignId = await insertReportCampaign(this.db, {
          regionCode: base,
          definition: { kind: 'hardship', name: '访问矩阵走访', period: { startsOn: '2026-11-15', endsOn: '2026-12-31' }, done: { deadline: '2026-12-31' } },
        });
        const household = await this.household(base, { hardship: true });
        await insertTargets(this.db, campaignId, [{ householdId: household.id, hardship: true, categoryCodes: ['dibao'] }]);
        const cadreId = await this.user(base);
        await insertVisits(this.db, [{ campaignId, householdId: household.id, recordedBy: cadreId, visitedAt: '2026-12-01T15:30:00Z' }]);
        return { campaignId, flagKey: `night:${cadreId}:2026-12-01` };
      })();
      this.reportCampaigns.set(base, campaign);
    }
    return campaign;
  }

  private assessments = new Map<string, Promise<string>>();

  /** A published assessment of a county with a hand-made result over its townships (one per county, reused): its id. */
  publishedAssessment(countyCode: string): Promise<string> {
    let assessment = this.assessments.get(countyCode);
    if (!assessment) {
      assessment = (async () => {
        const county = await this.db.selectFrom('region').select('id').where('code', '=', countyCode).executeTakeFirstOrThrow();
        const townships = await this.db.selectFrom('region').select(['id', 'code', 'name']).where('parent_id', '=', county.id).where('level', '=', 'township').orderBy('code').execute();
        const { assessmentId } = await insertBulletinAssessment(this.db, { countyCode, status: 'published', result: (id) => handMadeResult({ assessmentId: id, townships, countyCode }) });
        return assessmentId;
      })();
      this.assessments.set(countyCode, assessment);
    }
    return assessment;
  }

  /** A new sign of gaming on the county's results wave (written straight in: the detectors have their own tests). */
  async gamingFlag(countyCode: string): Promise<string> {
    const { waveId } = await this.resultsWave(countyCode);
    const township = await this.db.selectFrom('region').select('id').where('county_code', '=', countyCode).where('level', '=', 'township').orderBy('code').executeTakeFirstOrThrow();
    const signal = (['uniform_answers', 'satisfaction_jump', 'cases_disagree', 'visits_disagree'] as const)[this.gamingFlags++ % 4]!;
    await this.db.deleteFrom('gaming_flag').where('wave_id', '=', waveId).where('signal', '=', signal).execute();
    const evidence = { summary: { 'zh-CN': '作答异常一致', en: 'Unusually uniform answers' }, measures: [] };
    const row = await this.db.insertInto('gaming_flag').values({ county_code: countyCode, wave_id: waveId, township_id: township.id, signal, severity: 'watch', evidence: JSON.stringify(evidence) }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  private gamingFlags = 0;

  private resultsWaves = new Map<string, Promise<{ waveId: string; interviewId: string }>>();

  /** A closed survey wave of a county (one per county, reused) with one complete interview drawn for a re-check. */
  resultsWave(countyCode: string): Promise<{ waveId: string; interviewId: string }> {
    let wave = this.resultsWaves.get(countyCode);
    if (!wave) {
      wave = (async () => {
        const w = await insertFieldworkWave(this.db, testCipher, { countyCode, casesPerTownship: 1, status: 'closed' });
        const interviewer = await this.db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
        const caseId = w.cases.get(w.townships[0]!.code)![0]!;
        const ids = await writeCaseOutcomes(this.db, [{ caseId, interviewerId: interviewer.id, attempts: [{ disposition: '1.1', seconds: 300 }], interview: { status: 'complete', answers: { Q1: 'satisfied' } } }]);
        const interviewId = ids.get(caseId)!;
        await this.db.updateTable('interview').set({ recheck: true }).where('id', '=', interviewId).execute();
        return { waveId: w.waveId, interviewId };
      })();
      this.resultsWaves.set(countyCode, wave);
    }
    return wave;
  }

  /** A case of a new fieldwork wave of a county, held by `heldBy` and/or with an appointment (a new wave each time). */
  fieldworkCase(countyCode: string, o: { heldBy?: string; appointment?: boolean; dialled?: boolean } = {}): Promise<{ waveId: string; caseId: string }> {
    return insertFieldworkCase(this.db, testCipher, { countyCode, ...o });
  }

  /** A new wave of a county at a stage of its set-up (draft with a frame, sampled, or in fieldwork with a replicate to release). */
  designWave(countyCode: string, stage: 'draft' | 'sampled' | 'fieldwork'): Promise<{ waveId: string; townshipCode: string }> {
    return insertDesignWave(this.db, testCipher, { countyCode, stage });
  }

  /** A new questionnaire of a county with one version, draft or published. */
  questionnaireVersion(countyCode: string, status: 'draft' | 'published'): Promise<string> {
    return insertQuestionnaireVersion(this.db, { countyCode, status });
  }

  /**
   * A visit in a hardship household of `base`, for a campaign organised at `base` itself (so a
   * sibling region does not see it): with one aid delivery, a problem, a pending proposal and a
   * resend kept for review. Written straight into the tables.
   */
  async visitRecord(base: string) {
    const household = await this.household(base, { hardship: true });
    const h = await this.db
      .selectFrom('household as h')
      .innerJoin('region as v', 'v.id', 'h.village_id')
      .select(['h.county_code', 'h.village_id', 'v.parent_id'])
      .where('h.id', '=', household.id)
      .executeTakeFirstOrThrow();
    const campaignId = await insertCampaign(this.db, { regionCode: base, startsOn: '2026-11-15', endsOn: '2026-12-31', targets: [{ householdId: household.id, categoryCodes: ['dibao'] }] });
    const cadreId = await this.user(await this.village(base));
    const body = { clientId: crypto.randomUUID(), campaignId, householdId: household.id, visitedAt: '2026-11-20T02:00:00.000Z', kind: 'home' };
    const visit = await this.db
      .insertInto('visit')
      .values({ client_id: body.clientId, county_code: h.county_code, campaign_id: campaignId, household_id: household.id, village_id: h.village_id, recorded_by: cadreId, kind: 'home', visited_at: body.visitedAt, body: JSON.stringify(body), body_sha256: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const base_ = { county_code: h.county_code, visit_id: visit.id, household_id: household.id };
    const delivery = await this.db
      .insertInto('aid_delivery')
      .values({ ...base_, campaign_id: campaignId, township_id: h.parent_id!, item_code: 'dibao_cash', amount_fen: '30000', goods: '[]', acknowledgement: JSON.stringify({ kind: 'cannot_sign', witnessName: '见证人' }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db.insertInto('visit_problem').values({ ...base_, village_id: h.village_id, ordinal: 1, text: '测试问题', domain: 'medical' }).execute();
    const proposal = await this.db
      .insertInto('hardship_proposal')
      .values({ ...base_, village_id: h.village_id, action: 'add', category_code: 'other', reason: '测试' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const resend = await this.db
      .insertInto('visit_resend_conflict')
      .values({ county_code: h.county_code, visit_id: visit.id, received_by: cadreId, body: JSON.stringify({ ...body, kind: 'phone' }), body_sha256: 'y', diff_paths: ['kind'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { campaignId, householdId: household.id, visitId: visit.id, deliveryId: delivery.id, proposalId: proposal.id, resendId: resend.id };
  }

  private casePhones = 0;

  /**
   * A new case for `who` to act on (cases, issue 11), at a stage of its life: registered (no unit),
   * dispatched to the caller's own unit (a village cadre's village, a township admin's township,
   * a department handler's department; the village for everyone else), accepted, resolved or
   * called back. `away` makes one the caller must not see: in the other subtree, or for a
   * department's handler a case its department never had.
   */
  async case(who: Who, state: 'registered' | 'dispatched' | 'accepted' | 'resolved' | 'called_back', o: { away?: boolean } = {}): Promise<string> {
    const department = who.role === 'department_handler';
    const home = o.away && !department ? who.other : who.home;
    const countyCode = home.slice(0, 6);
    await this.caseCategories(countyCode);
    const villageCode = await this.village(home);
    const ctx = { db: this.db, actor: null, cipher: testCipher, source: cliAuditSource('test') };
    const phone = `1370000${String(++this.casePhones).padStart(4, '0')}`;
    const c = await registerCase(ctx, { countyCode, channel: 'window', autoDispatch: false, intake: { categoryCode: 'sec-dispute', regionCode: villageCode, title: '矩阵测试诉求', description: '访问矩阵用的诉求', contactPhone: phone } });
    if (state === 'registered') return c.id;
    const row = await this.db.selectFrom('resident_case').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    const category = await this.db.selectFrom('case_category').selectAll().where('id', '=', row.category_id).executeTakeFirstOrThrow();
    const village = await this.db.selectFrom('region').select(['id', 'path', 'parent_id']).where('code', '=', villageCode).executeTakeFirstOrThrow();
    const user = await this.db.selectFrom('app_user').select(['department_id']).where('username', '=', who.username).executeTakeFirstOrThrow();
    const township = await this.db.selectFrom('region').select(['id', 'path']).where('id', '=', village.parent_id!).executeTakeFirstOrThrow();
    const unit: CaseUnit =
      department && !o.away
        ? { level: 'department', departmentId: user.department_id! }
        : who.role === 'township_admin'
          ? { level: 'township', regionId: township.id, regionPath: township.path }
          : { level: 'village', regionId: village.id, regionPath: village.path };
    const a = await assignCase(this.db, { caseRow: { id: row.id, county_code: row.county_code, urgent: false, status: 'registered' }, category, unit, dispatchedBy: null, eventKind: 'dispatch', now: new Date() });
    if (state === 'dispatched') return c.id;
    await this.db.updateTable('case_assignment').set({ accepted_at: new Date() }).where('id', '=', a.id).execute();
    await this.db.updateTable('resident_case').set({ status: 'accepted' }).where('id', '=', c.id).execute();
    if (state === 'accepted') return c.id;
    await this.db.updateTable('case_assignment').set({ resolved_at: new Date(), ended_at: new Date(), end_reason: 'resolved' }).where('id', '=', a.id).execute();
    await this.db.updateTable('resident_case').set({ status: state, resolved_at: new Date(), resolution: '已办结' }).where('id', '=', c.id).execute();
    return c.id;
  }

  /** The default case categories in the county of `base` (the demo seeds only Ningyang's). */
  async caseCategories(base: string): Promise<void> {
    await seedCaseCategories(this.db, { countyCode: base.slice(0, 6) });
  }

  /** A stored photo named by a case: its hash. */
  async caseFile(caseId: string): Promise<string> {
    const row = await this.db.selectFrom('resident_case').select('county_code').where('id', '=', caseId).executeTakeFirstOrThrow();
    const bytes = crypto.randomBytes(256);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    await writeStoredFile(this.filesDir, { sha256, bytes });
    await this.db.insertInto('stored_file').values({ sha256, county_code: row.county_code, kind: 'photo', media_type: 'image/jpeg', bytes: bytes.length, width: null, height: null, captured_at: null, perceptual_hash: null, uploaded_by: null }).execute();
    await this.db.insertInto('case_file').values({ case_id: caseId, sha256, county_code: row.county_code }).execute();
    return sha256;
  }

  /** Issue 11 case intake: an open visit problem of a new visit in `base`, its county given the default case categories. */
  async visitProblem(base: string): Promise<string> {
    const { visitId } = await this.visitRecord(base);
    const p = await this.db.selectFrom('visit_problem').select(['id', 'county_code']).where('visit_id', '=', visitId).executeTakeFirstOrThrow();
    await seedCaseCategories(this.db, { countyCode: p.county_code });
    return p.id;
  }

  /** Issue 11: a stored 12345 batch of a county (an empty report). */
  async caseBatch(countyCode: string): Promise<string> {
    const row = await this.db
      .insertInto('case_batch')
      .values({ county_code: countyCode, source: 'hotline_12345', file_name: 'fixture.csv', digest: crypto.randomBytes(32).toString('hex'), report: '[]', created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A new Open311 client system of `countyCode` (its key is never used here). */
  async open311Client(countyCode: string): Promise<string> {
    const row = await this.db
      .insertInto('open311_client')
      .values({ county_code: countyCode, name: this.name(), key_hash: crypto.randomBytes(32).toString('hex'), key_prefix: 'o311_fixture' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A new village cadre account bound to `regionCode` (which every admin above may manage). */
  async user(regionCode: string): Promise<string> {
    this.passwordHash ??= hashPassword(FIXTURE_PASSWORD);
    const region = await this.db.selectFrom('region').select(['id', 'county_code']).where('code', '=', regionCode).executeTakeFirstOrThrow();
    const row = await this.db
      .insertInto('app_user')
      .values({
        username: this.name(),
        display_name: '测试账号',
        password_hash: await this.passwordHash,
        roles: ['village_cadre'],
        region_id: region.id,
        county_code: region.county_code,
        locale: 'zh-CN',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A case category of `county` (made, with a department, when the county has none yet). */
  async caseCategory(county: string): Promise<string> {
    // The default tree first: seeding skips a county that already has a category, and the cases' rows need it.
    await this.caseCategories(county);
    const code = this.name('fx-cat').replace(/_/g, '-');
    const row = await this.db.insertInto('case_category').values({ county_code: county, code, name: `测试分类${code}`, name_en: `Test ${code}` }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** The department `code` of `county`, made when missing. */
  private async department(county: string, code = 'mzj'): Promise<string> {
    const found = await this.db.selectFrom('department').select('id').where('county_code', '=', county).where('code', '=', code).executeTakeFirst();
    if (found) return found.id;
    return (await this.db.insertInto('department').values({ county_code: county, code, name: `测试部门${code}`, name_en: null }).returning('id').executeTakeFirstOrThrow()).id;
  }

  /**
   * A reminder (督办) of an overdue case for the unit at `base`: the village or township itself, or
   * for a county its department mzj (supervised by the county, like the sweep writes them).
   */
  async caseReminder(base: string): Promise<string> {
    const region = await this.db.selectFrom('region').select(['id', 'path', 'level', 'parent_id', 'county_code']).where('code', '=', base).executeTakeFirstOrThrow();
    const county = region.county_code!;
    const countyRegion = await this.db.selectFrom('region').select('id').where('code', '=', county).executeTakeFirstOrThrow();
    const categoryId = await this.caseCategory(county);
    const n = this.name('fx_case');
    const c = await this.db
      .insertInto('resident_case')
      .values({ county_code: county, case_no: `FX-${n}`, tracking_code: `T-${n}`, channel: 'window', category_id: categoryId, region_id: region.id, region_path: region.path, title: '测试督办', description: '测试督办', status: 'dispatched' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const department = region.level === 'county' ? await this.department(county) : null;
    const due = new Date(Date.now() - 86_400_000);
    const a = await this.db
      .insertInto('case_assignment')
      .values({
        county_code: county,
        case_id: c.id,
        unit_region_id: department ? null : region.id,
        unit_department_id: department,
        unit_path: department ? null : region.path,
        level: department ? 'department' : region.level === 'village' ? 'village' : 'township',
        dispatched_at: new Date(Date.now() - 2 * 86_400_000),
        response_due_at: due,
        resolve_due_at: due,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await this.db
      .insertInto('case_reminder')
      .values({ county_code: county, case_id: c.id, assignment_id: a.id, deadline: 'response', unit_region_id: department ? null : region.id, unit_department_id: department, supervisor_region_id: region.level === 'village' ? region.parent_id : countyRegion.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }
  private rectificationTasks = 0;

  /** The township of `base`: itself, its parent for a village, the first township of a county. */
  async townshipOf(base: string): Promise<{ id: string; code: string; path: string }> {
    const b = await this.db.selectFrom('region').select(['id', 'code', 'path', 'level', 'parent_id']).where('code', '=', base).executeTakeFirstOrThrow();
    if (b.level === 'township') return b;
    if (b.level === 'village') return this.db.selectFrom('region').select(['id', 'code', 'path']).where('id', '=', b.parent_id!).executeTakeFirstOrThrow();
    return this.db.selectFrom('region').select(['id', 'code', 'path']).where('parent_id', '=', b.id).where('level', '=', 'township').orderBy('code').executeTakeFirstOrThrow();
  }

  /**
   * A rectification task in `who`'s sight (or, `away`, out of it) in the given status: in the
   * caller's township (or their county's first), owned by that township — by the caller's
   * department for a department handler at home, by a township when away.
   */
  async rectificationTask(who: Who, status: 'proposed' | 'open' | 'submitted', o: { away?: boolean } = {}): Promise<string> {
    const department = who.role === 'department_handler';
    const base = o.away && !department ? who.other : who.home;
    const township = await this.townshipOf(base);
    const user = await this.db.selectFrom('app_user').select('department_id').where('username', '=', who.username).executeTakeFirstOrThrow();
    const owned = status !== 'proposed';
    const row = await this.db
      .insertInto('rectification_task')
      .values({
        county_code: base.slice(0, 6),
        task_no: `FX-${++this.rectificationTasks}`,
        source: 'manual',
        status,
        township_id: township.id,
        region_path: township.path,
        owner_region_id: owned && !(department && !o.away) ? township.id : null,
        owner_department_id: owned && department && !o.away ? user.department_id : null,
        title: '矩阵整改任务',
        problem: '访问矩阵用的整改任务',
        evidence: JSON.stringify({ kind: 'manual' }),
        due_on: owned ? '2099-12-31' : null,
        submitted_at: status === 'submitted' ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A stored photo named by a rectification task (not yet in a report): its hash. */
  async rectificationFile(taskId: string): Promise<string> {
    const row = await this.db.selectFrom('rectification_task').select('county_code').where('id', '=', taskId).executeTakeFirstOrThrow();
    const bytes = crypto.randomBytes(256);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    await writeStoredFile(this.filesDir, { sha256, bytes });
    await this.db.insertInto('stored_file').values({ sha256, county_code: row.county_code, kind: 'photo', media_type: 'image/jpeg', bytes: bytes.length, width: null, height: null, captured_at: null, perceptual_hash: null, uploaded_by: null }).execute();
    await this.db.insertInto('rectification_file').values({ task_id: taskId, sha256, county_code: row.county_code }).execute();
    return sha256;
  }
}

interface Req {
  url: string;
  /** JSON, or a raw body sent with `contentType` (a file upload). */
  payload?: Record<string, unknown> | string | Buffer;
  contentType?: string;
}
type Build = (who: Who, fx: Fixtures) => Req | Promise<Req>;

const REVEAL_PURPOSE = { purpose: { code: 'data_correction' } };

interface Outside {
  what: string;
  other: Build;
  missing: Build;
  /** The answer to both (default 404 not_found); a reference in a body may be refused as invalid instead. */
  refusedWith?: { status: number; code: string };
}

interface Row {
  /** Who may call the route: anyone, any signed-in account, or these roles. */
  allowed: 'public' | 'signed-in' | readonly TRole[];
  /** Changes shared data: the read-only county leader is refused with `read_only_role`. */
  write: boolean;
  /** Status of success (default 200). */
  ok?: number;
  /** The request aimed at the caller's own subtree (or at themselves). */
  own: Build;
  /**
   * Requests aimed outside the caller's subtree, each with its twin aimed at something that does
   * not exist: both must get the same answer, so that existence does not leak.
   */
  outside?: Outside[];
  /** Checks a successful answer to `own` holds nothing from outside the subtree. */
  inScope?: (body: unknown, who: Who) => void;
  /** Send from a new sign-in, not the shared session (signing out ends the session used). */
  freshSession?: true;
  /** An admitted role whose own request the route answers otherwise, by design (a department cannot escalate: 409 case_top_level). */
  ownAnswer?: (who: Who) => { status: number; code: string } | null;
}

const regionTargets = (suffix = ''): Pick<Row, 'own' | 'outside'> => ({
  own: (who) => ({ url: `/api/regions/${who.home}${suffix}` }),
  outside: [{ what: 'region', other: (who) => ({ url: `/api/regions/${who.other}${suffix}` }), missing: (who) => ({ url: `/api/regions/${who.missing}${suffix}` }) }],
});

/** The same filter aimed at the other subtree and at a region that does not exist. */
const regionFilter = (path: string) => [
  { what: 'regionCode filter', other: (who: Who) => ({ url: `${path}?regionCode=${who.other}` }), missing: (who: Who) => ({ url: `${path}?regionCode=${who.missing}` }) },
];

/**
 * A user route aimed at a fresh account in the caller's subtree (in a village of it: admins
 * manage accounts below their own level), in the other one, or at no account.
 */
const userTargets = (suffix: string, payload?: Record<string, unknown>): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/users/${await fx.user(await fx.village(who.home))}${suffix}`, ...(payload ? { payload } : {}) }),
  outside: [
    {
      what: 'account',
      other: async (who, fx) => ({ url: `/api/users/${await fx.user(who.other)}${suffix}`, ...(payload ? { payload } : {}) }),
      missing: () => ({ url: `/api/users/${MISSING_ID}${suffix}`, ...(payload ? { payload } : {}) }),
    },
  ],
});

const CAMPAIGN_DEFINITION = { kind: 'all_households', name: '测试走访', period: { startsOn: '2026-11-01', endsOn: '2026-12-31' }, done: { deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 1 }, aidStandards: [], budgets: [], graceDays: 0 };
const CAMPAIGN_MANAGERS = ['county_admin', 'township_admin'] as const;
const CATEGORY_BODY = { name: '测试分类', nameEn: 'Test category', parentId: null, domain: 'environment', departmentId: null, startLevel: 'village', responseHours: 8, resolveDays: 7, urgentHours: 24, open311: false, active: true, sort: 900 };
const CAMPAIGN_READERS = ['county_admin', 'county_leader', 'township_admin'] as const;
/** A 12-digit village code under a region code (a missing village under a missing region). */
const villageUnder = (code: string) => code.padEnd(12, '0');

/** A route about one campaign: organised in the caller's subtree (at its stage), in the other one, or none. */
const campaignTargets = (
  suffix: string,
  o: { status?: 'draft' | 'open' | 'closed'; kind?: 'all_households' | 'custom'; payload?: (c: { villageCode: string; householdId: string; householdNo: string }) => Record<string, unknown> | string; contentType?: string; query?: string | boolean } = {},
): Pick<Row, 'own' | 'outside'> => {
  const build = async (fx: Fixtures, base: string | null): Promise<Req> => {
    const c = base === null ? { id: MISSING_ID, villageCode: villageUnder('370921998'), householdId: MISSING_ID, householdNo: 'FX-0' } : await fx.campaign(base, o.status, o.kind);
    const query = typeof o.query === 'string' ? o.query : o.query ? `?villageCode=${c.villageCode}` : '';
    return { url: `/api/visit-campaigns/${c.id}${suffix}${query}`, ...(o.payload ? { payload: o.payload(c) } : {}), ...(o.contentType ? { contentType: o.contentType } : {}) };
  };
  return {
    own: (who, fx) => build(fx, who.home),
    outside: [{ what: 'campaign', other: (who, fx) => build(fx, who.other), missing: (_who, fx) => build(fx, null) }],
  };
};
const ADMINS = ['county_admin', 'township_admin'] as const;
const REGISTRY_READERS = ['county_admin', 'county_leader', 'township_admin', 'village_cadre', 'department_handler'] as const;
const NOT_ELIGIBLE = { status: 422, code: 'cadre_not_eligible' };

/** A route about one household: aimed at a new one in the caller's subtree, in the other, or at none. */
const householdTargets = (suffix: string, payload?: Record<string, unknown>, o: { hardship?: boolean } = {}): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.home, o)).id}${suffix}`, ...(payload ? { payload } : {}) }),
  outside: [
    {
      what: 'household',
      other: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.other, o)).id}${suffix}`, ...(payload ? { payload } : {}) }),
      missing: () => ({ url: `/api/households/${MISSING_ID}${suffix}`, ...(payload ? { payload } : {}) }),
    },
  ],
});

/** A route about one import job: aimed at a job run in the caller's subtree, in the other, or at none. */
const importJobTargets = (suffix: string): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/imports/${await fx.importJob(who.home)}${suffix}` }),
  outside: [{ what: 'job', other: async (who, fx) => ({ url: `/api/imports/${await fx.importJob(who.other)}${suffix}` }), missing: () => ({ url: `/api/imports/${crypto.randomUUID()}${suffix}` }) }],
});

/** A route about one pairing: aimed at a new one in the caller's subtree, in the other, or at none. */
const pairingTargets = (suffix: string, payload: (who: Who, fx: Fixtures) => Promise<Record<string, unknown>>): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/pairings/${await fx.pairing(who.home)}${suffix}`, payload: await payload(who, fx) }),
  outside: [
    {
      what: 'pairing',
      other: async (who, fx) => ({ url: `/api/pairings/${await fx.pairing(who.other)}${suffix}`, payload: await payload(who, fx) }),
      missing: async (who, fx) => ({ url: `/api/pairings/${MISSING_ID}${suffix}`, payload: await payload(who, fx) }),
    },
  ],
});

const SURVEY_RESULTS = ['county_admin', 'county_leader', 'survey_supervisor', 'township_admin'] as const;
const SURVEY_PROGRESS = ['county_admin', 'county_leader', 'survey_supervisor'] as const;
const SURVEY_MANAGE = ['county_admin', 'survey_supervisor'] as const;
const countyOf = (who: Who) => who.home.slice(0, 6);
const otherCountyOf = (who: Who) => (countyOf(who) === COUNTY ? OTHER_COUNTY : COUNTY);

/**
 * A route about one assessment (issue 12): one of the caller's county (published for readers,
 * since a township admin reads only published ones; at the stage the route needs for writers), of
 * the other county, or none. `path(id, adjustmentId)` builds the URL.
 */
const assessmentTargets = (stage: 'draft' | 'computed' | 'published', path: (id: string, adjustmentId: string) => string, payload?: Record<string, unknown>): Pick<Row, 'own' | 'outside'> => {
  const at = async (county: string, fx: Fixtures) => {
    const a = await insertAssessment(fx.db_(), { countyCode: county, stage });
    return { url: path(a.id, a.adjustmentId ?? MISSING_ID), ...(payload ? { payload } : {}) };
  };
  return {
    own: (who, fx) => at(countyOf(who), fx),
    outside: [{ what: 'assessment', other: (who, fx) => at(otherCountyOf(who), fx), missing: () => ({ url: path(MISSING_ID, MISSING_ID), ...(payload ? { payload } : {}) }) }],
  };
};

/** A route about one survey wave: a wave of the caller's county, of another county, or none. */
const surveyWaveTargets = (suffix: string, payload?: Record<string, unknown>): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/survey/waves/${(await fx.resultsWave(countyOf(who))).waveId}${suffix}`, ...(payload ? { payload } : {}) }),
  outside: [
    {
      what: 'wave',
      other: async (who, fx) => ({ url: `/api/survey/waves/${(await fx.resultsWave(otherCountyOf(who))).waveId}${suffix}`, ...(payload ? { payload } : {}) }),
      missing: () => ({ url: `/api/survey/waves/${MISSING_ID}${suffix}`, ...(payload ? { payload } : {}) }),
    },
  ],
});

/** A publicity activity held in a new region below `base` (a township below a county, a village below a township): its id. */
async function publicityActivity(fx: Fixtures, base: string): Promise<string> {
  const db = fx.db_();
  const region = await db.selectFrom('region').select(['id', 'path', 'county_code']).where('code', '=', await fx.region(base)).executeTakeFirstOrThrow();
  const row = await db.insertInto('publicity_activity').values({ county_code: region.county_code!, region_id: region.id, region_path: region.path, kind: 'meeting', held_on: '2026-11-20', title: '宣讲会', audience: null, created_by: null, created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('publicity_activity_policy').values({ activity_id: row.id, policy_code: 'dibao' }).execute();
  return row.id;
}

const SURVEY_CALL = ['interviewer', 'survey_supervisor'] as const;

/** A route about one questionnaire version: a new one (draft or published) of the caller's county, of another county, or none. */
const questionnaireVersionTargets = (suffix: string, status: 'draft' | 'published', payload?: Record<string, unknown>): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/survey/questionnaire-versions/${await fx.questionnaireVersion(countyOf(who), status)}${suffix}`, ...(payload ? { payload } : {}) }),
  outside: [
    {
      what: 'questionnaire version',
      other: async (who, fx) => ({ url: `/api/survey/questionnaire-versions/${await fx.questionnaireVersion(otherCountyOf(who), status)}${suffix}`, ...(payload ? { payload } : {}) }),
      missing: () => ({ url: `/api/survey/questionnaire-versions/${MISSING_ID}${suffix}`, ...(payload ? { payload } : {}) }),
    },
  ],
});

/** A survey design route about one wave: a new wave at `stage` of the caller's county, of another county, or none. */
const designWaveTargets = (suffix: string, stage: 'draft' | 'sampled' | 'fieldwork', payload?: () => Record<string, unknown>): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/survey/waves/${(await fx.designWave(countyOf(who), stage)).waveId}${suffix}`, ...(payload ? { payload: payload() } : {}) }),
  outside: [
    {
      what: 'wave',
      other: async (who, fx) => ({ url: `/api/survey/waves/${(await fx.designWave(otherCountyOf(who), stage)).waveId}${suffix}`, ...(payload ? { payload: payload() } : {}) }),
      missing: () => ({ url: `/api/survey/waves/${MISSING_ID}${suffix}`, ...(payload ? { payload: payload() } : {}) }),
    },
  ],
});

const newWaveBody = (questionnaireVersionId: string) => ({
  questionnaireVersionId,
  name: '测试轮次',
  startsOn: '2026-03-01',
  endsOn: '2026-03-20',
  callingHours: [{ from: '09:00', to: '20:00' }],
  maxAttempts: 5,
  targetCompletes: 10,
});

/** A fieldwork route about one case: held by the caller (or with an appointment) in their county, in another county, or none. */
const fieldworkCaseTargets = (suffix: string, payload?: () => Record<string, unknown>, o: { appointment?: boolean; dialled?: boolean } = {}): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/fieldwork/cases/${(await fx.fieldworkCase(countyOf(who), { heldBy: who.username, ...o })).caseId}${suffix}`, ...(payload ? { payload: payload() } : {}) }),
  outside: [
    {
      what: 'case',
      other: async (who, fx) => ({ url: `/api/fieldwork/cases/${(await fx.fieldworkCase(otherCountyOf(who), { heldBy: who.username, ...o })).caseId}${suffix}`, ...(payload ? { payload: payload() } : {}) }),
      missing: () => ({ url: `/api/fieldwork/cases/${MISSING_ID}${suffix}`, ...(payload ? { payload: payload() } : {}) }),
    },
  ],
});

const VISIT_READERS = [...new Set([...VISIT_RECORD_ROLES, ...VISIT_RESOLVE_ROLES])];
type VisitFixture = Awaited<ReturnType<Fixtures['visitRecord']>>;
/** A visits route about one row made by `visitRecord`: in the caller's subtree, in the other, or none. */
const visitTargets = (url: (v: VisitFixture | null) => string, payload?: Record<string, unknown>): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: url(await fx.visitRecord(who.home)), ...(payload ? { payload } : {}) }),
  outside: [
    {
      what: 'visit record',
      other: async (who, fx) => ({ url: url(await fx.visitRecord(who.other)), ...(payload ? { payload } : {}) }),
      missing: () => ({ url: url(null), ...(payload ? { payload } : {}) }),
    },
  ],
});

/** A route about one visit campaign: organised in the caller's region, in the other, or none. */
const reportCampaignTargets = (suffix: string, payload?: (fx: Fixtures, who: Who) => Promise<Record<string, unknown>>): Pick<Row, 'own' | 'outside'> => ({
  own: async (who, fx) => ({ url: `/api/visit-reports/campaigns/${(await fx.reportCampaign(who.home)).campaignId}${suffix}`, ...(payload ? { payload: await payload(fx, who) } : {}) }),
  outside: [
    {
      what: 'campaign',
      other: async (who, fx) => ({ url: `/api/visit-reports/campaigns/${(await fx.reportCampaign(who.other)).campaignId}${suffix}`, ...(payload ? { payload: await payload(fx, who) } : {}) }),
      missing: async (who, fx) => ({ url: `/api/visit-reports/campaigns/${MISSING_ID}${suffix}`, ...(payload ? { payload: await payload(fx, who) } : {}) }),
    },
  ],
});

/**
 * A case route aimed at a new case of the caller at `state` (see Fixtures.case), at one outside
 * their reach, and at none; `body` builds the request body for the case.
 */
const caseTargets = (
  suffix: string,
  state: Parameters<Fixtures['case']>[1],
  body?: (who: Who, fx: Fixtures, id: string) => Record<string, unknown> | Promise<Record<string, unknown>>,
): Pick<Row, 'own' | 'outside'> => {
  const build = async (who: Who, fx: Fixtures, away: boolean): Promise<Req> => {
    const id = await fx.case(who, state, { away });
    return { url: `/api/cases/${id}${suffix}`, ...(body ? { payload: await body(who, fx, id) } : {}) };
  };
  return {
    own: (who, fx) => build(who, fx, false),
    outside: [
      {
        what: 'case',
        other: (who, fx) => build(who, fx, true),
        missing: async (who, fx) => ({ url: `/api/cases/${MISSING_ID}${suffix}`, ...(body ? { payload: await body(who, fx, await fx.case(who, state)) } : {}) }),
      },
    ],
  };
};

/** A rectification route about one task: in the caller's sight, out of it, or none. */
const rectificationTargets = (
  suffix: string,
  status: 'proposed' | 'open' | 'submitted',
  body?: (who: Who, fx: Fixtures) => Record<string, unknown> | Promise<Record<string, unknown>>,
): Pick<Row, 'own' | 'outside'> => {
  const build = async (who: Who, fx: Fixtures, away: boolean): Promise<Req> => ({ url: `/api/rectification-tasks/${await fx.rectificationTask(who, status, { away })}${suffix}`, ...(body ? { payload: await body(who, fx) } : {}) });
  return {
    own: (who, fx) => build(who, fx, false),
    outside: [{ what: 'rectification task', other: (who, fx) => build(who, fx, true), missing: async (who, fx) => ({ url: `/api/rectification-tasks/${MISSING_ID}${suffix}`, ...(body ? { payload: await body(who, fx) } : {}) }) }],
  };
};

const MATRIX: Record<string, Row> = {
  'GET /api/health': { allowed: 'public', write: false, own: () => ({ url: '/api/health' }) },
  'GET /api/deployment': { allowed: 'public', write: false, own: () => ({ url: '/api/deployment' }) },
  'POST /api/auth/login': {
    allowed: 'public',
    write: false,
    own: (who) => ({ url: '/api/auth/login', payload: { username: who.username, password: DEMO_PASSWORD } }),
  },
  'POST /api/auth/logout': { allowed: 'signed-in', write: false, own: () => ({ url: '/api/auth/logout' }), freshSession: true },
  'GET /api/auth/me': { allowed: 'signed-in', write: false, own: () => ({ url: '/api/auth/me' }) },
  // Setting the same password keeps the demo accounts usable; this session survives the change.
  'POST /api/auth/password': {
    allowed: 'signed-in',
    write: false,
    own: () => ({ url: '/api/auth/password', payload: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } }),
  },
  'PUT /api/auth/locale': { allowed: 'signed-in', write: false, own: () => ({ url: '/api/auth/locale', payload: { locale: 'zh-CN' } }) },
  'GET /api/departments': { allowed: 'signed-in', write: false, own: () => ({ url: '/api/departments' }) },

  'GET /api/regions/:code': { allowed: 'signed-in', write: false, ...regionTargets() },
  'GET /api/regions/:code/children': { allowed: 'signed-in', write: false, ...regionTargets('/children') },
  'GET /api/regions/:code/history': { allowed: 'signed-in', write: false, ...regionTargets('/history') },
  'POST /api/regions': {
    allowed: ADMINS,
    write: true,
    ok: 201,
    own: (who, fx) => ({ url: '/api/regions', payload: { parentCode: who.home, code: fx.unusedChild(who.home), name: '新区划', openedOn: '2026-01-01' } }),
    outside: [
      {
        what: 'parent',
        other: (who, fx) => ({ url: '/api/regions', payload: { parentCode: who.other, code: fx.unusedChild(who.other), name: '新区划', openedOn: '2026-01-01' } }),
        missing: (who) => ({ url: '/api/regions', payload: { parentCode: who.missing, code: `${who.missing}301`, name: '新区划', openedOn: '2026-01-01' } }),
      },
    ],
  },
  'POST /api/regions/:code/rename': {
    allowed: ADMINS,
    write: true,
    own: async (who, fx) => ({ url: `/api/regions/${await fx.region(who.home)}/rename`, payload: { name: '更名', effectiveOn: '2026-01-01' } }),
    outside: [
      {
        what: 'region',
        other: async (who, fx) => ({ url: `/api/regions/${await fx.region(who.other)}/rename`, payload: { name: '更名', effectiveOn: '2026-01-01' } }),
        missing: (who, fx) => ({ url: `/api/regions/${fx.unusedChild(who.other)}/rename`, payload: { name: '更名', effectiveOn: '2026-01-01' } }),
      },
    ],
  },
  'POST /api/regions/:code/move': {
    allowed: ADMINS,
    write: true,
    own: async (who, fx) => {
      const { code, newParentCode } = await fx.movable(who.home);
      return { url: `/api/regions/${code}/move`, payload: { newParentCode, effectiveOn: '2026-01-01' } };
    },
    outside: [
      {
        what: 'region moved',
        other: async (who, fx) => {
          const [elsewhere, own] = [await fx.movable(who.other), await fx.movable(who.home)];
          return { url: `/api/regions/${elsewhere.code}/move`, payload: { newParentCode: own.newParentCode, effectiveOn: '2026-01-01' } };
        },
        missing: async (who, fx) => {
          const own = await fx.movable(who.home);
          return { url: `/api/regions/${fx.unusedChild(who.other)}/move`, payload: { newParentCode: own.newParentCode, effectiveOn: '2026-01-01' } };
        },
      },
      {
        what: 'new parent',
        other: async (who, fx) => {
          const own = await fx.movable(who.home);
          return { url: `/api/regions/${own.code}/move`, payload: { newParentCode: (await fx.movable(who.other)).newParentCode, effectiveOn: '2026-01-01' } };
        },
        missing: async (who, fx) => {
          const own = await fx.movable(who.home);
          return { url: `/api/regions/${own.code}/move`, payload: { newParentCode: fx.unusedChild(who.other), effectiveOn: '2026-01-01' } };
        },
      },
    ],
  },
  'POST /api/regions/:code/close': {
    allowed: ADMINS,
    write: true,
    own: async (who, fx) => ({ url: `/api/regions/${await fx.region(who.home)}/close`, payload: { closedOn: '2026-06-01' } }),
    outside: [
      {
        what: 'region',
        other: async (who, fx) => ({ url: `/api/regions/${await fx.region(who.other)}/close`, payload: { closedOn: '2026-06-01' } }),
        missing: (who, fx) => ({ url: `/api/regions/${fx.unusedChild(who.other)}/close`, payload: { closedOn: '2026-06-01' } }),
      },
      {
        what: 'successor',
        other: async (who, fx) => ({ url: `/api/regions/${await fx.region(who.home)}/close`, payload: { closedOn: '2026-06-01', successorCode: await fx.region(who.other) } }),
        missing: async (who, fx) => ({ url: `/api/regions/${await fx.region(who.home)}/close`, payload: { closedOn: '2026-06-01', successorCode: fx.unusedChild(who.other) } }),
      },
    ],
  },

  'GET /api/users': {
    allowed: ADMINS,
    write: false,
    own: () => ({ url: '/api/users?limit=200' }),
    outside: regionFilter('/api/users'),
    inScope: (body, who) => {
      for (const u of (body as { items: { regionCode: string }[] }).items) expect(u.regionCode.startsWith(who.home), u.regionCode).toBe(true);
    },
  },
  'GET /api/users/:id': { allowed: ADMINS, write: false, ...userTargets('') },
  'POST /api/users': {
    allowed: ADMINS,
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: '/api/users', payload: { username: fx.name(), displayName: '新账号', password: FIXTURE_PASSWORD, roles: ['village_cadre'], regionCode: await fx.village(who.home) } }),
    outside: [
      {
        what: 'region',
        other: (who, fx) => ({ url: '/api/users', payload: { username: fx.name(), displayName: '新账号', password: FIXTURE_PASSWORD, roles: ['village_cadre'], regionCode: who.other } }),
        missing: (who, fx) => ({ url: '/api/users', payload: { username: fx.name(), displayName: '新账号', password: FIXTURE_PASSWORD, roles: ['village_cadre'], regionCode: who.missing } }),
      },
    ],
  },
  'PATCH /api/users/:id': {
    allowed: ADMINS,
    write: true,
    ...userTargets('', { displayName: '改名' }),
    outside: [
      ...userTargets('', { displayName: '改名' }).outside!,
      {
        what: 'new region',
        other: async (who, fx) => ({ url: `/api/users/${await fx.user(await fx.village(who.home))}`, payload: { regionCode: who.other } }),
        missing: async (who, fx) => ({ url: `/api/users/${await fx.user(await fx.village(who.home))}`, payload: { regionCode: who.missing } }),
      },
    ],
  },
  'POST /api/users/:id/password': { allowed: ADMINS, write: true, ...userTargets('/password', { newPassword: FIXTURE_PASSWORD }) },
  'GET /api/users/:id/sessions': { allowed: ADMINS, write: false, ...userTargets('/sessions') },
  'POST /api/users/:id/sessions/end': { allowed: ADMINS, write: true, ...userTargets('/sessions/end', {}) },

  'GET /api/hardship-categories': { allowed: 'signed-in', write: false, own: () => ({ url: '/api/hardship-categories' }) },
  // Deployment-wide configuration: no subtree to be outside of.
  'PUT /api/hardship-categories/:code': {
    allowed: ['county_admin'],
    write: true,
    own: (_who, fx) => ({ url: `/api/hardship-categories/${fx.name('fx_category')}`, payload: { name: '测试类别', nameEn: 'Test category', sort: 500, active: true } }),
  },
  'GET /api/residents': {
    allowed: REGISTRY_READERS,
    write: false,
    own: async (who, fx) => {
      await fx.household(who.home);
      return { url: '/api/residents?limit=200' };
    },
    outside: regionFilter('/api/residents'),
    inScope: (body, who) => {
      const items = (body as { items: { village: { code: string } }[] }).items;
      expect(items.length).toBeGreaterThan(0);
      for (const r of items) expect(r.village.code.startsWith(who.home), r.village.code).toBe(true);
    },
  },
  'GET /api/residents/export.xlsx': {
    allowed: REGISTRY_READERS,
    write: false,
    own: (who) => ({ url: `/api/residents/export.xlsx?regionCode=${who.home}` }),
    outside: regionFilter('/api/residents/export.xlsx'),
  },
  'GET /api/households/:id': { allowed: REGISTRY_READERS, write: false, ...householdTargets('') },
  // Every reveal states its purpose (src/server/modules/audit/audit-view.test.ts covers it).
  'POST /api/residents/:id/reveal-id-number': {
    allowed: ['county_admin', 'township_admin', 'department_handler'],
    write: false,
    own: async (who, fx) => ({ url: `/api/residents/${(await fx.household(who.home)).residentId}/reveal-id-number`, payload: REVEAL_PURPOSE }),
    outside: [
      {
        what: 'resident',
        other: async (who, fx) => ({ url: `/api/residents/${(await fx.household(who.other)).residentId}/reveal-id-number`, payload: REVEAL_PURPOSE }),
        missing: () => ({ url: `/api/residents/${MISSING_ID}/reveal-id-number`, payload: REVEAL_PURPOSE }),
      },
    ],
  },
  'POST /api/resident-phones/:id/reveal': {
    allowed: ['county_admin', 'township_admin', 'village_cadre', 'department_handler'],
    write: false,
    own: async (who, fx) => ({ url: `/api/resident-phones/${(await fx.household(who.home)).phoneId}/reveal`, payload: REVEAL_PURPOSE }),
    outside: [
      {
        what: 'phone',
        other: async (who, fx) => ({ url: `/api/resident-phones/${(await fx.household(who.other)).phoneId}/reveal`, payload: REVEAL_PURPOSE }),
        missing: () => ({ url: `/api/resident-phones/${MISSING_ID}/reveal`, payload: REVEAL_PURPOSE }),
      },
    ],
  },
  'POST /api/households/:id/hardship': {
    allowed: ADMINS,
    write: true,
    ok: 201,
    ...householdTargets('/hardship', { categoryCode: 'dibao', validFrom: '2026-01-01' }),
    outside: [
      ...householdTargets('/hardship', { categoryCode: 'dibao', validFrom: '2026-01-01' }).outside!,
      {
        what: 'member of another household',
        refusedWith: { status: 422, code: 'resident_not_in_household' },
        other: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.home)).id}/hardship`, payload: { categoryCode: 'dibao', validFrom: '2026-01-01', residentId: (await fx.household(who.other)).residentId } }),
        missing: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.home)).id}/hardship`, payload: { categoryCode: 'dibao', validFrom: '2026-01-01', residentId: MISSING_ID } }),
      },
    ],
  },
  'POST /api/households/:id/hardship/:labelId/end': {
    allowed: ADMINS,
    write: true,
    own: async (who, fx) => {
      const h = await fx.household(who.home, { hardship: true });
      return { url: `/api/households/${h.id}/hardship/${h.labelId}/end`, payload: { validTo: '2026-06-01' } };
    },
    outside: [
      {
        what: 'household',
        other: async (who, fx) => {
          const h = await fx.household(who.other, { hardship: true });
          return { url: `/api/households/${h.id}/hardship/${h.labelId}/end`, payload: { validTo: '2026-06-01' } };
        },
        missing: () => ({ url: `/api/households/${MISSING_ID}/hardship/${MISSING_ID}/end`, payload: { validTo: '2026-06-01' } }),
      },
      {
        what: 'label of another household',
        other: async (who, fx) => {
          const [own, elsewhere] = [await fx.household(who.home, { hardship: true }), await fx.household(who.other, { hardship: true })];
          return { url: `/api/households/${own.id}/hardship/${elsewhere.labelId}/end`, payload: { validTo: '2026-06-01' } };
        },
        missing: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.home, { hardship: true })).id}/hardship/${MISSING_ID}/end`, payload: { validTo: '2026-06-01' } }),
      },
    ],
  },
  'POST /api/households/:id/pairings': {
    allowed: ADMINS,
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.home, { hardship: true })).id}/pairings`, payload: { cadreId: await fx.user(who.home), startedOn: '2025-06-01' } }),
    outside: [
      {
        what: 'household',
        other: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.other, { hardship: true })).id}/pairings`, payload: { cadreId: await fx.user(who.home), startedOn: '2025-06-01' } }),
        missing: async (who, fx) => ({ url: `/api/households/${MISSING_ID}/pairings`, payload: { cadreId: await fx.user(who.home), startedOn: '2025-06-01' } }),
      },
      {
        what: 'cadre',
        refusedWith: NOT_ELIGIBLE,
        other: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.home, { hardship: true })).id}/pairings`, payload: { cadreId: await fx.user(who.other), startedOn: '2025-06-01' } }),
        missing: async (who, fx) => ({ url: `/api/households/${(await fx.household(who.home, { hardship: true })).id}/pairings`, payload: { cadreId: MISSING_ID, startedOn: '2025-06-01' } }),
      },
    ],
  },
  'POST /api/pairings/:id/transfer': {
    allowed: ADMINS,
    write: true,
    ...pairingTargets('/transfer', async (who, fx) => ({ toCadreId: await fx.user(who.home), on: '2025-06-01', reason: '调岗' })),
    outside: [
      ...pairingTargets('/transfer', async (who, fx) => ({ toCadreId: await fx.user(who.home), on: '2025-06-01', reason: '调岗' })).outside!,
      {
        what: 'new cadre',
        refusedWith: NOT_ELIGIBLE,
        other: async (who, fx) => ({ url: `/api/pairings/${await fx.pairing(who.home)}/transfer`, payload: { toCadreId: await fx.user(who.other), on: '2025-06-01', reason: '调岗' } }),
        missing: async (who, fx) => ({ url: `/api/pairings/${await fx.pairing(who.home)}/transfer`, payload: { toCadreId: MISSING_ID, on: '2025-06-01', reason: '调岗' } }),
      },
    ],
  },
  'POST /api/pairings/:id/end': { allowed: ADMINS, write: true, ...pairingTargets('/end', async () => ({ on: '2025-06-01', reason: '脱困' })) },
  'POST /api/pairings/bulk-assign': {
    allowed: ADMINS,
    write: true,
    // A new village each time: a bulk assignment pairs every household of the village.
    own: async (who, fx) => {
      const villageCode = await fx.freshVillage(who.home);
      await fx.household(villageCode, { hardship: true });
      return { url: '/api/pairings/bulk-assign', payload: { villageCode, cadreId: await fx.user(who.home), startedOn: '2025-06-01' } };
    },
    outside: [
      {
        what: 'village',
        other: async (who, fx) => ({ url: '/api/pairings/bulk-assign', payload: { villageCode: await fx.village(who.other), cadreId: await fx.user(who.home), startedOn: '2025-06-01' } }),
        missing: async (who, fx) => ({ url: '/api/pairings/bulk-assign', payload: { villageCode: who.missing.padEnd(12, '1'), cadreId: await fx.user(who.home), startedOn: '2025-06-01' } }),
      },
      {
        what: 'cadre',
        refusedWith: NOT_ELIGIBLE,
        other: async (who, fx) => ({ url: '/api/pairings/bulk-assign', payload: { villageCode: await fx.freshVillage(who.home), cadreId: await fx.user(who.other), startedOn: '2025-06-01' } }),
        missing: async (who, fx) => ({ url: '/api/pairings/bulk-assign', payload: { villageCode: await fx.freshVillage(who.home), cadreId: MISSING_ID, startedOn: '2025-06-01' } }),
      },
    ],
  },
  'GET /api/visit-campaigns': { allowed: CAMPAIGN_READERS, write: false, own: () => ({ url: '/api/visit-campaigns' }) },
  'POST /api/visit-campaigns': {
    allowed: CAMPAIGN_MANAGERS,
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: '/api/visit-campaigns', payload: { definition: CAMPAIGN_DEFINITION, regionCodes: [await fx.village(who.home)] } }),
    outside: [
      {
        what: 'region of the campaign',
        other: async (who, fx) => ({ url: '/api/visit-campaigns', payload: { definition: CAMPAIGN_DEFINITION, regionCodes: [await fx.village(who.other)] } }),
        missing: (who) => ({ url: '/api/visit-campaigns', payload: { definition: CAMPAIGN_DEFINITION, regionCodes: [villageUnder(who.missing)] } }),
      },
    ],
  },
  'GET /api/visit-campaigns/:id': { allowed: CAMPAIGN_READERS, write: false, ...campaignTargets('') },
  'PUT /api/visit-campaigns/:id': { allowed: CAMPAIGN_MANAGERS, write: true, ...campaignTargets('', { payload: (c) => ({ definition: CAMPAIGN_DEFINITION, regionCodes: [c.villageCode] }) }) },
  'POST /api/visit-campaigns/:id/open': { allowed: CAMPAIGN_MANAGERS, write: true, ...campaignTargets('/open') },
  'POST /api/visit-campaigns/:id/close': { allowed: CAMPAIGN_MANAGERS, write: true, ...campaignTargets('/close', { status: 'open' }) },
  'POST /api/visit-campaigns/:id/targets/upload': {
    allowed: CAMPAIGN_MANAGERS,
    write: true,
    ...campaignTargets('/targets/upload', { kind: 'custom', query: '?fileName=list.csv', payload: (c) => `户编号\r\n${c.householdNo}\r\n`, contentType: 'text/csv' }),
  },
  'GET /api/visit-campaigns/:id/targets': { allowed: CAMPAIGN_READERS, write: false, ...campaignTargets('/targets', { status: 'open', query: true }) },
  'GET /api/visit-campaigns/:id/cadres': { allowed: CAMPAIGN_READERS, write: false, ...campaignTargets('/cadres', { status: 'open', query: true }) },
  'POST /api/visit-campaigns/:id/reassign': { allowed: CAMPAIGN_MANAGERS, write: true, ...campaignTargets('/reassign', { status: 'open', payload: (c) => ({ villageCode: c.villageCode, cadreId: null }) }) },
  'GET /api/visits/my-work': { allowed: ['village_cadre', 'township_admin', 'county_admin', 'department_handler'], write: false, own: () => ({ url: '/api/visits/my-work' }) },
  'GET /api/policies': { allowed: 'signed-in', write: false, own: () => ({ url: '/api/policies' }) },

  // Policy publicity (issue 12): the county's links (county admin only: a township admin is 403 by design), activities in the caller's subtree.
  'GET /api/policy-publicity/links': { allowed: PUBLICITY_READ_ROLES, write: false, own: () => ({ url: '/api/policy-publicity/links' }) },
  'PUT /api/policy-publicity/links/:questionCode': {
    allowed: PUBLICITY_WRITE_ROLES,
    write: true,
    // The county's questionnaire must exist for Q10c to be one of its awareness items.
    own: async (who, fx) => {
      await fx.resultsWave(countyOf(who));
      return { url: '/api/policy-publicity/links/Q10c', payload: { policyCode: 'dibao' } };
    },
    ownAnswer: (who) => (who.role === 'township_admin' ? { status: 403, code: 'forbidden' } : null),
  },
  'GET /api/policy-publicity/activities': {
    allowed: PUBLICITY_READ_ROLES,
    write: false,
    own: () => ({ url: '/api/policy-publicity/activities' }),
    outside: [{ what: 'townshipCode filter', other: (who) => ({ url: `/api/policy-publicity/activities?townshipCode=${who.other}` }), missing: (who) => ({ url: `/api/policy-publicity/activities?townshipCode=${who.missing}` }) }],
  },
  'POST /api/policy-publicity/activities': {
    allowed: PUBLICITY_WRITE_ROLES,
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: '/api/policy-publicity/activities', payload: { regionCode: await fx.region(who.home), kind: 'meeting', heldOn: '2026-11-20', title: '宣讲会', policyCodes: ['dibao'] } }),
    outside: [
      {
        what: 'region',
        other: async (who, fx) => ({ url: '/api/policy-publicity/activities', payload: { regionCode: await fx.region(who.other), kind: 'meeting', heldOn: '2026-11-20', title: '宣讲会', policyCodes: ['dibao'] } }),
        missing: (who) => ({ url: '/api/policy-publicity/activities', payload: { regionCode: `${who.missing}`, kind: 'meeting', heldOn: '2026-11-20', title: '宣讲会', policyCodes: ['dibao'] } }),
      },
    ],
  },
  'POST /api/policy-publicity/activities/:id/void': {
    allowed: PUBLICITY_WRITE_ROLES,
    write: true,
    own: async (who, fx) => ({ url: `/api/policy-publicity/activities/${await publicityActivity(fx, who.home)}/void`, payload: { reason: '重复录入' } }),
    outside: [
      {
        what: 'activity',
        other: async (who, fx) => ({ url: `/api/policy-publicity/activities/${await publicityActivity(fx, who.other)}/void`, payload: { reason: '重复录入' } }),
        missing: () => ({ url: `/api/policy-publicity/activities/${MISSING_ID}/void`, payload: { reason: '重复录入' } }),
      },
    ],
  },
  'GET /api/policy-publicity/effort': { allowed: PUBLICITY_READ_ROLES, write: false, own: () => ({ url: '/api/policy-publicity/effort?from=2026-10-01&to=2026-12-31' }) },
  'GET /api/policy-publicity/awareness': {
    allowed: PUBLICITY_READ_ROLES,
    write: false,
    own: async (who, fx) => ({ url: `/api/policy-publicity/awareness?waveId=${(await fx.resultsWave(countyOf(who))).waveId}` }),
    outside: [
      {
        what: 'wave',
        other: async (who, fx) => ({ url: `/api/policy-publicity/awareness?waveId=${(await fx.resultsWave(otherCountyOf(who))).waveId}` }),
        missing: () => ({ url: `/api/policy-publicity/awareness?waveId=${MISSING_ID}` }),
      },
    ],
  },
  'GET /api/policy-publicity/awareness/export.xlsx': {
    allowed: PUBLICITY_READ_ROLES,
    write: false,
    own: async (who, fx) => ({ url: `/api/policy-publicity/awareness/export.xlsx?waveId=${(await fx.resultsWave(countyOf(who))).waveId}` }),
    outside: [
      {
        what: 'wave',
        other: async (who, fx) => ({ url: `/api/policy-publicity/awareness/export.xlsx?waveId=${(await fx.resultsWave(otherCountyOf(who))).waveId}` }),
        missing: () => ({ url: `/api/policy-publicity/awareness/export.xlsx?waveId=${MISSING_ID}` }),
      },
    ],
  },
  // Deployment-wide configuration: no subtree to be outside of.
  'PUT /api/policies/:code': {
    allowed: ['county_admin'],
    write: true,
    own: (_who, fx) => ({ url: `/api/policies/${fx.name('fx_policy')}`, payload: { name: '测试政策', nameEn: 'Test policy', sort: 500, active: true } }),
  },

  // Cases' configuration (issue 11): the county's own categories and calendar; the other county's are 404.
  'GET /api/case-categories': { allowed: CASE_READ_ROLES, write: false, own: () => ({ url: '/api/case-categories' }) },
  'POST /api/case-categories': {
    allowed: CASE_CONFIG_ROLES,
    write: true,
    ok: 201,
    own: (_who, fx) => ({ url: '/api/case-categories', payload: { ...CATEGORY_BODY, code: fx.name('fx-new').replace(/_/g, '-') } }),
    outside: [
      {
        what: 'parent category',
        other: async (who, fx) => ({ url: '/api/case-categories', payload: { ...CATEGORY_BODY, code: fx.name('fx-new').replace(/_/g, '-'), parentId: await fx.caseCategory(otherCountyOf(who)) } }),
        missing: (_who, fx) => ({ url: '/api/case-categories', payload: { ...CATEGORY_BODY, code: fx.name('fx-new').replace(/_/g, '-'), parentId: MISSING_ID } }),
        refusedWith: { status: 422, code: 'case_category_parent_unknown' },
      },
    ],
  },
  'PATCH /api/case-categories/:id': {
    allowed: CASE_CONFIG_ROLES,
    write: true,
    own: async (who, fx) => ({ url: `/api/case-categories/${await fx.caseCategory(countyOf(who))}`, payload: { sort: 5 } }),
    outside: [{ what: 'category', other: async (who, fx) => ({ url: `/api/case-categories/${await fx.caseCategory(otherCountyOf(who))}`, payload: { sort: 5 } }), missing: () => ({ url: `/api/case-categories/${MISSING_ID}`, payload: { sort: 5 } }) }],
  },
  'GET /api/working-calendar/:year': { allowed: CASE_READ_ROLES, write: false, own: () => ({ url: '/api/working-calendar/2026' }) },
  'PUT /api/working-calendar/:year': { allowed: CASE_CONFIG_ROLES, write: true, own: () => ({ url: '/api/working-calendar/2027', payload: { set: [{ day: '2027-11-11', kind: 'holiday', name: '测试' }] } }) },
  'POST /api/working-calendar/:year/load': { allowed: CASE_CONFIG_ROLES, write: true, own: () => ({ url: '/api/working-calendar/2026/load' }) },
  'GET /api/case-reminders': { allowed: CASE_READ_ROLES, write: false, own: () => ({ url: '/api/case-reminders' }) },
  'POST /api/case-reminders/:id/read': {
    allowed: CASE_READ_ROLES,
    write: true,
    own: async (who, fx) => ({ url: `/api/case-reminders/${await fx.caseReminder(who.home)}/read` }),
    outside: [{ what: 'reminder', other: async (who, fx) => ({ url: `/api/case-reminders/${await fx.caseReminder(who.other)}/read` }), missing: () => ({ url: `/api/case-reminders/${MISSING_ID}/read` }) }],
  },

  'GET /api/pairings/report': { allowed: ['county_admin', 'county_leader', 'township_admin'], write: false, own: (who) => ({ url: `/api/pairings/report?regionCode=${who.home}` }), outside: regionFilter('/api/pairings/report') },

  'GET /api/visit-reports/campaigns': { allowed: VISIT_REPORT_ROLES, write: false, own: async (who, fx) => (await fx.reportCampaign(who.home), { url: '/api/visit-reports/campaigns' }) },
  'GET /api/visit-reports/campaigns/:id/coverage': { allowed: VISIT_REPORT_ROLES, write: false, ...reportCampaignTargets('/coverage') },
  'GET /api/visit-reports/campaigns/:id/progress': { allowed: VISIT_REPORT_ROLES, write: false, ...reportCampaignTargets('/progress') },
  'GET /api/visit-reports/campaigns/:id/missing': { allowed: VISIT_REPORT_ROLES, write: false, ...reportCampaignTargets('/missing?status=due') },
  'GET /api/visit-reports/campaigns/:id/roster.xlsx': { allowed: VISIT_REPORT_ROLES, write: false, ...reportCampaignTargets('/roster.xlsx') },
  'GET /api/visit-reports/campaigns/:id/summary.docx': { allowed: VISIT_REPORT_ROLES, write: false, ...reportCampaignTargets('/summary.docx') },
  'GET /api/visit-reports/campaigns/:id/flags': { allowed: VISIT_FLAG_READ_ROLES, write: false, ...reportCampaignTargets('/flags') },
  'POST /api/visit-reports/campaigns/:id/flag-reviews': {
    allowed: VISIT_FLAG_REVIEW_ROLES,
    write: true,
    ...reportCampaignTargets('/flag-reviews', async (fx, who) => ({ flagKey: (await fx.reportCampaign(who.home)).flagKey, conclusion: 'explained', note: '夜间送医' })),
  },

  // Rows naming villages outside the importer's subtree are refused row by row, in the job's issues.
  'POST /api/imports/households': {
    allowed: ADMINS,
    write: true,
    ok: 202,
    own: async (who, fx) => ({ url: '/api/imports/households?fileName=%E5%8F%B0%E8%B4%A6.csv&mode=partial', payload: await fx.registryCsv(who.home), contentType: 'text/csv' }),
  },
  'GET /api/imports': {
    allowed: ADMINS,
    write: false,
    own: async (who, fx) => {
      await fx.importJob(who.home);
      return { url: '/api/imports?limit=200' };
    },
    inScope: (body, who) => {
      const items = (body as { items: { region: { code: string } | null }[] }).items;
      expect(items.length).toBeGreaterThan(0);
      for (const j of items) expect(j.region?.code.startsWith(who.home), j.region?.code).toBe(true);
    },
  },
  // Collisions with records outside the importer's township name both sides: county level only.
  'GET /api/imports/cross-scope-conflicts': {
    allowed: ['county_admin', 'county_leader'],
    write: false,
    own: async (who, fx) => {
      await fx.crossScopeConflict(who.home);
      return { url: '/api/imports/cross-scope-conflicts?status=all&limit=200' };
    },
    inScope: (body, who) => {
      const items = (body as { items: { importRegion: { code: string } }[] }).items;
      expect(items.length).toBeGreaterThan(0);
      for (const c of items) expect(c.importRegion.code.startsWith(who.home), c.importRegion.code).toBe(true);
    },
  },
  'POST /api/imports/cross-scope-conflicts/:id/resolve': {
    allowed: ['county_admin'],
    write: true,
    own: async (who, fx) => ({ url: `/api/imports/cross-scope-conflicts/${await fx.crossScopeConflict(who.home)}/resolve`, payload: { resolution: 'typing_error', note: '录入错误' } }),
    outside: [
      {
        what: 'conflict',
        other: async (who, fx) => ({ url: `/api/imports/cross-scope-conflicts/${await fx.crossScopeConflict(who.other)}/resolve`, payload: { resolution: 'typing_error' } }),
        missing: () => ({ url: `/api/imports/cross-scope-conflicts/${MISSING_ID}/resolve`, payload: { resolution: 'typing_error' } }),
      },
    ],
  },
  'GET /api/imports/:id': { allowed: ADMINS, write: false, ...importJobTargets('') },
  'GET /api/imports/:id/issues': { allowed: ADMINS, write: false, ...importJobTargets('/issues') },
  'GET /api/imports/:id/report.xlsx': { allowed: ADMINS, write: false, ...importJobTargets('/report.xlsx') },
  'GET /api/imports/:id/issue-groups': { allowed: ADMINS, write: false, ...importJobTargets('/issue-groups') },
  'GET /api/imports/:id/changes': { allowed: ADMINS, write: false, ...importJobTargets('/changes') },
  'GET /api/imports/template.xlsx': { allowed: ADMINS, write: false, own: () => ({ url: '/api/imports/template.xlsx' }) },
  // The fixture's preview has no upload kept by this server: an admitted caller reaches the use case and is told it expired.
  'POST /api/imports/:id/confirm': {
    allowed: ADMINS,
    write: true,
    ok: 409,
    own: async (who, fx) => ({ url: `/api/imports/${await fx.previewJob(who.home, who.username)}/confirm`, payload: {} }),
    outside: [
      {
        what: 'job',
        other: async (who, fx) => ({ url: `/api/imports/${await fx.previewJob(who.other, who.username)}/confirm`, payload: {} }),
        missing: () => ({ url: `/api/imports/${crypto.randomUUID()}/confirm`, payload: {} }),
      },
    ],
  },

  // Survey results and supervision: a wave belongs to a county; township admins read their county's closed waves.
  'GET /api/survey/questionnaires': { allowed: [...SURVEY_PROGRESS, 'interviewer'], write: false, own: () => ({ url: '/api/survey/questionnaires' }) },
  'POST /api/survey/questionnaires': {
    allowed: SURVEY_MANAGE,
    write: true,
    ok: 201,
    own: () => ({ url: '/api/survey/questionnaires', payload: { name: '测试问卷', standard: true } }),
    outside: [
      {
        what: 'version copied',
        other: async (who, fx) => ({ url: '/api/survey/questionnaires', payload: { name: '测试问卷', copyFromVersionId: await fx.questionnaireVersion(otherCountyOf(who), 'published') } }),
        missing: () => ({ url: '/api/survey/questionnaires', payload: { name: '测试问卷', copyFromVersionId: MISSING_ID } }),
      },
    ],
  },
  'POST /api/survey/questionnaires/standard': { allowed: SURVEY_MANAGE, write: true, own: () => ({ url: '/api/survey/questionnaires/standard' }) },
  'GET /api/survey/questionnaire-versions/:id': { allowed: [...SURVEY_PROGRESS, 'interviewer'], write: false, ...questionnaireVersionTargets('', 'published') },
  'PUT /api/survey/questionnaire-versions/:id': { allowed: SURVEY_MANAGE, write: true, ...questionnaireVersionTargets('', 'draft', { definition: STANDARD_QUESTIONNAIRE }) },
  'POST /api/survey/questionnaire-versions/:id/publish': { allowed: SURVEY_MANAGE, write: true, ...questionnaireVersionTargets('/publish', 'draft') },
  'POST /api/survey/questionnaire-versions/:id/new-version': { allowed: SURVEY_MANAGE, write: true, ok: 201, ...questionnaireVersionTargets('/new-version', 'published') },
  'GET /api/survey/waves': { allowed: SURVEY_RESULTS, write: false, own: () => ({ url: '/api/survey/waves' }) },
  'POST /api/survey/waves': {
    allowed: SURVEY_MANAGE,
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: '/api/survey/waves', payload: newWaveBody(await fx.questionnaireVersion(countyOf(who), 'published')) }),
    outside: [
      {
        what: 'questionnaire version',
        other: async (who, fx) => ({ url: '/api/survey/waves', payload: newWaveBody(await fx.questionnaireVersion(otherCountyOf(who), 'published')) }),
        missing: () => ({ url: '/api/survey/waves', payload: newWaveBody(MISSING_ID) }),
      },
    ],
  },
  'GET /api/survey/waves/:id': { allowed: SURVEY_PROGRESS, write: false, ...designWaveTargets('', 'draft') },
  'PATCH /api/survey/waves/:id': { allowed: SURVEY_MANAGE, write: true, ...designWaveTargets('', 'draft', () => ({ name: '改名' })) },
  'POST /api/survey/waves/:id/frame/registry': { allowed: SURVEY_MANAGE, write: true, ...designWaveTargets('/frame/registry', 'draft') },
  'POST /api/survey/waves/:id/frame/upload': {
    allowed: SURVEY_MANAGE,
    write: true,
    own: async (who, fx) => {
      const w = await fx.designWave(countyOf(who), 'draft');
      return { url: `/api/survey/waves/${w.waveId}/frame/upload?fileName=a.csv`, payload: `电话,乡镇\r\n13612345678,${w.townshipCode}\r\n`, contentType: 'text/csv' };
    },
    outside: [
      {
        what: 'wave',
        other: async (who, fx) => {
          const w = await fx.designWave(otherCountyOf(who), 'draft');
          return { url: `/api/survey/waves/${w.waveId}/frame/upload?fileName=a.csv`, payload: `电话,乡镇\r\n13612345678,${w.townshipCode}\r\n`, contentType: 'text/csv' };
        },
        missing: () => ({ url: `/api/survey/waves/${MISSING_ID}/frame/upload?fileName=a.csv`, payload: `电话,乡镇\r\n13612345678,370921104\r\n`, contentType: 'text/csv' }),
      },
    ],
  },
  'POST /api/survey/waves/:id/sample': { allowed: SURVEY_MANAGE, write: true, ...designWaveTargets('/sample', 'draft', () => ({})) },
  'DELETE /api/survey/waves/:id/sample': { allowed: SURVEY_MANAGE, write: true, ...designWaveTargets('/sample', 'sampled') },
  'POST /api/survey/waves/:id/open': { allowed: SURVEY_MANAGE, write: true, ...designWaveTargets('/open', 'sampled') },
  'POST /api/survey/waves/:id/release-next': { allowed: SURVEY_MANAGE, write: true, ...designWaveTargets('/release-next', 'fieldwork') },
  'POST /api/survey/waves/:id/close': { allowed: SURVEY_MANAGE, write: true, ...designWaveTargets('/close', 'fieldwork') },
  'GET /api/survey/results/waves': { allowed: SURVEY_RESULTS, write: false, own: () => ({ url: '/api/survey/results/waves' }) },
  'GET /api/survey/waves/:id/results': { allowed: SURVEY_RESULTS, write: false, ...surveyWaveTargets('/results') },
  'GET /api/survey/waves/:id/progress': { allowed: SURVEY_PROGRESS, write: false, ...surveyWaveTargets('/progress?e=0.5') },
  'PUT /api/survey/waves/:id/eligibility': { allowed: SURVEY_MANAGE, write: true, ...surveyWaveTargets('/eligibility', { eligibility: 0.75 }) },
  'POST /api/survey/waves/:id/quality/flags': { allowed: SURVEY_MANAGE, write: true, ...surveyWaveTargets('/quality/flags', {}) },
  'POST /api/survey/waves/:id/quality/recheck-sample': { allowed: SURVEY_MANAGE, write: true, ...surveyWaveTargets('/quality/recheck-sample', {}) },
  'GET /api/survey/waves/:id/quality/rechecks': { allowed: SURVEY_MANAGE, write: false, ...surveyWaveTargets('/quality/rechecks') },
  'PUT /api/survey/interviews/:id/recheck': {
    allowed: SURVEY_MANAGE,
    write: true,
    own: async (who, fx) => ({ url: `/api/survey/interviews/${(await fx.resultsWave(countyOf(who))).interviewId}/recheck`, payload: { result: 'confirmed' } }),
    outside: [
      {
        what: 'interview',
        other: async (who, fx) => ({ url: `/api/survey/interviews/${(await fx.resultsWave(otherCountyOf(who))).interviewId}/recheck`, payload: { result: 'confirmed' } }),
        missing: () => ({ url: `/api/survey/interviews/${MISSING_ID}/recheck`, payload: { result: 'confirmed' } }),
      },
    ],
  },
  'POST /api/survey/interviews/:id/recheck/dial': {
    allowed: SURVEY_MANAGE,
    write: true,
    own: async (who, fx) => ({ url: `/api/survey/interviews/${(await fx.resultsWave(countyOf(who))).interviewId}/recheck/dial` }),
    outside: [
      {
        what: 'interview',
        other: async (who, fx) => ({ url: `/api/survey/interviews/${(await fx.resultsWave(otherCountyOf(who))).interviewId}/recheck/dial` }),
        missing: () => ({ url: `/api/survey/interviews/${MISSING_ID}/recheck/dial` }),
      },
    ],
  },

  // Fieldwork: waves and cases belong to a county; case routes need the caller to hold the case.
  'GET /api/fieldwork/waves': { allowed: SURVEY_CALL, write: false, own: () => ({ url: '/api/fieldwork/waves' }) },
  'GET /api/fieldwork/dispositions': { allowed: ['interviewer', 'survey_supervisor', 'county_admin'], write: false, own: () => ({ url: '/api/fieldwork/dispositions' }) },
  'POST /api/fieldwork/next-case': {
    allowed: SURVEY_CALL,
    write: true,
    own: async (who, fx) => ({ url: '/api/fieldwork/next-case', payload: { waveId: (await fx.fieldworkCase(countyOf(who))).waveId } }),
    outside: [
      {
        what: 'wave',
        other: async (who, fx) => ({ url: '/api/fieldwork/next-case', payload: { waveId: (await fx.fieldworkCase(otherCountyOf(who))).waveId } }),
        missing: () => ({ url: '/api/fieldwork/next-case', payload: { waveId: MISSING_ID } }),
      },
    ],
  },
  'GET /api/fieldwork/cases/:id': { allowed: SURVEY_CALL, write: false, ...fieldworkCaseTargets('') },
  'POST /api/fieldwork/cases/:id/dial': { allowed: SURVEY_CALL, write: true, ...fieldworkCaseTargets('/dial') },
  'PUT /api/fieldwork/cases/:id/interview': {
    allowed: SURVEY_CALL,
    write: true,
    ...fieldworkCaseTargets('/interview', () => ({ submissionId: crypto.randomUUID(), baseRevision: 0, answers: [{ questionCode: 'S1', optionId: 'yes' }], currentQuestion: 'S2' })),
  },
  'POST /api/fieldwork/cases/:id/disposition': { allowed: SURVEY_CALL, write: true, ...fieldworkCaseTargets('/disposition', () => ({ submissionId: crypto.randomUUID(), code: 'T3.13' }), { dialled: true }) },
  'GET /api/fieldwork/waves/:id/appointments': {
    allowed: SURVEY_MANAGE,
    write: false,
    own: async (who, fx) => ({ url: `/api/fieldwork/waves/${(await fx.fieldworkCase(countyOf(who), { appointment: true })).waveId}/appointments` }),
    outside: [
      {
        what: 'wave',
        other: async (who, fx) => ({ url: `/api/fieldwork/waves/${(await fx.fieldworkCase(otherCountyOf(who), { appointment: true })).waveId}/appointments` }),
        missing: () => ({ url: `/api/fieldwork/waves/${MISSING_ID}/appointments` }),
      },
    ],
  },
  'POST /api/fieldwork/cases/:id/reassign': { allowed: SURVEY_MANAGE, write: true, ...fieldworkCaseTargets('/reassign', () => ({ interviewerId: null }), { appointment: true }) },
  'POST /api/fieldwork/cases/:id/release': { allowed: SURVEY_MANAGE, write: true, ...fieldworkCaseTargets('/release') },
  'POST /api/fieldwork/cases/:id/return': { allowed: SURVEY_CALL, write: true, ...fieldworkCaseTargets('/return') },

  // Every card's figures are scoped; workbench.test.ts checks what each role's workbench holds.
  'GET /api/workbench': { allowed: 'signed-in', write: false, own: () => ({ url: '/api/workbench' }) },
  // Case settings and rates are the caller's county's: no subtree to be outside of. Each role asks for the level it may see.
  'GET /api/case-settings': { allowed: CASE_RATES_ROLES, write: false, own: () => ({ url: '/api/case-settings' }) },
  'PUT /api/case-settings': {
    allowed: CASE_CONFIG_ROLES,
    write: true,
    own: () => ({ url: '/api/case-settings', payload: { weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 }, basicallySatisfiedCounts: true, dueSoonHours: 8, callbackAttemptsToClose: 3, autoEscalate: true } }),
  },
  // Signs of gaming (issue 12): county-only; a township admin is refused by role, never shown a flag.
  'POST /api/gaming-signals/detect': {
    allowed: GAMING_REVIEW_ROLES,
    write: true,
    own: async (who, fx) => ({ url: '/api/gaming-signals/detect', payload: { waveId: (await fx.resultsWave(countyOf(who))).waveId } }),
    outside: [
      {
        what: 'wave',
        other: async (who, fx) => ({ url: '/api/gaming-signals/detect', payload: { waveId: (await fx.resultsWave(otherCountyOf(who))).waveId } }),
        missing: () => ({ url: '/api/gaming-signals/detect', payload: { waveId: MISSING_ID } }),
      },
    ],
  },
  'GET /api/gaming-signals': {
    allowed: GAMING_READ_ROLES,
    write: false,
    own: async (who, fx) => (await fx.gamingFlag(countyOf(who)), { url: `/api/gaming-signals?waveId=${(await fx.resultsWave(countyOf(who))).waveId}` }),
    outside: [
      {
        what: 'wave',
        other: async (who, fx) => ({ url: `/api/gaming-signals?waveId=${(await fx.resultsWave(otherCountyOf(who))).waveId}` }),
        missing: () => ({ url: `/api/gaming-signals?waveId=${MISSING_ID}` }),
      },
    ],
    inScope: (body, who) => {
      for (const f of (body as { items: { township: { code: string } }[] }).items) expect(f.township.code.startsWith(countyOf(who))).toBe(true);
    },
  },
  'POST /api/gaming-signals/:id/review': {
    allowed: GAMING_REVIEW_ROLES,
    write: true,
    own: async (who, fx) => ({ url: `/api/gaming-signals/${await fx.gamingFlag(countyOf(who))}/review`, payload: { status: 'confirmed', note: '回访核实' } }),
    outside: [
      {
        what: 'flag',
        other: async (who, fx) => ({ url: `/api/gaming-signals/${await fx.gamingFlag(otherCountyOf(who))}/review`, payload: { status: 'confirmed', note: '回访核实' } }),
        missing: () => ({ url: `/api/gaming-signals/${MISSING_ID}/review`, payload: { status: 'confirmed', note: '回访核实' } }),
      },
    ],
  },
  'GET /api/case-rates': { allowed: CASE_RATES_ROLES, write: false, own: (who) => ({ url: `/api/case-rates?month=2026-11&level=${who.role === 'department_handler' ? 'department' : 'township'}` }) },
  'GET /api/case-rates/export.xlsx': { allowed: CASE_RATES_ROLES, write: false, own: (who) => ({ url: `/api/case-rates/export.xlsx?month=2026-11&level=${who.role === 'department_handler' ? 'department' : 'village'}` }) },
  // The leaders' dashboard is the caller's county's: no subtree to be outside of. A placement naming
  // another county's township is refused as unknown, exactly as one naming no township at all.
  'GET /api/dashboard': { allowed: DASHBOARD_ROLES, write: false, own: () => ({ url: '/api/dashboard' }) },
  'PUT /api/dashboard/tile-layout': {
    allowed: ['county_admin'],
    write: true,
    own: () => ({ url: '/api/dashboard/tile-layout', payload: { tiles: [] } }),
    outside: [
      {
        what: 'township',
        other: (who) => ({ url: '/api/dashboard/tile-layout', payload: { tiles: [{ code: who.other === COUNTY ? GANGCHENG : `${who.other}101`, row: 0, col: 0 }] } }),
        missing: () => ({ url: '/api/dashboard/tile-layout', payload: { tiles: [{ code: '370998101', row: 0, col: 0 }] } }),
        refusedWith: { status: 422, code: 'dashboard_tile_unknown_township' },
      },
    ],
  },

  // The bulletin of a published assessment of the caller's county (a township admin reads published ones); the working notes are the county's only.
  ...Object.fromEntries(
    (
      [
        ['bulletin', ASSESSMENT_READ_ROLES],
        ['bulletin.docx', ASSESSMENT_READ_ROLES],
        ['bulletin.xlsx', ASSESSMENT_READ_ROLES],
        ['working-notes.docx', GAMING_READ_ROLES],
      ] as const
    ).map(([suffix, allowed]): [string, Row] => [
      `GET /api/assessments/:id/${suffix}`,
      {
        allowed,
        write: false,
        own: async (who, fx) => ({ url: `/api/assessments/${await fx.publishedAssessment(countyOf(who))}/${suffix}` }),
        outside: [
          {
            what: 'assessment',
            other: async (who, fx) => ({ url: `/api/assessments/${await fx.publishedAssessment(otherCountyOf(who))}/${suffix}` }),
            missing: () => ({ url: `/api/assessments/${MISSING_ID}/${suffix}` }),
          },
        ],
      },
    ]),
  ),

  // Rectification (整改, issue 12): the county manages, an owner township or department works, the leader reads.
  'GET /api/rectification-tasks': { allowed: RECTIFICATION_READ_ROLES, write: false, own: () => ({ url: '/api/rectification-tasks?status=open,submitted&overdue=false' }) },
  'POST /api/rectification-tasks': {
    allowed: RECTIFICATION_MANAGE_ROLES,
    write: true,
    ok: 201,
    own: async (who, fx) => {
      const code = (await fx.townshipOf(who.home)).code;
      return { url: '/api/rectification-tasks', payload: { townshipCode: code, ownerRegionCode: code, title: '矩阵新建', problem: '手工新建的任务', dueOn: '2099-01-31' } };
    },
    outside: [
      {
        what: 'township',
        refusedWith: { status: 422, code: 'rectification_township_invalid' },
        other: async (who, fx) => {
          const code = (await fx.townshipOf(who.other)).code;
          return { url: '/api/rectification-tasks', payload: { townshipCode: code, ownerRegionCode: code, title: '矩阵新建', problem: '外县', dueOn: '2099-01-31' } };
        },
        missing: (who) => ({ url: '/api/rectification-tasks', payload: { townshipCode: `${who.missing}101`, ownerRegionCode: `${who.missing}101`, title: '矩阵新建', problem: '不存在', dueOn: '2099-01-31' } }),
      },
    ],
  },
  'POST /api/rectification-tasks/proposals': {
    allowed: RECTIFICATION_MANAGE_ROLES,
    write: true,
    own: async (who, fx) => ({ url: '/api/rectification-tasks/proposals', payload: { waveId: (await fx.resultsWave(countyOf(who))).waveId } }),
    outside: [
      {
        what: 'wave',
        other: async (who, fx) => ({ url: '/api/rectification-tasks/proposals', payload: { waveId: (await fx.resultsWave(otherCountyOf(who))).waveId } }),
        missing: () => ({ url: '/api/rectification-tasks/proposals', payload: { waveId: MISSING_ID } }),
      },
    ],
  },
  'GET /api/rectification-tasks/settings': { allowed: RECTIFICATION_READ_ROLES, write: false, own: () => ({ url: '/api/rectification-tasks/settings' }) },
  'PUT /api/rectification-tasks/settings': {
    allowed: RECTIFICATION_MANAGE_ROLES,
    write: true,
    own: () => ({ url: '/api/rectification-tasks/settings', payload: { indexThreshold: 80, domainScoreThreshold: 75, dissatisfactionThreshold: 0.15, caseMinCount: 5, caseAlpha: 0.05 } }),
  },
  'GET /api/rectification-tasks/:id': { allowed: RECTIFICATION_READ_ROLES, write: false, ...rectificationTargets('', 'open') },
  'PATCH /api/rectification-tasks/:id': { allowed: RECTIFICATION_MANAGE_ROLES, write: true, ...rectificationTargets('', 'open', () => ({ measures: '矩阵修改' })) },
  'POST /api/rectification-tasks/:id/confirm': {
    allowed: RECTIFICATION_MANAGE_ROLES,
    write: true,
    ...rectificationTargets('/confirm', 'proposed', async (who, fx) => ({ ownerRegionCode: (await fx.townshipOf(who.home)).code, dueOn: '2099-01-31' })),
  },
  'POST /api/rectification-tasks/:id/drop': { allowed: RECTIFICATION_MANAGE_ROLES, write: true, ...rectificationTargets('/drop', 'proposed', () => ({ reason: '矩阵撤销' })) },
  'POST /api/rectification-tasks/:id/progress': { allowed: RECTIFICATION_OWNER_ROLES, write: true, ...rectificationTargets('/progress', 'open', () => ({ note: '矩阵进展' })) },
  'POST /api/rectification-tasks/:id/submit': { allowed: RECTIFICATION_OWNER_ROLES, write: true, ...rectificationTargets('/submit', 'open', () => ({})) },
  'POST /api/rectification-tasks/:id/accept': { allowed: RECTIFICATION_MANAGE_ROLES, write: true, ...rectificationTargets('/accept', 'submitted', () => ({})) },
  'POST /api/rectification-tasks/:id/return': { allowed: RECTIFICATION_MANAGE_ROLES, write: true, ...rectificationTargets('/return', 'submitted', () => ({ reason: '矩阵退回' })) },
  'POST /api/rectification-tasks/:id/files': {
    allowed: RECTIFICATION_OWNER_ROLES,
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: `/api/rectification-tasks/${await fx.rectificationTask(who, 'open')}/files`, payload: await FIXTURE_JPEG, contentType: 'image/jpeg' }),
    outside: [
      {
        what: 'rectification task',
        other: async (who, fx) => ({ url: `/api/rectification-tasks/${await fx.rectificationTask(who, 'open', { away: true })}/files`, payload: await FIXTURE_JPEG, contentType: 'image/jpeg' }),
        missing: async () => ({ url: `/api/rectification-tasks/${MISSING_ID}/files`, payload: await FIXTURE_JPEG, contentType: 'image/jpeg' }),
      },
    ],
  },
  'GET /api/rectification-tasks/:id/files/:sha256': {
    allowed: RECTIFICATION_READ_ROLES,
    write: false,
    own: async (who, fx) => {
      const id = await fx.rectificationTask(who, 'open');
      return { url: `/api/rectification-tasks/${id}/files/${await fx.rectificationFile(id)}` };
    },
    outside: [
      {
        what: 'rectification file',
        other: async (who, fx) => {
          const id = await fx.rectificationTask(who, 'open', { away: true });
          return { url: `/api/rectification-tasks/${id}/files/${await fx.rectificationFile(id)}` };
        },
        missing: async (who, fx) => ({ url: `/api/rectification-tasks/${await fx.rectificationTask(who, 'open')}/files/${'e'.repeat(64)}` }),
      },
    ],
  },

  // The township assessment (考核, issue 12): the county admin manages; the county leader reads; a township admin reads published ones (drafts 404, assessment.test.ts).
  'GET /api/assessments': { allowed: ASSESSMENT_READ_ROLES, write: false, own: () => ({ url: '/api/assessments' }) },
  'POST /api/assessments': {
    allowed: ASSESSMENT_MANAGE_ROLES,
    write: true,
    ok: 201,
    own: () => ({ url: '/api/assessments', payload: { name: '矩阵测试考核', periodStart: '2025-01-01', periodEnd: '2025-03-31', scheme: FIXTURE_SCHEME } }),
    outside: [
      {
        what: 'previous assessment',
        other: async (who, fx) => ({ url: '/api/assessments', payload: { name: '矩阵测试考核', periodStart: '2025-01-01', periodEnd: '2025-03-31', scheme: FIXTURE_SCHEME, previousId: (await insertAssessment(fx.db_(), { countyCode: otherCountyOf(who), stage: 'published' })).id } }),
        missing: () => ({ url: '/api/assessments', payload: { name: '矩阵测试考核', periodStart: '2025-01-01', periodEnd: '2025-03-31', scheme: FIXTURE_SCHEME, previousId: MISSING_ID } }),
        refusedWith: { status: 422, code: 'validation_failed' },
      },
    ],
  },
  'GET /api/assessments/:id': { allowed: ASSESSMENT_READ_ROLES, write: false, ...assessmentTargets('published', (id) => `/api/assessments/${id}`) },
  'PUT /api/assessments/:id/scheme': { allowed: ASSESSMENT_MANAGE_ROLES, write: true, ...assessmentTargets('draft', (id) => `/api/assessments/${id}/scheme`, { scheme: FIXTURE_SCHEME, note: '矩阵' }) },
  'GET /api/assessments/:id/versions': { allowed: ['county_admin', 'county_leader'], write: false, ...assessmentTargets('draft', (id) => `/api/assessments/${id}/versions`) },
  'POST /api/assessments/:id/adjustments': {
    allowed: ASSESSMENT_MANAGE_ROLES,
    write: true,
    ok: 201,
    ...assessmentTargets('draft', (id) => `/api/assessments/${id}/adjustments`),
    own: async (who, fx) => {
      const a = await insertAssessment(fx.db_(), { countyCode: countyOf(who), stage: 'draft' });
      const township = await fx.db_().selectFrom('region as t').innerJoin('region as c', 'c.id', 't.parent_id').select('t.code').where('c.code', '=', countyOf(who)).where('t.level', '=', 'township').executeTakeFirstOrThrow();
      return { url: `/api/assessments/${a.id}/adjustments`, payload: { townshipCode: township.code, points: 1, reason: '矩阵加分' } };
    },
    outside: [
      {
        what: 'assessment',
        other: async (who, fx) => ({ url: `/api/assessments/${(await insertAssessment(fx.db_(), { countyCode: otherCountyOf(who), stage: 'draft' })).id}/adjustments`, payload: { townshipCode: `${otherCountyOf(who)}101`, points: 1, reason: '矩阵加分' } }),
        missing: (who) => ({ url: `/api/assessments/${MISSING_ID}/adjustments`, payload: { townshipCode: `${otherCountyOf(who)}101`, points: 1, reason: '矩阵加分' } }),
      },
    ],
  },
  'POST /api/assessments/:id/adjustments/:adjustmentId/remove': { allowed: ASSESSMENT_MANAGE_ROLES, write: true, ...assessmentTargets('draft', (id, adjustmentId) => `/api/assessments/${id}/adjustments/${adjustmentId}/remove`, { reason: '矩阵撤销' }) },
  'POST /api/assessments/:id/compute': { allowed: ASSESSMENT_MANAGE_ROLES, write: true, ...assessmentTargets('draft', (id) => `/api/assessments/${id}/compute`) },
  'POST /api/assessments/:id/publish': { allowed: ASSESSMENT_MANAGE_ROLES, write: true, ...assessmentTargets('computed', (id) => `/api/assessments/${id}/publish`) },
  'POST /api/assessments/:id/correction': { allowed: ASSESSMENT_MANAGE_ROLES, write: true, ok: 201, ...assessmentTargets('published', (id) => `/api/assessments/${id}/correction`, { reason: '矩阵更正' }) },
  // The city's spot checks are the caller's county's: no subtree to be outside of.
  'GET /api/city-spot-checks': { allowed: ['county_admin', 'county_leader'], write: false, own: () => ({ url: '/api/city-spot-checks' }) },
  'POST /api/city-spot-checks': {
    allowed: ASSESSMENT_MANAGE_ROLES,
    write: true,
    ok: 201,
    own: () => ({ url: '/api/city-spot-checks', payload: { periodStart: '2025-01-01', periodEnd: '2025-03-31', figure: 'index', estimate: 85, source: '泰联服办〔2025〕2号' } }),
  },
  'POST /api/city-spot-checks/import': {
    allowed: ASSESSMENT_MANAGE_ROLES,
    write: true,
    ok: 201,
    own: () => ({ url: '/api/city-spot-checks/import', payload: '开始日期,结束日期,指标,数值,文号\r\n2025-01-01,2025-03-31,dissatisfaction,0.05,泰联服办〔2025〕2号\r\n', contentType: 'text/csv' }),
  },

  // Visit images: stored by those who record visits; read by whoever sees a visit naming them.
  'POST /api/visit-files': {
    allowed: VISIT_RECORD_ROLES,
    write: true,
    ok: 201,
    own: async () => ({ url: '/api/visit-files?kind=photo', payload: await FIXTURE_JPEG, contentType: 'image/jpeg' }),
  },
  'GET /api/visit-files/:sha256': {
    allowed: [...new Set([...VISIT_RECORD_ROLES, ...VISIT_REPORT_ROLES, ...VISIT_RESOLVE_ROLES, ...VISIT_FLAG_READ_ROLES])],
    write: false,
    own: async (who, fx) => ({ url: `/api/visit-files/${await fx.visitFile(who.home)}` }),
    outside: [{ what: 'visit file', other: async (who, fx) => ({ url: `/api/visit-files/${await fx.visitFile(who.other)}` }), missing: () => ({ url: `/api/visit-files/${'f'.repeat(64)}` }) }],
  },
  // The resident page (群众诉求 · 扫码反映): public, no account; signed-in callers are served alike.
  'GET /api/public/categories': { allowed: 'public', write: false, own: () => ({ url: `/api/public/categories?county=${COUNTY}` }) },
  'GET /api/public/villages': { allowed: 'public', write: false, own: () => ({ url: `/api/public/villages?county=${COUNTY}` }) },
  'POST /api/public/challenges': { allowed: 'public', write: false, ok: 201, own: () => ({ url: '/api/public/challenges' }) },
  'POST /api/public/photos': { allowed: 'public', write: false, ok: 201, own: async () => ({ url: `/api/public/photos?county=${COUNTY}`, payload: await FIXTURE_JPEG, contentType: 'image/jpeg' }) },
  'POST /api/public/cases': {
    allowed: 'public',
    write: false,
    ok: 201,
    own: async (_who, fx) => ({
      url: '/api/public/cases',
      payload: { county: COUNTY, categoryCode: 'env-road-light', villageCode: `${GANGCHENG}201`, description: '村口路灯坏了两周', consentContact: false, ...(await fx.challenge()) },
    }),
  },
  'POST /api/public/track': { allowed: 'public', write: false, own: async (_who, fx) => ({ url: '/api/public/track', payload: { county: COUNTY, trackingCode: await fx.trackingCode() } }) },
  'POST /api/visits': {
    allowed: VISIT_RECORD_ROLES,
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: '/api/visits', payload: { clientId: crypto.randomUUID(), householdId: (await fx.household(who.home)).id, visitedAt: '2026-11-20T02:00:00Z', kind: 'home' } }),
    outside: [
      {
        what: 'household',
        other: async (who, fx) => ({ url: '/api/visits', payload: { clientId: crypto.randomUUID(), householdId: (await fx.household(who.other)).id, visitedAt: '2026-11-20T02:00:00Z', kind: 'home' } }),
        missing: () => ({ url: '/api/visits', payload: { clientId: crypto.randomUUID(), householdId: MISSING_ID, visitedAt: '2026-11-20T02:00:00Z', kind: 'home' } }),
      },
    ],
  },
  'GET /api/visits/:id': { allowed: VISIT_READERS, write: false, ...visitTargets((v) => `/api/visits/${v?.visitId ?? MISSING_ID}`) },
  'GET /api/households/:id/visits': { allowed: VISIT_READERS, write: false, ...householdTargets('/visits') },
  'GET /api/visit-problems': { allowed: VISIT_READERS, write: false, own: (who) => ({ url: `/api/visit-problems?regionCode=${who.home}` }), outside: regionFilter('/api/visit-problems') },
  'GET /api/aid-ledger/conflicts': { allowed: VISIT_RESOLVE_ROLES, write: false, ...visitTargets((v) => `/api/aid-ledger/conflicts?campaignId=${v?.campaignId ?? MISSING_ID}`) },
  'GET /api/aid-ledger/totals': { allowed: VISIT_RESOLVE_ROLES, write: false, ...visitTargets((v) => `/api/aid-ledger/totals?campaignId=${v?.campaignId ?? MISSING_ID}`) },
  'POST /api/aid-deliveries/:id/void': { allowed: VISIT_RESOLVE_ROLES, write: true, ...visitTargets((v) => `/api/aid-deliveries/${v?.deliveryId ?? MISSING_ID}/void`, { reason: '测试作废' }) },
  'GET /api/visit-resend-conflicts': { allowed: VISIT_RESOLVE_ROLES, write: false, own: () => ({ url: '/api/visit-resend-conflicts' }) },
  'POST /api/visit-resend-conflicts/:id/review': { allowed: VISIT_RESOLVE_ROLES, write: true, ...visitTargets((v) => `/api/visit-resend-conflicts/${v?.resendId ?? MISSING_ID}/review`, { note: '已核对' }) },
  'GET /api/hardship-proposals': { allowed: VISIT_RESOLVE_ROLES, write: false, own: () => ({ url: '/api/hardship-proposals' }) },
  'POST /api/hardship-proposals/:id/approve': { allowed: VISIT_RESOLVE_ROLES, write: true, ...visitTargets((v) => `/api/hardship-proposals/${v?.proposalId ?? MISSING_ID}/approve`, {}) },
  'POST /api/hardship-proposals/:id/reject': { allowed: VISIT_RESOLVE_ROLES, write: true, ...visitTargets((v) => `/api/hardship-proposals/${v?.proposalId ?? MISSING_ID}/reject`, { note: '不符合条件' }) },

  // Open311 client systems and the outbox: one list per county, so no subtree to be outside of but the other county's clients.
  'GET /api/open311-clients': { allowed: ['county_admin'], write: false, own: () => ({ url: '/api/open311-clients' }) },
  'POST /api/open311-clients': { allowed: ['county_admin'], write: true, ok: 201, own: (_who, fx) => ({ url: '/api/open311-clients', payload: { name: fx.name('fx_open311') } }) },
  'POST /api/open311-clients/:id/revoke': {
    allowed: ['county_admin'],
    write: true,
    own: async (who, fx) => ({ url: `/api/open311-clients/${await fx.open311Client(countyOf(who))}/revoke` }),
    outside: [{ what: 'client', other: async (who, fx) => ({ url: `/api/open311-clients/${await fx.open311Client(otherCountyOf(who))}/revoke` }), missing: () => ({ url: `/api/open311-clients/${MISSING_ID}/revoke` }) }],
  },
  'GET /api/notifications': { allowed: ['county_admin'], write: false, own: () => ({ url: '/api/notifications' }) },
  'GET /api/audit': {
    allowed: ['county_admin'],
    write: false,
    own: () => ({ url: '/api/audit?limit=200' }),
    outside: regionFilter('/api/audit'),
    inScope: (body, who) => {
      // Entries without a region (unknown usernames' failed sign-ins) are for the top of the tree.
      for (const a of (body as { items: { regionCode: string | null }[] }).items) {
        if (a.regionCode !== null) expect(a.regionCode.startsWith(who.home), a.regionCode).toBe(true);
      }
    },
  },
  // Cases (issue 11). A case "outside" is one in the other subtree, or for a department's handler
  // one its department never had; a case that does not exist answers alike.
  'POST /api/cases': {
    allowed: CASE_REGISTER_ROLES,
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: '/api/cases', payload: { channel: 'window', categoryCode: (await fx.caseCategories(who.home), 'sec-dispute'), regionCode: await fx.village(who.home), title: '矩阵登记', description: '访问矩阵登记的诉求', confirmNew: true } }),
    outside: [
      {
        what: 'region of the case',
        other: (who) => ({ url: '/api/cases', payload: { channel: 'window', categoryCode: 'sec-dispute', regionCode: who.other, title: '矩阵登记', description: '外辖区', confirmNew: true } }),
        missing: (who) => ({ url: '/api/cases', payload: { channel: 'window', categoryCode: 'sec-dispute', regionCode: who.missing, title: '矩阵登记', description: '不存在', confirmNew: true } }),
        refusedWith: { status: 422, code: 'case_region_invalid' },
      },
    ],
  },
  'GET /api/cases': {
    allowed: CASE_READ_ROLES,
    write: false,
    own: async (who, fx) => {
      await fx.case(who, 'dispatched');
      return { url: '/api/cases?limit=200' };
    },
    outside: regionFilter('/api/cases'),
    inScope: (body, who) => {
      expect((body as { items: unknown[] }).items.length).toBeGreaterThan(0);
      if (who.role === 'department_handler') return;
      for (const c of (body as { items: { regionCode: string }[] }).items) expect(c.regionCode.startsWith(who.home), c.regionCode).toBe(true);
    },
  },
  'GET /api/cases/:id': { allowed: CASE_READ_ROLES, write: false, ...caseTargets('', 'dispatched') },
  'POST /api/cases/:id/dispatch': {
    allowed: CASE_DISPATCH_ROLES,
    write: true,
    ...caseTargets('/dispatch', 'registered', async (who, fx, id) => {
      const code = (await fx.db_().selectFrom('resident_case as c').innerJoin('region as r', 'r.id', 'c.region_id').select('r.code').where('c.id', '=', id).executeTakeFirstOrThrow()).code;
      return { unit: { regionCode: code } };
    }),
  },
  'POST /api/cases/:id/accept': { allowed: CASE_UNIT_ROLES, write: true, ...caseTargets('/accept', 'dispatched', () => ({})) },
  'POST /api/cases/:id/notes': { allowed: CASE_UNIT_ROLES, write: true, ...caseTargets('/notes', 'accepted', () => ({ note: '矩阵办理' })) },
  'POST /api/cases/:id/resolve': { allowed: CASE_UNIT_ROLES, write: true, ...caseTargets('/resolve', 'accepted', () => ({ resolution: '矩阵办结' })) },
  'POST /api/cases/:id/escalate': {
    allowed: CASE_UNIT_ROLES,
    write: true,
    ...caseTargets('/escalate', 'dispatched', () => ({ reason: '矩阵上报' })),
    ownAnswer: (who) => (who.role === 'department_handler' ? { status: 409, code: 'case_top_level' } : null),
  },
  'POST /api/cases/:id/return': { allowed: CASE_UNIT_ROLES, write: true, ...caseTargets('/return', 'dispatched', () => ({ reason: '矩阵退回' })) },
  'POST /api/cases/:id/callback': { allowed: CASE_DISPATCH_ROLES, write: true, ...caseTargets('/callback', 'resolved', () => ({ outcome: 'unreachable' })) },
  'POST /api/cases/:id/close': { allowed: CASE_DISPATCH_ROLES, write: true, ...caseTargets('/close', 'called_back', () => ({})) },
  'POST /api/cases/:id/merge': {
    allowed: CASE_DISPATCH_ROLES,
    write: true,
    ...caseTargets('/merge', 'registered', async (who, fx) => ({ intoId: await fx.case(who, 'registered') })),
  },
  'POST /api/cases/:id/reveal-phone': { allowed: REVEAL_PHONE_ROLES.filter((r) => CASE_READ_ROLES.includes(r)), write: false, ...caseTargets('/reveal-phone', 'dispatched', () => REVEAL_PURPOSE) },
  'POST /api/cases/:id/link-resident': {
    allowed: [...new Set([...CASE_DISPATCH_ROLES, ...CASE_UNIT_ROLES])],
    write: true,
    ...caseTargets('/link-resident', 'dispatched', async (who, fx, id) => {
      const code = (await fx.db_().selectFrom('resident_case as c').innerJoin('region as r', 'r.id', 'c.region_id').select('r.code').where('c.id', '=', id).executeTakeFirstOrThrow()).code;
      return { residentId: (await fx.household(code)).residentId };
    }),
  },
  'POST /api/cases/:id/files': {
    allowed: [...new Set([...CASE_DISPATCH_ROLES, ...CASE_UNIT_ROLES])],
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: `/api/cases/${await fx.case(who, 'accepted')}/files`, payload: await FIXTURE_JPEG, contentType: 'image/jpeg' }),
    outside: [
      {
        what: 'case',
        other: async (who, fx) => ({ url: `/api/cases/${await fx.case(who, 'accepted', { away: true })}/files`, payload: await FIXTURE_JPEG, contentType: 'image/jpeg' }),
        missing: async () => ({ url: `/api/cases/${MISSING_ID}/files`, payload: await FIXTURE_JPEG, contentType: 'image/jpeg' }),
      },
    ],
  },
  'GET /api/cases/:id/files/:sha256': {
    allowed: CASE_READ_ROLES,
    write: false,
    own: async (who, fx) => {
      const id = await fx.case(who, 'dispatched');
      return { url: `/api/cases/${id}/files/${await fx.caseFile(id)}` };
    },
    outside: [
      {
        what: 'case file',
        other: async (who, fx) => {
          const id = await fx.case(who, 'dispatched', { away: true });
          return { url: `/api/cases/${id}/files/${await fx.caseFile(id)}` };
        },
        missing: async () => ({ url: `/api/cases/${MISSING_ID}/files/${'e'.repeat(64)}` }),
      },
    ],
  },
  // Issue 11, case intake: 12345 batches are the county admin's; a visit problem becomes a case for
  // whoever registers cases in its area; survey referrals are the survey supervisor's.
  'GET /api/case-batches': { allowed: ['county_admin'], write: false, own: () => ({ url: '/api/case-batches' }) },
  'POST /api/case-batches': {
    allowed: ['county_admin'],
    write: true,
    ok: 201,
    own: (who) => ({ url: '/api/case-batches?fileName=12345.csv', payload: `工单编号,诉求分类,所属乡镇/村,诉求内容\r\nAM-${crypto.randomUUID().slice(0, 8)},env-road-light,${who.home},路灯不亮\r\n`, contentType: 'text/csv' }),
  },
  'GET /api/case-batches/template.xlsx': { allowed: ['county_admin'], write: false, own: () => ({ url: '/api/case-batches/template.xlsx' }) },
  'GET /api/case-batches/:id': {
    allowed: ['county_admin'],
    write: false,
    own: async (who, fx) => ({ url: `/api/case-batches/${await fx.caseBatch(countyOf(who))}` }),
    outside: [{ what: 'batch', other: async (who, fx) => ({ url: `/api/case-batches/${await fx.caseBatch(otherCountyOf(who))}` }), missing: () => ({ url: `/api/case-batches/${MISSING_ID}` }) }],
  },
  'GET /api/case-batches/:id/report.xlsx': {
    allowed: ['county_admin'],
    write: false,
    own: async (who, fx) => ({ url: `/api/case-batches/${await fx.caseBatch(countyOf(who))}/report.xlsx` }),
    outside: [{ what: 'batch', other: async (who, fx) => ({ url: `/api/case-batches/${await fx.caseBatch(otherCountyOf(who))}/report.xlsx` }), missing: () => ({ url: `/api/case-batches/${MISSING_ID}/report.xlsx` }) }],
  },
  'GET /api/case-intake/categories': { allowed: ['county_admin', 'township_admin', 'village_cadre', 'department_handler', 'survey_supervisor'], write: false, own: () => ({ url: '/api/case-intake/categories' }) },
  'POST /api/visit-problems/:id/case': {
    allowed: ['county_admin', 'township_admin', 'village_cadre', 'department_handler'],
    write: true,
    ok: 201,
    own: async (who, fx) => ({ url: `/api/visit-problems/${await fx.visitProblem(who.home)}/case`, payload: {} }),
    outside: [{ what: 'visit problem', other: async (who, fx) => ({ url: `/api/visit-problems/${await fx.visitProblem(who.other)}/case`, payload: {} }), missing: () => ({ url: `/api/visit-problems/${MISSING_ID}/case`, payload: {} }) }],
  },
  'GET /api/survey/waves/:id/referrals': { allowed: SURVEY_MANAGE, write: false, ...surveyWaveTargets('/referrals') },
  // The fixture's wave has no consenting answer: an admitted caller reaches the use case and is told the answer is not eligible.
  'POST /api/survey/waves/:id/referrals': { allowed: SURVEY_MANAGE, write: true, ok: 422, ...surveyWaveTargets('/referrals', { defaultCategoryCode: 'env-road-light', decisions: [{ interviewId: MISSING_ID, action: 'dismiss' }] }) },
};

const methodOf = (key: string) => key.split(' ')[0] as HTTPMethods;

/** The refusal a caller gets whatever the target, or null when the route admits them. */
function refusal(row: Row, who: Who): { status: number; code: string } | null {
  if (row.write && who.role === 'county_leader') return { status: 403, code: 'read_only_role' };
  if (Array.isArray(row.allowed) && !row.allowed.includes(who.role)) return { status: 403, code: 'forbidden' };
  return null;
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string, label: string) {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(status);
  expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
  expect(res.json().code, label).toBe(code);
}

interface Session {
  cookie: string | null;
  csrfToken: string | null;
}

for (const dialect of DIALECTS) {
  describe(`access matrix [${dialect.name}]`, () => {
    let t: TestApp;
    let fx: Fixtures;
    const sessions = new Map<string, Session>();
    let requests = 0;

    const signIn = async (username: string): Promise<Session> => {
      const c = await t.as(username);
      return { cookie: c.cookie, csrfToken: c.csrfToken };
    };
    const sessionFor = async (row: Row, who: Who) => (row.freshSession ? signIn(who.username) : sessions.get(who.username)!);

    /** Sends like the web app: cookie, and the CSRF token on writes unless `csrf` says otherwise. */
    const send = (session: Session | null, method: HTTPMethods, req: Req, csrf: string | null | undefined = session?.csrfToken) => {
      requests++;
      return t.app.inject({
        method,
        url: req.url,
        ...(req.payload ? { payload: req.payload } : {}),
        headers: {
          ...(req.contentType ? { 'content-type': req.contentType } : {}),
          ...(session?.cookie ? { cookie: session.cookie } : {}),
          ...(method !== 'GET' && csrf ? { 'x-csrf-token': csrf } : {}),
        },
      });
    };

    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      fx = new Fixtures(db, t.filesDir);
      // The second county, with a township, a village and an admin of its own.
      const other = await insertRegion(db, { parent: null, code: OTHER_COUNTY, name: '测试县', level: 'county', kind: 'county', openedOn: '2010-01-01' });
      const township = await insertRegion(db, { parent: other, code: `${OTHER_COUNTY}101`, name: '测试镇', level: 'township', kind: 'town', openedOn: '2010-01-01' });
      await insertRegion(db, { parent: township, code: `${OTHER_COUNTY}101201`, name: '测试村', level: 'village', kind: 'village', openedOn: '2010-01-01' });
      await createUser({ db: db, actor: null, source: cliAuditSource('test') }, { username: 'outsider', displayName: '外县管理员', password: DEMO_PASSWORD, roles: ['county_admin'], regionCode: OTHER_COUNTY });
      for (const who of CALLERS) sessions.set(who.username, await signIn(who.username));
    });
    afterAll(async () => {
      console.info(`access matrix [${dialect.name}]: ${requests} requests`);
      await t?.close();
    });

    it('has exactly one row per API route, and callers of every role', () => {
      const served = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
      const rows = Object.keys(MATRIX);
      expect(new Set(served).size, 'a route is registered twice').toBe(served.length);
      expect(
        { routesWithoutRow: served.filter((k) => !rows.includes(k)), rowsWithoutRoute: rows.filter((k) => !served.includes(k)) },
        'add a row to MATRIX for every new route; remove the rows of removed routes',
      ).toEqual({ routesWithoutRow: [], rowsWithoutRoute: [] });
      expect(ROLES.filter((r) => !CALLERS.some((c) => c.role === r)), 'every role needs a caller').toEqual([]);
    });

    for (const [key, row] of Object.entries(MATRIX)) {
      const method = methodOf(key);
      describe(key, () => {
        it('anonymous: 401 on a non-public route, whatever the target', async () => {
          const admin = CALLERS[0]!;
          if (row.allowed === 'public') {
            expect((await send(null, method, await row.own(admin, fx))).statusCode).toBe(row.ok ?? 200);
            return;
          }
          const revoked = await signIn('admin');
          await send(revoked, 'POST', { url: '/api/auth/logout' });
          const strangers: [string, Session | null][] = [
            ['no cookie', null],
            ['unknown session', { cookie: `lianxin_session=${'A'.repeat(43)}`, csrfToken: 'x' }],
            ['ended session', revoked],
          ];
          for (const [label, session] of strangers) {
            for (const build of [row.own, ...(row.outside ?? []).flatMap((o) => [o.other, o.missing])]) {
              expectProblem(await send(session, method, await build(admin, fx)), 401, 'unauthenticated', `${key} ${label}`);
            }
          }
        });

        for (const who of CALLERS) {
          const refused = refusal(row, who);
          const verdict = refused ? `${refused.status} ${refused.code}` : `${row.ok ?? 200}${row.outside ? ' on own subtree, refused alike outside it or on nothing' : ''}`;
          it(`${who.username} (${who.role}): ${verdict}`, async () => {
            const session = await sessionFor(row, who);
            const own = await send(session, method, await row.own(who, fx));
            const answer = refused ? null : (row.ownAnswer?.(who) ?? null);
            if (refused) expectProblem(own, refused.status, refused.code, `${key} own`);
            else if (answer) expectProblem(own, answer.status, answer.code, `${key} own`);
            else {
              expect(own.statusCode, own.body.slice(0, 300)).toBe(row.ok ?? 200);
              row.inScope?.(own.json(), who);
            }
            for (const o of row.outside ?? []) {
              const other = await send(session, method, await o.other(who, fx));
              const missing = await send(session, method, await o.missing(who, fx));
              const label = `${key} ${o.what}`;
              if (refused) expectProblem(other, refused.status, refused.code, `${label} (other subtree)`);
              else expectProblem(other, o.refusedWith?.status ?? 404, o.refusedWith?.code ?? 'not_found', `${label} (other subtree)`);
              expect({ status: missing.statusCode, code: missing.json().code }, `${label}: missing and other answer alike`).toEqual({
                status: other.statusCode,
                code: other.json().code,
              });
            }
          });
        }

        if (method !== 'GET' && row.allowed !== 'public') {
          it('a write without the session’s CSRF token: 403, and nothing changes', async () => {
            const foreignToken = sessions.get('outsider')!.csrfToken!;
            for (const who of CALLERS) {
              const session = await sessionFor(row, who);
              const req = await row.own(who, fx);
              const refused = refusal(row, who);
              for (const [label, token] of [['no token', null], ['wrong token', 'x'.repeat(32)], ['another session’s token', who.username === 'outsider' ? sessions.get('admin')!.csrfToken! : foreignToken]] as const) {
                expectProblem(await send(session, method, req, token), 403, refused?.code ?? 'csrf_failed', `${key} ${who.username} ${label}`);
              }
              // The same request with the token now succeeds: the refused ones created, closed or ended nothing.
              if (!refused) expect((await send(session, method, req)).statusCode, `${key} ${who.username} with token`).toBe(row.ownAnswer?.(who)?.status ?? row.ok ?? 200);
            }
          });
        }
      });
    }
  });
}
