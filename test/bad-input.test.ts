/**
 * Bad input, sent to every API route: malformed and wrongly-typed JSON, wrong, unknown, missing
 * and huge fields, oversized bodies, invalid path parameters, bad query strings and wrong
 * content types. Every answer must be a 4xx problem+json (type, title, status, code, detail)
 * in the caller's language, never a 5xx.
 *
 * Each route has a valid baseline request (checked to succeed first); every case changes one
 * thing in it, so the answer is about that one thing. Field-level cases are derived from the
 * route's OpenAPI schema, so new fields are covered without touching this file. Bodies are sent
 * to every route but GET ones (Fastify does not read a GET body). Paged routes also get cursors
 * shaped like their real ones with one field pushed to an extreme; those may succeed (an odd
 * but valid position) but never fail with a 5xx.
 *
 * Language: a signed-in user's saved choice wins over Accept-Language, so the English run signs
 * in an admin who chose English (and sends Accept-Language: en); the anonymous sign-in runs
 * on Accept-Language alone.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.ts';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { DEMO_PASSWORD } from '../src/server/modules/demo/index.ts';
import { createUser } from '../src/server/modules/users/index.ts';
import { registerCase } from '../src/server/modules/cases/index.ts';
import { knownChallenge } from '../src/server/modules/resident-page/testing/challenge-fixture.ts';
import { localDate } from '../src/shared/time.ts';
import { addDays, VISIT_FILE_CONTENT_TYPES } from '../src/shared/visits/index.ts';
import { insertCampaign, insertStoredFile } from '../src/server/modules/visits/testing/campaign-fixture.ts';
import type { TLocale } from '../src/shared/locale.ts';
import { PROBLEM_MESSAGES, ZProblem, type TProblemCode } from '../src/shared/problem.ts';
import { IMPORT_CONTENT_TYPES } from '../src/shared/registry/import-schemas.ts';
import { CASE_BATCH_CONTENT_TYPES } from '../src/shared/cases/case-batch-schemas.ts';
import { insertBareHouseholds, insertCampaign as insertReportCampaign, insertTargets, insertVisits } from '../src/server/modules/visit-reports/testing/visit-fixture.ts';
import { DIALECTS } from './support/dialects.ts';
import { idNumber, insertHousehold } from './support/registry-fixture.ts';
import { insertDesignWave, insertFieldworkCase, insertFieldworkWave, insertQuestionnaireVersion, writeCaseOutcomes } from './support/survey-fixture.ts';
import { STANDARD_QUESTIONNAIRE } from '../src/server/modules/survey/index.ts';
import { insertCaseAt } from '../src/server/modules/cases/testing/case-fixture.ts';
import { startTestApp, testCipher, type TestApp } from './support/test-app.ts';
import { handMadeResult, insertAssessment as insertBulletinAssessment } from '../src/server/modules/bulletin/testing/bulletin-fixture.ts';
import { insertAssessment } from '../src/server/modules/assessment/testing/assessment-fixture.ts';

const GANGCHENG = '370921104';
const JIANGJI = '370921105';
const NEW_PASSWORD = 'Passw0rd2026';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Baseline {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** A file sent as the body, instead of JSON. */
  upload?: { contentType: string; payload: string | Buffer };
  /** The content types the upload route takes (default: a registry file's). */
  uploadTypes?: readonly string[];
  /** Sent from a new sign-in: signing out ends the session it is sent with. */
  freshSession?: true;
  /** Sent by the survey supervisor (and an English-speaking twin) instead of the county admin: routes of the interviewer workstation; 'unit': by 堽城镇's admin as the unit a case is assigned to (cases' unit steps). */
  as?: 'supervisor' | 'unit';
}

/** Ids of the records the baselines act on (see `fixtures`). */
interface Ids {
  /** Rectification tasks of 堽城镇 in the state each step needs (owner steps by the 'unit' caller), and an uploaded photo. */
  rectification: { read: string; toConfirm: string; toDrop: string; toEdit: string; toProgress: string; toSubmit: string; toAccept: string; toReturn: string; upload: string; file: { taskId: string; sha256: string } };
  /** An Open311 client system of the county, to revoke (revoking twice is harmless). */
  open311Client: string;
  cadre: string;
  gangcheng: string;
  /** A household to read and reveal from. */
  household: { id: string; residentId: string; phoneId: string };
  /** One without hardship labels, to label. */
  unlabelled: { id: string; residentId: string };
  /** One with a label to end. */
  labelled: { id: string; labelId: string };
  /** A hardship household without a cadre, to pair. */
  unpaired: string;
  /** Two pairings, to transfer and to end. */
  pairings: [string, string];
  /** A finished import job of the county. */
  importJob: string;
  /** A photo (JPEG) and the hash under which the county admin stored it. */
  visitPhoto: { bytes: Buffer; sha256: string };
  /** The resident page: a human check with a known answer, a resident's stored photo, a case's tracking code. */
  residentPage: { challengeId: string; challengeAnswer: string; photo: string; trackingCode: string };
  /** A re-import awaiting confirmation (a resident renamed), uploaded by the county admin. */
  importPreview: string;
  /** An open cross-scope conflict of that job. */
  crossScopeConflict: string;
  /** A closed survey wave of the county with two complete interviews drawn for re-checking. */
  resultsWave: { waveId: string; interviewId: string };
  /** Fieldwork cases of the county: held by the supervisor (to read and dial, to answer, to dispose, to hand back), one with an appointment, one held by interviewer2. */
  fieldwork: { waveId: string; held: string; answering: string; disposing: string; returning: string; appointment: string; stuck: string; interviewer1: string };
  /** Visits: a campaign targeting a dibao household, a stored photo and signature, and rows of a visit to act on. */
  visits: { campaignId: string; householdId: string; photo: string; signature: string; visitId: string; deliveryId: string; resendId: string; approve: string; reject: string };
  /** Campaigns of the county: a draft to edit, a draft to open, an open one to close, an open one whose targets are read and reassigned. */
  campaigns: { draft: string; toOpen: string; toClose: string; open: string; custom: string };
  /** An open hardship campaign of the county with a night visit (a flag to review). */
  visitCampaign: { id: string; flagKey: string };
  /** Issue 11 case intake: a stored 12345 batch, an open visit problem, and a consenting answer (Q12 with Q13 yes) of the results wave. */
  caseIntake: { batchId: string; visitProblem: string; referral: string };
  /** Cases' configuration (issue 11): a category of the county and a reminder (督办) on a case in the admin's area. */
  caseConfig: { categoryId: string; reminderId: string };
  /** Issue 12: a published assessment of the county with a hand-made result (the bulletin's routes). */
  bulletinAssessment: string;
  /** A sign of gaming (issue 12) on the results wave, to review. */
  gamingFlag: string;
  /** Policy publicity (issue 12): an activity of 堽城镇 to void. */
  publicity: { activityId: string };
  /** Assessments (issue 12) of the county: a draft to change (with a bonus item to remove), one to compute, a computed one to publish, a published one to read and correct. */
  assessment: { draft: string; adjustment: string; toCompute: string; toPublish: string; published: string };
  /** Cases (issue 11) at the stage each step starts from; the unit ones are with 堽城镇 (the township) as their unit. */
  cases: {
    read: string;
    toDispatch: string;
    toAccept: string;
    toNote: string;
    toResolve: string;
    toEscalate: string;
    toReturn: string;
    toCallback: string;
    toClose: string;
    toMerge: string;
    mergeInto: string;
    file: { caseId: string; sha256: string; bytes: Buffer };
    noteFile: string;
  };
  /** Survey design: questionnaire versions and waves of the county at each stage of their set-up, one per route that changes them. */
  design: {
    published: string;
    toCopy: string;
    toSave: string;
    toPublish: string;
    toVersion: string;
    wave: { waveId: string; townshipCode: string };
    toEdit: { waveId: string; townshipCode: string };
    toFrame: string;
    toUpload: { waveId: string; townshipCode: string };
    toDraw: string;
    toDiscard: string;
    toOpen: string;
    toRelease: string;
    toClose: string;
  };
}

/** A registry file of one resident, as an upload. */
const REGISTRY_CSV = `村代码,户编号,姓名,与户主关系,身份证号\r\n${GANGCHENG}206,BAD-IMPORT-1,赵六,户主,${idNumber('1966-06-06', 105)}\r\n`;

/** A 12345 batch of one work order, as an upload. */
const CASE_BATCH_CSV = `工单编号,诉求分类,所属乡镇/村,诉求内容,联系电话,是否紧急\r\nBAD-12345-1,env-road-light,${GANGCHENG}201,村口路灯不亮,13912345678,否\r\n`;

/** The village the bulk assignment baseline pairs (no other fixture lives there). */
const BULK_VILLAGE = `${GANGCHENG}205`;

/** A campaign definition with every optional field filled in, so that each gets its bad values. */
const CAMPAIGN_DEFINITION = {
  kind: 'hardship',
  name: '冬季走访慰问',
  period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
  done: { deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2 },
  aidStandards: [{ categoryCode: 'dibao', items: [{ code: 'dibao_cash', name: '低保慰问金', amountFen: 30000, goods: [{ code: 'rice', name: '大米', unit: '袋', quantity: 1 }], deliveriesPerHousehold: 1 }] }],
  budgets: [{ townshipCode: GANGCHENG, budgetFen: 2000000 }],
  graceDays: 7,
};

/** A valid request per route, every optional field filled in so that each gets its bad values. */
function baselines(ids: Ids): Record<string, Baseline> {
  const cadreId = ids.cadre;
  return {
    'GET /api/health': {},
    'POST /api/cases': {
      body: {
        channel: 'phone',
        categoryCode: 'relief-temporary',
        regionCode: `${GANGCHENG}201`,
        title: '坏输入登记',
        description: '坏输入测试登记的诉求',
        address: '村委会东100米',
        latitude: 35.8,
        longitude: 116.8,
        urgent: false,
        contactName: '王五',
        contactPhone: '13700009999',
        contactIdNumber: idNumber('1970-01-01', 101),
        residentId: ids.household.residentId,
        consentContact: true,
        confirmNew: true,
      },
    },
    'GET /api/cases': {
      query: { status: 'dispatched,accepted', category: 'relief-temporary', channel: 'window', regionCode: GANGCHENG, unitRegionCode: GANGCHENG, overdue: 'false', dueSoon: 'false', reopened: 'false', urgent: 'false', from: '2026-01-01', to: '2026-12-31', q: '测试', limit: '10' },
    },
    'GET /api/cases/:id': { params: { id: ids.cases.read } },
    'POST /api/cases/:id/dispatch': { params: { id: ids.cases.toDispatch }, body: { unit: { regionCode: `${GANGCHENG}201` }, note: '派村办理' } },
    'POST /api/cases/:id/accept': { as: 'unit', params: { id: ids.cases.toAccept }, body: { note: '已签收' } },
    'POST /api/cases/:id/notes': { as: 'unit', params: { id: ids.cases.toNote }, body: { note: '已入户核实', files: [ids.cases.noteFile] } },
    'POST /api/cases/:id/resolve': { as: 'unit', params: { id: ids.cases.toResolve }, body: { resolution: '已办结', files: [] } },
    'POST /api/cases/:id/escalate': { as: 'unit', params: { id: ids.cases.toEscalate }, body: { reason: '需县民政局' } },
    'POST /api/cases/:id/return': { as: 'unit', params: { id: ids.cases.toReturn }, body: { reason: '不属本镇' } },
    'POST /api/cases/:id/callback': { params: { id: ids.cases.toCallback }, body: { outcome: 'reached', solved: true, satisfaction: 'satisfied', note: '满意' } },
    'POST /api/cases/:id/close': { params: { id: ids.cases.toClose }, body: { note: '结案' } },
    'POST /api/cases/:id/merge': { params: { id: ids.cases.toMerge }, body: { intoId: ids.cases.mergeInto, note: '重复' } },
    'POST /api/cases/:id/files': { params: { id: ids.cases.file.caseId }, upload: { contentType: 'image/jpeg', payload: ids.cases.file.bytes }, uploadTypes: VISIT_FILE_CONTENT_TYPES },
    'GET /api/cases/:id/files/:sha256': { params: { id: ids.cases.file.caseId, sha256: ids.cases.file.sha256 } },
    'POST /api/cases/:id/reveal-phone': { params: { id: ids.cases.read }, body: { purpose: { code: 'other', note: '核对诉求' } } },
    'POST /api/cases/:id/link-resident': { params: { id: ids.cases.read }, body: { residentId: ids.household.residentId } },
    'GET /api/rectification-tasks': { query: { status: 'open,submitted', townshipCode: GANGCHENG, source: 'manual', overdue: 'false' } },
    'POST /api/rectification-tasks': { body: { townshipCode: GANGCHENG, ownerRegionCode: GANGCHENG, domain: 'environment', title: '手工整改', problem: '河道垃圾', measures: '清理', dueOn: '2099-01-31' } },
    'POST /api/rectification-tasks/proposals': { body: { waveId: ids.resultsWave.waveId } },
    'GET /api/rectification-tasks/settings': {},
    'PUT /api/rectification-tasks/settings': { body: { indexThreshold: 80, domainScoreThreshold: 75, dissatisfactionThreshold: 0.15, caseMinCount: 5, caseAlpha: 0.05 } },
    'GET /api/rectification-tasks/:id': { params: { id: ids.rectification.read } },
    'PATCH /api/rectification-tasks/:id': { params: { id: ids.rectification.toEdit }, body: { title: '改后的标题', problem: '改后的问题', measures: '改后的措施', dueOn: '2099-02-28', ownerRegionCode: GANGCHENG } },
    'POST /api/rectification-tasks/:id/confirm': { params: { id: ids.rectification.toConfirm }, body: { ownerRegionCode: GANGCHENG, dueOn: '2099-01-31', measures: '逐村排查', title: '确认的标题' } },
    'POST /api/rectification-tasks/:id/drop': { params: { id: ids.rectification.toDrop }, body: { reason: '重复' } },
    'POST /api/rectification-tasks/:id/progress': { as: 'unit', params: { id: ids.rectification.toProgress }, body: { note: '已整改一半', files: [] } },
    'POST /api/rectification-tasks/:id/submit': { as: 'unit', params: { id: ids.rectification.toSubmit }, body: { note: '已完成' } },
    'POST /api/rectification-tasks/:id/accept': { params: { id: ids.rectification.toAccept }, body: { note: '验收通过' } },
    'POST /api/rectification-tasks/:id/return': { params: { id: ids.rectification.toReturn }, body: { reason: '材料不全' } },
    'POST /api/rectification-tasks/:id/files': { as: 'unit', params: { id: ids.rectification.upload }, upload: { contentType: 'image/jpeg', payload: ids.cases.file.bytes }, uploadTypes: VISIT_FILE_CONTENT_TYPES },
    'GET /api/rectification-tasks/:id/files/:sha256': { params: { id: ids.rectification.file.taskId, sha256: ids.rectification.file.sha256 } },
    'GET /api/deployment': {},
    'GET /api/workbench': {},
    'GET /api/case-categories': {},
    'POST /api/case-categories': {
      body: { code: 'bad-input-new', name: '测试分类', nameEn: 'Test category', description: '', parentId: null, domain: 'environment', departmentId: null, startLevel: 'village', responseHours: 8, resolveDays: 7, urgentHours: 24, open311: false, active: true, sort: 1 },
    },
    'PATCH /api/case-categories/:id': { params: { id: ids.caseConfig.categoryId }, body: { sort: 3, resolveDays: 5 } },
    'GET /api/working-calendar/:year': { params: { year: '2026' } },
    'PUT /api/working-calendar/:year': { params: { year: '2026' }, body: { set: [{ day: '2026-12-26', kind: 'workday', name: '调休上班' }], remove: [] } },
    'POST /api/working-calendar/:year/load': { params: { year: '2026' } },
    'GET /api/case-reminders': { query: { unread: 'true', limit: '10' } },
    'POST /api/case-reminders/:id/read': { params: { id: ids.caseConfig.reminderId } },
    'GET /api/case-settings': {},
    'PUT /api/case-settings': { body: { weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 }, basicallySatisfiedCounts: true, dueSoonHours: 8, callbackAttemptsToClose: 3, autoEscalate: true } },
    'GET /api/case-rates': { query: { month: '2026-11', level: 'village' } },
    'GET /api/case-rates/export.xlsx': { query: { month: '2026-11', level: 'township' } },
    'GET /api/assessments/:id/bulletin': { params: { id: ids.bulletinAssessment }, query: { number: '宁联办〔2026〕12号', date: '2026-12-08', issuer: '宁阳县联系服务群众工作领导小组办公室' } },
    'GET /api/assessments/:id/bulletin.docx': { params: { id: ids.bulletinAssessment }, query: { number: '宁联办〔2026〕12号', date: '2026-12-08' } },
    'GET /api/assessments/:id/bulletin.xlsx': { params: { id: ids.bulletinAssessment }, query: { date: '2026-12-08' } },
    'GET /api/assessments/:id/working-notes.docx': { params: { id: ids.bulletinAssessment } },
    'GET /api/dashboard': {},
    'PUT /api/dashboard/tile-layout': { body: { tiles: [] } },
    'GET /api/policy-publicity/links': {},
    'PUT /api/policy-publicity/links/:questionCode': { params: { questionCode: 'Q10c' }, body: { policyCode: 'dibao' } },
    'GET /api/policy-publicity/activities': { query: { from: '2026-10-01', to: '2026-12-31', townshipCode: GANGCHENG, policyCode: 'dibao', kind: 'meeting', includeVoided: 'true' } },
    'POST /api/policy-publicity/activities': { body: { regionCode: `${GANGCHENG}201`, kind: 'meeting', heldOn: '2026-11-21', title: '医保政策宣讲', audience: 30, note: '', policyCodes: ['medical_insurance'] } },
    'POST /api/policy-publicity/activities/:id/void': { params: { id: ids.publicity.activityId }, body: { reason: '重复录入' } },
    'GET /api/policy-publicity/effort': { query: { from: '2026-10-01', to: '2026-12-31' } },
    'GET /api/policy-publicity/awareness': { query: { waveId: ids.resultsWave.waveId } },
    'GET /api/policy-publicity/awareness/export.xlsx': { query: { waveId: ids.resultsWave.waveId } },
    'POST /api/auth/login': { body: { username: 'admin', password: DEMO_PASSWORD, deviceLabel: '测试手机' } },
    'GET /api/visit-reports/campaigns': {},
    'GET /api/visit-reports/campaigns/:id/coverage': { params: { id: ids.visitCampaign.id }, query: { regionCode: GANGCHENG } },
    'GET /api/visit-reports/campaigns/:id/progress': { params: { id: ids.visitCampaign.id }, query: { regionCode: GANGCHENG } },
    'GET /api/visit-reports/campaigns/:id/missing': { params: { id: ids.visitCampaign.id }, query: { regionCode: GANGCHENG, status: 'due', limit: '10', offset: '0' } },
    'GET /api/visit-reports/campaigns/:id/roster.xlsx': { params: { id: ids.visitCampaign.id }, query: { regionCode: GANGCHENG } },
    'GET /api/visit-reports/campaigns/:id/summary.docx': { params: { id: ids.visitCampaign.id } },
    'GET /api/visit-reports/campaigns/:id/flags': { params: { id: ids.visitCampaign.id }, query: { burstLimit: '6', burstMinutes: '60' } },
    'POST /api/visit-reports/campaigns/:id/flag-reviews': { params: { id: ids.visitCampaign.id }, body: { flagKey: ids.visitCampaign.flagKey, conclusion: 'explained', note: '夜间送医，有证明', burstLimit: 6, burstMinutes: 60 } },
    'POST /api/auth/logout': { freshSession: true },
    'GET /api/auth/me': {},
    'POST /api/auth/password': { body: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } },
    'PUT /api/auth/locale': { body: { locale: 'zh-CN' } },
    'GET /api/departments': {},
    'GET /api/regions/:code': { params: { code: GANGCHENG } },
    'GET /api/regions/:code/children': { params: { code: GANGCHENG }, query: { includeClosed: 'true' } },
    'GET /api/regions/:code/history': { params: { code: GANGCHENG } },
    'POST /api/regions': { body: { parentCode: GANGCHENG, code: `${GANGCHENG}888`, name: '新村', nameEn: 'Xin Village', kind: 'village', openedOn: '2026-01-01' } },
    'POST /api/regions/:code/rename': { params: { code: `${GANGCHENG}201` }, body: { name: '新名村', nameEn: 'Xinming Village', effectiveOn: '2026-01-01' } },
    'POST /api/regions/:code/move': { params: { code: `${GANGCHENG}202` }, body: { newParentCode: JIANGJI, effectiveOn: '2026-01-01' } },
    'POST /api/regions/:code/close': { params: { code: `${GANGCHENG}203` }, body: { closedOn: '2026-06-01', successorCode: `${GANGCHENG}204`, reason: '撤并' } },
    'GET /api/users': { query: { limit: '10', cursor: b64({ id: '1000' }), regionCode: GANGCHENG, role: 'village_cadre', q: 'cadre' } },
    'GET /api/users/:id': { params: { id: cadreId } },
    'POST /api/users': {
      body: { username: 'bad_input_user', displayName: '测试', password: NEW_PASSWORD, roles: ['village_cadre'], regionCode: GANGCHENG, departmentCode: 'mzj', locale: 'en' },
    },
    'PATCH /api/users/:id': {
      params: { id: cadreId },
      body: { displayName: '包村干部', roles: ['village_cadre'], regionCode: `${GANGCHENG}201`, departmentCode: null, active: true, unlock: true },
    },
    'POST /api/users/:id/password': { params: { id: cadreId }, body: { newPassword: NEW_PASSWORD } },
    'GET /api/visit-campaigns': { query: { status: 'open' } },
    'POST /api/visit-campaigns': { body: { definition: CAMPAIGN_DEFINITION, regionCodes: [GANGCHENG], targetFilter: null } },
    'GET /api/visit-campaigns/:id': { params: { id: ids.campaigns.open } },
    'PUT /api/visit-campaigns/:id': { params: { id: ids.campaigns.draft }, body: { definition: { ...CAMPAIGN_DEFINITION, kind: 'custom' }, regionCodes: [GANGCHENG], targetFilter: { villageCodes: [`${GANGCHENG}201`], categoryCodes: ['dibao'] } } },
    'POST /api/visit-campaigns/:id/open': { params: { id: ids.campaigns.toOpen } },
    'POST /api/visit-campaigns/:id/close': { params: { id: ids.campaigns.toClose } },
    'POST /api/visit-campaigns/:id/targets/upload': { params: { id: ids.campaigns.custom }, query: { fileName: 'list.csv' }, upload: { contentType: 'text/csv', payload: '户编号\r\nBAD-1\r\n' } },
    'GET /api/visit-campaigns/:id/targets': { params: { id: ids.campaigns.open }, query: { villageCode: `${GANGCHENG}201`, page: '1', pageSize: '20' } },
    'GET /api/visit-campaigns/:id/cadres': { params: { id: ids.campaigns.open }, query: { villageCode: `${GANGCHENG}201` } },
    'POST /api/visit-campaigns/:id/reassign': { params: { id: ids.campaigns.open }, body: { villageCode: `${GANGCHENG}201`, householdIds: [ids.household.id], cadreId } },
    'GET /api/visits/my-work': {},
    'GET /api/policies': {},
    'PUT /api/policies/:code': { params: { code: 'bad_input_policy' }, body: { name: '测试政策', nameEn: 'Test policy', sort: 500, active: true } },
    'GET /api/users/:id/sessions': { params: { id: cadreId } },
    'POST /api/users/:id/sessions/end': { params: { id: cadreId }, body: {} },
    'POST /api/visit-files': { query: { kind: 'photo' }, upload: { contentType: 'image/jpeg', payload: ids.visitPhoto.bytes }, uploadTypes: VISIT_FILE_CONTENT_TYPES },
    'GET /api/visit-files/:sha256': { params: { sha256: ids.visitPhoto.sha256 } },
    'GET /api/public/categories': { query: { county: '370921' } },
    'GET /api/public/villages': { query: { county: '370921' } },
    'POST /api/public/challenges': {},
    'POST /api/public/photos': { query: { county: '370921' }, upload: { contentType: 'image/jpeg', payload: ids.visitPhoto.bytes }, uploadTypes: VISIT_FILE_CONTENT_TYPES },
    'POST /api/public/cases': {
      body: {
        county: '370921',
        categoryCode: 'env-road-light',
        villageCode: `${GANGCHENG}201`,
        description: '村口三盏路灯坏了两周',
        photoSha256: ids.residentPage.photo,
        contactName: '张大爷',
        contactPhone: '13812345678',
        consentContact: true,
        challengeId: ids.residentPage.challengeId,
        challengeAnswer: ids.residentPage.challengeAnswer,
      },
    },
    'POST /api/public/track': { body: { county: '370921', trackingCode: ids.residentPage.trackingCode } },
    'GET /api/hardship-categories': {},
    'PUT /api/hardship-categories/:code': { params: { code: 'bad_input_category' }, body: { name: '测试类别', nameEn: 'Test category', sort: 500, active: true } },
    'GET /api/residents/export.xlsx': { query: { q: '王', regionCode: GANGCHENG, category: 'dibao', paired: 'false' } },
    'GET /api/residents': { query: { q: '王', regionCode: GANGCHENG, category: 'dibao', paired: 'false', cursor: b64({ id: '1' }), limit: '10' } },
    'GET /api/households/:id': { params: { id: ids.household.id } },
    'POST /api/residents/:id/reveal-id-number': { params: { id: ids.household.residentId }, body: { purpose: { code: 'other', note: '核对低保申请材料' } } },
    'POST /api/resident-phones/:id/reveal': { params: { id: ids.household.phoneId }, body: { purpose: { code: 'home_visit' } } },
    'POST /api/households/:id/hardship': {
      params: { id: ids.unlabelled.id },
      body: { categoryCode: 'tekun', residentId: ids.unlabelled.residentId, validFrom: '2026-01-01', source: '民政局名册', note: '备注' },
    },
    'POST /api/households/:id/hardship/:labelId/end': { params: { id: ids.labelled.id, labelId: ids.labelled.labelId }, body: { validTo: '2026-06-01', note: '脱困' } },
    'POST /api/households/:id/pairings': { params: { id: ids.unpaired }, body: { cadreId, role: 'helper', startedOn: '2025-06-01', reason: '结对' } },
    'POST /api/pairings/:id/transfer': { params: { id: ids.pairings[0] }, body: { toCadreId: ids.gangcheng, on: '2025-06-01', reason: '调岗' } },
    'POST /api/pairings/:id/end': { params: { id: ids.pairings[1] }, body: { on: '2025-06-01', reason: '脱困' } },
    'POST /api/pairings/bulk-assign': { body: { villageCode: BULK_VILLAGE, cadreId, startedOn: '2025-06-01', reason: '批量', category: 'dibao' } },
    'GET /api/pairings/report': { query: { regionCode: GANGCHENG } },
    'POST /api/imports/households': { query: { fileName: '台账.csv', mode: 'partial' }, upload: { contentType: 'text/csv', payload: REGISTRY_CSV } },
    'GET /api/imports': { query: { limit: '10' } },
    'GET /api/imports/cross-scope-conflicts': { query: { status: 'all', limit: '10' } },
    'POST /api/imports/cross-scope-conflicts/:id/resolve': { params: { id: ids.crossScopeConflict }, body: { resolution: 'typing_error', note: '录入错误' } },
    'GET /api/imports/:id': { params: { id: ids.importJob } },
    'GET /api/imports/:id/issues': { params: { id: ids.importJob }, query: { limit: '10' } },
    'GET /api/imports/:id/report.xlsx': { params: { id: ids.importJob } },
    'GET /api/imports/:id/issue-groups': { params: { id: ids.importJob } },
    'GET /api/imports/:id/changes': { params: { id: ids.importPreview }, query: { limit: '1' } },
    'POST /api/imports/:id/confirm': { params: { id: ids.importPreview }, body: {} },
    'GET /api/imports/template.xlsx': {},
    'GET /api/survey/questionnaires': {},
    'POST /api/survey/questionnaires': { body: { name: '坏输入问卷', nameEn: 'Bad-input questionnaire', standard: false, copyFromVersionId: ids.design.toCopy } },
    'POST /api/survey/questionnaires/standard': {},
    'GET /api/survey/questionnaire-versions/:id': { params: { id: ids.design.published } },
    'PUT /api/survey/questionnaire-versions/:id': { params: { id: ids.design.toSave }, body: { definition: STANDARD_QUESTIONNAIRE, name: '改名问卷', nameEn: 'Renamed' } },
    'POST /api/survey/questionnaire-versions/:id/publish': { params: { id: ids.design.toPublish } },
    'POST /api/survey/questionnaire-versions/:id/new-version': { params: { id: ids.design.toVersion } },
    'GET /api/survey/waves': { query: { status: 'draft' } },
    'POST /api/survey/waves': {
      body: {
        questionnaireVersionId: ids.design.published,
        name: '坏输入轮次',
        startsOn: '2026-03-01',
        endsOn: '2026-03-20',
        callingHours: [
          { from: '09:00', to: '11:30' },
          { from: '14:00', to: '24:00' },
        ],
        maxAttempts: 5,
        phoneQuota: { mobile: 6, landline: 4 },
        allocation: 'neyman',
        minPerTownship: 2,
        targetCompletes: 100,
        numbersPerComplete: 2.5,
        replicateCount: 4,
      },
    },
    'GET /api/survey/waves/:id': { params: { id: ids.design.wave.waveId } },
    'PATCH /api/survey/waves/:id': {
      params: { id: ids.design.toEdit.waveId },
      body: {
        questionnaireVersionId: ids.design.published,
        name: '改名轮次',
        startsOn: '2026-04-01',
        endsOn: '2026-04-20',
        callingHours: [{ from: '08:30', to: '12:00' }],
        maxAttempts: 6,
        phoneQuota: { mobile: 7, landline: 3 },
        allocation: 'equal',
        minPerTownship: 1,
        targetCompletes: 5,
        numbersPerComplete: 2,
        replicateCount: 3,
        strata: [{ townshipCode: ids.design.toEdit.townshipCode, population: 1200, assumedSd: 20 }],
      },
    },
    'POST /api/survey/waves/:id/frame/registry': { params: { id: ids.design.toFrame } },
    'POST /api/survey/waves/:id/frame/upload': {
      params: { id: ids.design.toUpload.waveId },
      query: { fileName: '号码.csv' },
      upload: { contentType: 'text/csv', payload: `电话,乡镇\r\n13612345678,${ids.design.toUpload.townshipCode}\r\n` },
    },
    'POST /api/survey/waves/:id/sample': { params: { id: ids.design.toDraw }, body: { seed: '0123456789abcdef' } },
    'DELETE /api/survey/waves/:id/sample': { params: { id: ids.design.toDiscard } },
    'POST /api/survey/waves/:id/open': { params: { id: ids.design.toOpen } },
    'POST /api/survey/waves/:id/release-next': { params: { id: ids.design.toRelease } },
    'POST /api/survey/waves/:id/close': { params: { id: ids.design.toClose } },
    'GET /api/survey/results/waves': {},
    'GET /api/survey/waves/:id/results': { params: { id: ids.resultsWave.waveId } },
    'POST /api/gaming-signals/detect': { body: { waveId: ids.resultsWave.waveId } },
    'GET /api/gaming-signals': { query: { waveId: ids.resultsWave.waveId, status: 'new' } },
    'POST /api/gaming-signals/:id/review': { params: { id: ids.gamingFlag }, body: { status: 'dismissed', note: '已核实，属正常波动' } },
    'GET /api/survey/waves/:id/progress': { params: { id: ids.resultsWave.waveId }, query: { e: '0.5' } },
    'PUT /api/survey/waves/:id/eligibility': { params: { id: ids.resultsWave.waveId }, body: { eligibility: 0.62 } },
    'POST /api/survey/waves/:id/quality/flags': { params: { id: ids.resultsWave.waveId }, body: { shortFraction: 0.4, minStraightLineAnswers: 6 } },
    'POST /api/survey/waves/:id/quality/recheck-sample': { params: { id: ids.resultsWave.waveId }, body: { percent: 5, seed: 'abc' } },
    'GET /api/survey/waves/:id/quality/rechecks': { params: { id: ids.resultsWave.waveId }, query: { limit: '10', cursor: b64({ id: '1' }), state: 'pending' } },
    'PUT /api/survey/interviews/:id/recheck': { params: { id: ids.resultsWave.interviewId }, body: { result: 'confirmed', note: '受访者确认' } },
    'POST /api/survey/interviews/:id/recheck/dial': { params: { id: ids.resultsWave.interviewId } },
    'GET /api/fieldwork/waves': { as: 'supervisor' },
    'GET /api/fieldwork/dispositions': { as: 'supervisor' },
    'POST /api/fieldwork/next-case': { as: 'supervisor', body: { waveId: ids.fieldwork.waveId } },
    'GET /api/fieldwork/cases/:id': { as: 'supervisor', params: { id: ids.fieldwork.held } },
    'POST /api/fieldwork/cases/:id/dial': { as: 'supervisor', params: { id: ids.fieldwork.held } },
    'PUT /api/fieldwork/cases/:id/interview': {
      as: 'supervisor',
      params: { id: ids.fieldwork.answering },
      body: { submissionId: '6f1c2a5e-8d1b-4a57-9d0e-3b2f4c5d6e7f', baseRevision: 0, answers: [{ questionCode: 'S1', optionId: 'yes' }], currentQuestion: 'S2' },
    },
    'POST /api/fieldwork/cases/:id/disposition': {
      as: 'supervisor',
      params: { id: ids.fieldwork.disposing },
      body: { submissionId: '0b9d8c7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e', code: 'T2.21', note: '约晚上', appointmentAt: '2099-01-01T11:00:00Z', callbackAt: '2099-01-01T12:00:00+08:00' },
    },
    'GET /api/fieldwork/waves/:id/appointments': { as: 'supervisor', params: { id: ids.fieldwork.waveId }, query: { includePast: 'true' } },
    'POST /api/fieldwork/cases/:id/reassign': { as: 'supervisor', params: { id: ids.fieldwork.appointment }, body: { interviewerId: ids.fieldwork.interviewer1, note: '改派' } },
    'POST /api/fieldwork/cases/:id/release': { as: 'supervisor', params: { id: ids.fieldwork.stuck } },
    'POST /api/fieldwork/cases/:id/return': { as: 'supervisor', params: { id: ids.fieldwork.returning } },
    'POST /api/visits': {
      body: {
        clientId: '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd',
        campaignId: ids.visits.campaignId,
        householdId: ids.visits.householdId,
        companions: [{ userId: cadreId, name: '包村干部' }],
        visitedAt: `${addDays(localDate(), -1)}T02:00:00Z`,
        kind: 'home',
        met: [{ name: '王五', relation: '户主' }],
        situation: '身体尚可',
        problems: [{ text: '路灯坏了', domain: 'public_security' }],
        policiesExplained: ['dibao'],
        aid: [{ itemCode: 'rice', goods: [{ code: 'rice_10kg', quantity: 1 }] }],
        photos: [{ sha256: ids.visits.photo, capturedAt: `${addDays(localDate(), -1)}T01:59:00Z` }],
        acknowledgement: { kind: 'signed', signatureSha256: ids.visits.signature },
        hardshipProposals: [{ action: 'add', categoryCode: 'serious_illness', reason: '重病' }],
      },
    },
    'GET /api/visits/:id': { params: { id: ids.visits.visitId } },
    'GET /api/households/:id/visits': { params: { id: ids.visits.householdId } },
    'GET /api/visit-problems': { query: { regionCode: GANGCHENG, status: 'open' } },
    // Issue 11, case intake.
    'GET /api/case-batches': { query: { limit: '10' } },
    'POST /api/case-batches': { query: { fileName: '12345.csv' }, upload: { contentType: 'text/csv', payload: CASE_BATCH_CSV }, uploadTypes: CASE_BATCH_CONTENT_TYPES },
    'GET /api/case-batches/template.xlsx': {},
    'GET /api/case-batches/:id': { params: { id: ids.caseIntake.batchId } },
    'GET /api/case-batches/:id/report.xlsx': { params: { id: ids.caseIntake.batchId } },
    'GET /api/case-intake/categories': {},
    'POST /api/visit-problems/:id/case': { params: { id: ids.caseIntake.visitProblem }, body: { categoryCode: 'env-road-light', urgent: true } },
    'GET /api/survey/waves/:id/referrals': { params: { id: ids.resultsWave.waveId } },
    'POST /api/survey/waves/:id/referrals': { params: { id: ids.resultsWave.waveId }, body: { defaultCategoryCode: 'env-road-light', decisions: [{ interviewId: ids.caseIntake.referral, action: 'refer', categoryCode: 'relief-temporary' }] } },
    'GET /api/aid-ledger/conflicts': { query: { campaignId: ids.visits.campaignId } },
    'GET /api/aid-ledger/totals': { query: { campaignId: ids.visits.campaignId } },
    'POST /api/aid-deliveries/:id/void': { params: { id: ids.visits.deliveryId }, body: { reason: '重复登记' } },
    'GET /api/visit-resend-conflicts': { query: { status: 'open' } },
    'POST /api/visit-resend-conflicts/:id/review': { params: { id: ids.visits.resendId }, body: { note: '已核对' } },
    'GET /api/hardship-proposals': { query: { status: 'pending' } },
    'POST /api/hardship-proposals/:id/approve': { params: { id: ids.visits.approve }, body: { note: '同意' } },
    'POST /api/hardship-proposals/:id/reject': { params: { id: ids.visits.reject }, body: { note: '不符合' } },
    // Issue 12, the township assessment (考核) and the city's spot checks.
    'GET /api/assessments': {},
    'POST /api/assessments': {
      body: {
        name: '2025年第一季度乡镇考核',
        periodStart: '2025-01-01',
        periodEnd: '2025-03-31',
        previousId: ids.assessment.published,
        scheme: { components: [{ key: 'survey_index', weight: 0.6, scaling: { kind: 'fixed', worst: 50, best: 100 } }, { key: 'case_response', weight: 0.4, scaling: { kind: 'relative', higherIsBetter: true } }], waveIds: [ids.resultsWave.waveId] },
        note: '初始方案',
      },
    },
    'GET /api/assessments/:id': { params: { id: ids.assessment.published } },
    'PUT /api/assessments/:id/scheme': {
      params: { id: ids.assessment.draft },
      body: { scheme: { components: [{ key: 'survey_index', weight: 0.5, scaling: { kind: 'fixed', worst: 50, best: 100 } }, { key: 'rectification_on_time', weight: 0.5, scaling: { kind: 'fixed', worst: 0, best: 1 } }], waveIds: [ids.resultsWave.waveId] }, note: '调整权重' },
    },
    'GET /api/assessments/:id/versions': { params: { id: ids.assessment.draft } },
    'POST /api/assessments/:id/adjustments': { params: { id: ids.assessment.draft }, body: { townshipCode: GANGCHENG, points: 1.5, reason: '获市级表彰' } },
    'POST /api/assessments/:id/adjustments/:adjustmentId/remove': { params: { id: ids.assessment.draft, adjustmentId: ids.assessment.adjustment }, body: { reason: '录入有误' } },
    'POST /api/assessments/:id/compute': { params: { id: ids.assessment.toCompute } },
    'POST /api/assessments/:id/publish': { params: { id: ids.assessment.toPublish } },
    'POST /api/assessments/:id/correction': { params: { id: ids.assessment.published }, body: { name: '2025年第一季度乡镇考核（更正）', reason: '数据补录' } },
    'GET /api/city-spot-checks': {},
    'POST /api/city-spot-checks': {
      body: { periodStart: '2025-01-01', periodEnd: '2025-03-31', figure: 'satisfaction', estimate: 0.9, n: 600, lower: 0.88, upper: 0.92, source: '泰联服办〔2025〕2号', cityRank: 2, cityCounties: 6 },
    },
    'POST /api/city-spot-checks/import': {
      upload: { contentType: 'text/csv', payload: '开始日期,结束日期,指标,数值,样本量,区间下限,区间上限,文号,全市位次,县区数\r\n2025-01-01,2025-03-31,index,85.2,600,84,86.4,泰联服办〔2025〕2号,3,6\r\n' },
      uploadTypes: IMPORT_CONTENT_TYPES,
    },
    'GET /api/open311-clients': {},
    'POST /api/open311-clients': { body: { name: '坏输入测试系统' } },
    'POST /api/open311-clients/:id/revoke': { params: { id: ids.open311Client } },
    'GET /api/notifications': { query: { status: 'pending', limit: '10', cursor: b64({ id: '100000' }) } },
    'GET /api/audit': {
      query: {
        limit: '10',
        cursor: b64({ id: '100000' }),
        actor: 'admin',
        action: 'auth.login',
        entityType: 'user',
        regionCode: '370921',
        from: '2026-01-01T00:00:00Z',
        to: '2099-01-01T00:00:00+08:00',
      },
    },
  };
}
// Only the keys matter here: every id the baselines read is a placeholder (a nested proxy), so a
// new fixture id never has to be listed twice.
const anyIds = (): Ids => new Proxy({}, { get: (_t, key) => (key === Symbol.toPrimitive ? () => '1' : key === 'bytes' ? Buffer.alloc(0) : key === 'then' ? undefined : anyIds()) }) as unknown as Ids;
const ROUTE_KEYS = Object.keys(baselines(anyIds()));

/** Households and pairings in 堽城镇 for the baselines to act on. */
async function fixtures(t: TestApp): Promise<Ids> {
  const db = t.database.db;
  const userId = async (username: string) => (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const [cadre, gangcheng] = [await userId('cadre'), await userId('gangcheng')];
  let n = 0;
  const household = async (hardship: boolean) => {
    n++;
    const { householdId, residentIds } = await insertHousehold(db, testCipher, {
      villageCode: `${GANGCHENG}201`,
      householdNo: `BAD-${n}`,
      members: [{ name: '王五', idNumber: idNumber('1970-01-01', 100 + n), relationship: '户主', phones: [`1390000000${n}`] }],
      hardship: hardship ? ['dibao'] : [],
    });
    const phone = await db.selectFrom('resident_phone').select('id').where('resident_id', '=', residentIds[0]!).executeTakeFirstOrThrow();
    const label = await db.selectFrom('household_hardship').select('id').where('household_id', '=', householdId).executeTakeFirst();
    return { id: householdId, residentId: residentIds[0]!, phoneId: phone.id, labelId: label?.id ?? '' };
  };
  const pairing = async () => {
    const h = await household(true);
    const row = await db.insertInto('pairing').values({ county_code: '370921', household_id: h.id, cadre_id: cadre, role: 'responsible', started_on: '2025-01-01' }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };
  const visitCampaign = async () => {
    const id = await insertReportCampaign(db, { regionCode: '370921', definition: { kind: 'hardship', name: '坏输入走访', period: { startsOn: '2026-11-15', endsOn: '2026-12-31' }, done: { deadline: '2026-12-31' } } });
    // A bare household (no residents): the fixture's own household() numbers phones by a counter it owns.
    const [h] = await insertBareHouseholds(db, { villageCode: `${GANGCHENG}201`, count: 1, prefix: 'BAD-VISIT' });
    await insertTargets(db, id, [{ householdId: h!, hardship: true, categoryCodes: ['dibao'] }]);
    await insertVisits(db, [{ campaignId: id, householdId: h!, recordedBy: cadre, visitedAt: '2026-12-01T15:30:00Z' }]);
    return { id, flagKey: `night:${cadre}:2026-12-01` };
  };
  const publicity = async () => {
    const township = await db.selectFrom('region').select(['id', 'path']).where('code', '=', GANGCHENG).executeTakeFirstOrThrow();
    const row = await db.insertInto('publicity_activity').values({ county_code: '370921', region_id: township.id, region_path: township.path, kind: 'meeting', held_on: '2026-11-20', title: '低保政策宣讲会', audience: 40, created_by: null, created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('publicity_activity_policy').values({ activity_id: row.id, policy_code: 'dibao' }).execute();
    return { activityId: row.id };
  };
  const resultsWave = async () => {
    const wave = await insertFieldworkWave(db, testCipher, { townshipCodes: [GANGCHENG], casesPerTownship: 3, status: 'closed' });
    const interviewerId = await userId('interviewer1');
    const caseIds = wave.cases.get(GANGCHENG)!.slice(0, 2);
    const interviews = await writeCaseOutcomes(db, caseIds.map((caseId) => ({ caseId, interviewerId, attempts: [{ disposition: '1.1', seconds: 400 }], interview: { status: 'complete' as const, answers: { Q1: 'satisfied' } } })));
    await db.updateTable('interview').set({ recheck: true }).where('wave_id', '=', wave.waveId).execute();
    return { waveId: wave.waveId, interviewId: interviews.get(caseIds[0]!)! };
  };
  const fieldwork = async () => {
    const held = await insertFieldworkCase(db, testCipher, { countyCode: '370921', heldBy: 'supervisor' });
    const one = async (o: { heldBy?: string; appointment?: boolean; dialled?: boolean }) => (await insertFieldworkCase(db, testCipher, { countyCode: '370921', ...o })).caseId;
    return {
      waveId: held.waveId,
      held: held.caseId,
      answering: await one({ heldBy: 'supervisor' }),
      disposing: await one({ heldBy: 'supervisor', dialled: true }),
      returning: await one({ heldBy: 'supervisor' }),
      appointment: await one({ appointment: true }),
      stuck: await one({ heldBy: 'interviewer2' }),
      interviewer1: await userId('interviewer1'),
    };
  };
  const design = async () => {
    const version = (status: 'draft' | 'published') => insertQuestionnaireVersion(db, { countyCode: '370921', status });
    const wave = (stage: 'draft' | 'sampled' | 'fieldwork') => insertDesignWave(db, testCipher, { countyCode: '370921', stage });
    return {
      published: await version('published'),
      toCopy: await version('published'),
      toSave: await version('draft'),
      toPublish: await version('draft'),
      toVersion: await version('published'),
      wave: await wave('draft'),
      toEdit: await wave('draft'),
      toFrame: (await wave('draft')).waveId,
      toUpload: await wave('draft'),
      toDraw: (await wave('draft')).waveId,
      toDiscard: (await wave('sampled')).waveId,
      toOpen: (await wave('sampled')).waveId,
      toRelease: (await wave('fieldwork')).waveId,
      toClose: (await wave('fieldwork')).waveId,
    };
  };
  const visits = async () => {
    const h = { id: (await insertHousehold(db, testCipher, { villageCode: `${GANGCHENG}201`, householdNo: 'BAD-VISIT', members: [{ name: '王五', idNumber: idNumber('1971-01-01', 180), relationship: '户主' }], hardship: ['dibao'] })).householdId };
    const campaignId = await insertCampaign(db, { regionCode: '370921', startsOn: addDays(localDate(), -30), endsOn: addDays(localDate(), 30), targets: [{ householdId: h.id, categoryCodes: ['dibao'] }] });
    const v = await db.selectFrom('household as hh').innerJoin('region as r', 'r.id', 'hh.village_id').select(['hh.village_id', 'r.parent_id']).where('hh.id', '=', h.id).executeTakeFirstOrThrow();
    const body = { clientId: crypto.randomUUID(), campaignId, householdId: h.id, visitedAt: '2026-11-20T02:00:00.000Z', kind: 'home' };
    const visit = await db
      .insertInto('visit')
      .values({ client_id: body.clientId, county_code: '370921', campaign_id: campaignId, household_id: h.id, village_id: v.village_id, recorded_by: cadre, kind: 'home', visited_at: body.visitedAt, body: JSON.stringify(body), body_sha256: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rowBase = { county_code: '370921', visit_id: visit.id, household_id: h.id };
    const delivery = await db
      .insertInto('aid_delivery')
      .values({ ...rowBase, campaign_id: campaignId, township_id: v.parent_id!, item_code: 'dibao_cash', amount_fen: '30000', goods: '[]', acknowledgement: JSON.stringify({ kind: 'cannot_sign', witnessName: '见证人' }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('visit_problem').values({ ...rowBase, village_id: v.village_id, ordinal: 1, text: '测试问题', domain: 'medical' }).execute();
    const [approve, reject] = await db
      .insertInto('hardship_proposal')
      .values(['other', 'tekun'].map((code) => ({ ...rowBase, village_id: v.village_id, action: 'add' as const, category_code: code, reason: '测试' })))
      .returning('id')
      .execute();
    const resend = await db
      .insertInto('visit_resend_conflict')
      .values({ county_code: '370921', visit_id: visit.id, received_by: cadre, body: JSON.stringify({ ...body, kind: 'phone' }), body_sha256: 'y', diff_paths: ['kind'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      campaignId,
      householdId: h.id,
      photo: await insertStoredFile(db, { kind: 'photo' }),
      signature: await insertStoredFile(db, { kind: 'signature' }),
      visitId: visit.id,
      deliveryId: delivery.id,
      resendId: resend.id,
      approve: approve!.id,
      reject: reject!.id,
    };
  };
  const campaigns = async () => {
    const region = async (code: string) => db.selectFrom('region').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const [countyRegion, village] = [await region('370921'), await region(`${GANGCHENG}201`)];
    const campaign = async (status: 'draft' | 'open', kind: 'hardship' | 'custom' = 'hardship') => {
      const row = await db
        .insertInto('visit_campaign')
        .values({ county_code: '370921', region_id: countyRegion.id, kind, name: '冬季走访慰问', status, starts_on: '2026-11-15', ends_on: '2026-12-31', deadline: '2026-12-31', grace_days: 7, definition: JSON.stringify({ ...CAMPAIGN_DEFINITION, kind }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('visit_campaign_region').values({ campaign_id: row.id, region_id: village.id }).execute();
      if (status === 'open') {
        const households = await db.selectFrom('household').select('id').where('village_id', '=', village.id).execute();
        await db.insertInto('visit_target').values(households.map((h) => ({ campaign_id: row.id, household_id: h.id, county_code: '370921', village_id: village.id, hardship: true, category_codes: ['dibao'] }))).execute();
      }
      return row.id;
    };
    return { draft: await campaign('draft'), toOpen: await campaign('draft'), toClose: await campaign('open'), open: await campaign('open'), custom: await campaign('draft', 'custom') };
  };
  const importJob = crypto.randomUUID();
  const county = await db.selectFrom('region').select('id').where('code', '=', '370921').executeTakeFirstOrThrow();
  await db.insertInto('import_job').values({ id: importJob, county_code: '370921', region_id: county.id, user_id: null, kind: 'households', file_name: '台账.csv', mode: 'partial', status: 'succeeded' }).execute();
  for (const row of [3, 4]) await db.insertInto('import_issue').values({ job_id: importJob, row_no: row, column_name: '身份证号', value: '3709**********1234', problem: 'id_number_invalid' }).execute();
  // Three (on three households: one open conflict per record hit), so that the open list still has
  // a second page for its cursor cases after the resolve baseline has resolved one.
  const conflictRows = [];
  for (const row of [2, 3, 4]) {
    const hit = await household(false);
    const { village_id } = await db.selectFrom('household').select('village_id').where('id', '=', hit.id).executeTakeFirstOrThrow();
    conflictRows.push({ county_code: '370921', import_region_id: county.id, village_id, job_id: importJob, row_no: row, kind: 'household_no' as const, household_no: `BAD-X${row}`, id_masked: null, existing_household_id: hit.id, existing_resident_id: null, existing_village_id: village_id });
  }
  const [crossScopeConflict] = await db.insertInto('import_cross_scope_conflict').values(conflictRows).returning('id').execute();
  // Two residents renamed by a re-import (two changes: the changes list has a second page at limit 1): the upload waits for confirmation, its file kept by the server.
  await insertHousehold(db, testCipher, { villageCode: `${GANGCHENG}201`, householdNo: 'BAD-RENAME', members: [{ name: '王五', idNumber: idNumber('1970-01-01', 190), relationship: '户主', phones: ['13900000099'] }, { name: '王六', idNumber: idNumber('1995-01-01', 191), relationship: '子', phones: [] }], hardship: [] });
  const admin = await t.as('admin');
  const preview = await admin.request({
    method: 'POST',
    url: '/api/imports/households?fileName=%E6%9B%B4%E6%AD%A3.csv&mode=partial',
    payload: `村代码,户编号,姓名,与户主关系,身份证号\r\n${GANGCHENG}201,BAD-RENAME,王武,户主,${idNumber('1970-01-01', 190)}\r\n${GANGCHENG}201,BAD-RENAME,王陆,子,${idNumber('1995-01-01', 191)}\r\n`,
    headers: { 'content-type': 'text/csv' },
  });
  expect(preview.statusCode, preview.body).toBeLessThan(300);
  const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#996633' } }).jpeg().toBuffer();
  const stored = await admin.request({ method: 'POST', url: '/api/visit-files?kind=photo', payload: photo, headers: { 'content-type': 'image/jpeg' } });
  expect(stored.statusCode, stored.body).toBe(201);
  const visitPhoto = { bytes: photo, sha256: (stored.json() as { sha256: string }).sha256 };
  const residentPhoto = await t.anonymous.request({
    method: 'POST',
    url: '/api/public/photos?county=370921',
    payload: await sharp({ create: { width: 24, height: 32, channels: 3, background: '#336699' } }).jpeg().toBuffer(),
    headers: { 'content-type': 'image/jpeg' },
  });
  expect(residentPhoto.statusCode, residentPhoto.body).toBe(201);
  const residentCase = await registerCase({ db, actor: null, source: cliAuditSource('test'), cipher: testCipher }, { channel: 'resident_page', countyCode: '370921', intake: { categoryCode: 'env-road-light', regionCode: `${GANGCHENG}201`, title: '路灯', description: '村口路灯不亮' } });
  const residentPage = { ...(await knownChallenge(db)), photo: (residentPhoto.json() as { sha256: string }).sha256, trackingCode: residentCase.trackingCode };
  const importPreview = (preview.json() as { id: string }).id;
  // Fixtures run in beforeAll, where expect.poll is not allowed: wait by hand (the job runs after the 202).
  for (let waited = 0; (await admin.get(`/api/imports/${importPreview}`)).json().status !== 'awaiting_confirmation'; waited += 200) {
    if (waited > 60_000) throw new Error('the re-import never came to await confirmation');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const caseIntake = async (wave: { waveId: string; interviewId: string }, visitId: string) => {
    const batch = await db.insertInto('case_batch').values({ county_code: '370921', source: 'hotline_12345', file_name: 'fixture.csv', digest: 'f'.repeat(64), report: '[]', created_by: null }).returning('id').executeTakeFirstOrThrow();
    const visit = await db.selectFrom('visit').select(['county_code', 'household_id', 'village_id']).where('id', '=', visitId).executeTakeFirstOrThrow();
    const problem = await db.insertInto('visit_problem').values({ ...visit, visit_id: visitId, ordinal: 2, text: '村口道路坑洼', domain: 'environment' }).returning('id').executeTakeFirstOrThrow();
    const other = await db.selectFrom('interview').select('id').where('wave_id', '=', wave.waveId).where('id', '!=', wave.interviewId).executeTakeFirstOrThrow();
    await db.insertInto('interview_answer').values([{ interview_id: other.id, question_code: 'Q12', text: '路灯坏了' }, { interview_id: other.id, question_code: 'Q13', option_id: 'yes' }]).execute();
    return { batchId: batch.id, visitProblem: problem.id, referral: other.id };
  };
  const caseConfig = async (caseId: string) => {
    const category = await db.selectFrom('case_category').select('id').where('county_code', '=', '370921').where('code', '=', 'sec-dispute').executeTakeFirstOrThrow();
    const assignment = await db.selectFrom('case_assignment').select(['id', 'unit_region_id']).where('county_code', '=', '370921').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const county = await db.selectFrom('region').select('id').where('code', '=', '370921').executeTakeFirstOrThrow();
    const reminder = await db
      .insertInto('case_reminder')
      .values({ county_code: '370921', case_id: caseId, assignment_id: assignment.id, deadline: 'response', unit_region_id: assignment.unit_region_id, supervisor_region_id: county.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { categoryId: category.id, reminderId: reminder.id };
  };
  const publishedAssessment = async () => {
    const townships = await db.selectFrom('region').select(['id', 'code', 'name']).where('code', 'like', '370921___').where('level', '=', 'township').orderBy('code').execute();
    return (await insertBulletinAssessment(db, { status: 'published', result: (id) => handMadeResult({ assessmentId: id, townships }) })).assessmentId;
  };
  const assessmentFixtures = async () => {
    const draft = await insertAssessment(db, { countyCode: '370921', stage: 'draft' });
    return {
      draft: draft.id,
      adjustment: draft.adjustmentId!,
      toCompute: (await insertAssessment(db, { countyCode: '370921', stage: 'draft' })).id,
      toPublish: (await insertAssessment(db, { countyCode: '370921', stage: 'computed' })).id,
      published: (await insertAssessment(db, { countyCode: '370921', stage: 'published' })).id,
    };
  };
  const results = await resultsWave();
  const visitRows = await visits();
  // Cases: the unit steps' cases are with 堽城镇 (the township), the baselines' 'unit' caller.
  const village = `${GANGCHENG}201`;
  const at = (state: Parameters<typeof insertCaseAt>[1]['state'], unit: 'village' | 'township' = 'township') => insertCaseAt(db, { villageCode: village, state, unit });
  const fileCase = await at('dispatched');
  const caseUpload = await admin.request({ method: 'POST', url: `/api/cases/${fileCase}/files`, payload: photo, headers: { 'content-type': 'image/jpeg' } });
  expect(caseUpload.statusCode, caseUpload.body).toBe(201);
  const toNote = await at('accepted');
  const noteUpload = await admin.request({ method: 'POST', url: `/api/cases/${toNote}/files`, payload: photo, headers: { 'content-type': 'image/jpeg' } });
  expect(noteUpload.statusCode, noteUpload.body).toBe(201);
  const cases = {
    read: await at('dispatched'),
    toDispatch: await at('registered'),
    toAccept: await at('dispatched'),
    toNote,
    toResolve: await at('accepted'),
    toEscalate: await at('dispatched'),
    toReturn: await at('dispatched'),
    toCallback: await at('resolved'),
    toClose: await at('called_back'),
    toMerge: await at('registered'),
    mergeInto: await at('dispatched'),
    file: { caseId: fileCase, sha256: (caseUpload.json() as { sha256: string }).sha256, bytes: photo },
    noteFile: (noteUpload.json() as { sha256: string }).sha256,
  };
  const township = await db.selectFrom('region').select(['id', 'path']).where('code', '=', GANGCHENG).executeTakeFirstOrThrow();
  let taskNo = 0;
  const task = async (status: 'proposed' | 'open' | 'submitted') =>
    (
      await db
        .insertInto('rectification_task')
        .values({
          county_code: '370921',
          task_no: `BAD-${++taskNo}`,
          source: 'manual',
          status,
          township_id: township.id,
          region_path: township.path,
          owner_region_id: status === 'proposed' ? null : township.id,
          title: '坏输入整改',
          problem: '坏输入测试用',
          evidence: JSON.stringify({ kind: 'manual' }),
          due_on: status === 'proposed' ? null : '2099-12-31',
          submitted_at: status === 'submitted' ? new Date() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const withFile = await task('open');
  const unitClient = await t.as('gangcheng');
  const rectUpload = await unitClient.request({ method: 'POST', url: `/api/rectification-tasks/${withFile}/files`, payload: photo, headers: { 'content-type': 'image/jpeg' } });
  expect(rectUpload.statusCode, rectUpload.body).toBe(201);
  const rectification = {
    read: await task('open'),
    toConfirm: await task('proposed'),
    toDrop: await task('proposed'),
    toEdit: await task('open'),
    toProgress: await task('open'),
    toSubmit: await task('open'),
    toAccept: await task('submitted'),
    toReturn: await task('submitted'),
    upload: await task('open'),
    file: { taskId: withFile, sha256: (rectUpload.json() as { sha256: string }).sha256 },
  };
  return {
    rectification,
    caseIntake: await caseIntake(results, visitRows.visitId),
    caseConfig: await caseConfig(cases.read),
    bulletinAssessment: await publishedAssessment(),
    publicity: await publicity(),
    assessment: await assessmentFixtures(),
    importJob,
    importPreview,
    cases,
    visitPhoto,
    residentPage,
    crossScopeConflict: crossScopeConflict!.id,
    open311Client: await open311Fixtures(t),
    cadre,
    gangcheng,
    household: await household(true),
    unlabelled: await household(false),
    labelled: await household(true),
    unpaired: (await household(true)).id,
    pairings: [await pairing(), await pairing()],
    resultsWave: results,
    gamingFlag: await gamingFlag(db, results.waveId),
    fieldwork: await fieldwork(),
    design: await design(),
    visits: visitRows,
    campaigns: await campaigns(),
    visitCampaign: await visitCampaign(),
  };
}

/**
 * A sign of gaming on a closed wave of the county (written straight in: the detectors have their own tests),
 * already reviewed: the detect baseline runs first, and a detection drops unreviewed flags it no longer finds.
 */
async function gamingFlag(db: Kysely<DB>, waveId: string): Promise<string> {
  const township = await db.selectFrom('region').select('id').where('code', '=', GANGCHENG).executeTakeFirstOrThrow();
  const evidence = { summary: { 'zh-CN': '作答异常一致', en: 'Unusually uniform answers' }, measures: [] };
  const row = await db.insertInto('gaming_flag').values({ county_code: '370921', wave_id: waveId, township_id: township.id, signal: 'uniform_answers', severity: 'watch', evidence: JSON.stringify(evidence), status: 'confirmed', review_note: '已核实', reviewed_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** An Open311 client system to revoke, and two messages in the outbox so the list has a second page. */
async function open311Fixtures(t: TestApp): Promise<string> {
  const db = t.database.db;
  const client = await db.insertInto('open311_client').values({ county_code: '370921', name: '坏输入系统', key_hash: crypto.randomBytes(32).toString('hex'), key_prefix: 'o311_badinput' }).returning('id').executeTakeFirstOrThrow();
  for (const n of [1, 2]) {
    await db.insertInto('notification_outbox').values({ county_code: '370921', case_id: null, kind: 'accepted', dedupe_key: `bad-input:${n}`, phone_cipher: testCipher.encrypt('13700000000'), phone_masked: '137****0000', body: '【连心】测试' }).execute();
  }
  return client.id;
}

/** The part of a JSON schema (from the OpenAPI document) the corpus reads. */
interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface OpenApiOperation {
  parameters?: { in: 'path' | 'query'; name: string; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json'?: { schema: JsonSchema } } };
}

interface Case {
  label: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string | null;
  /**
   * Default: 400 validation_failed. `code: null`: any code. 'any': any 4xx (the value is valid in
   * form, wrong in meaning). 'not-5xx': a success is fine too (a cursor that decodes to an odd but
   * valid position), a refusal must be a proper problem.
   */
  expect?: { status: number; code: TProblemCode | null } | 'any' | 'not-5xx';
}

const HUGE = 'x'.repeat(100_000);
const OVER_BODY_LIMIT = 1024 * 1024 + 1024;

/** Path parameter values, as they appear in the URL (some deliberately not valid percent-encoding). */
const BAD_PARAMS: [string, string][] = [
  ['letters', 'abc'],
  ['13 digits', '1'.repeat(13)],
  ['19 digits', '1'.repeat(19)],
  ['int8 overflow', '9223372036854775808'],
  ['negative', '-1'],
  ['zero', '0'],
  ['decimal', '1.5'],
  ['exponent', '1e3'],
  ['SQL', encodeURIComponent("1' OR '1'='1")],
  ['SQL comment', encodeURIComponent('370921;--')],
  ['full-width digits', encodeURIComponent('３７０９２１')],
  ['Chinese', encodeURIComponent('宁阳县')],
  ['emoji', encodeURIComponent('😀')],
  ['%00', '%00'],
  ['digits then %00', '370921%00'],
  ['digits then newline', '370921%0A'],
  ['leading space', '%20370921'],
  ['encoded slashes', '..%2F..%2Fetc'],
  ['lone %', '%'],
  ['broken escape', '%E0%A4%A'],
  ['surrogate bytes', '%ED%A0%80'],
  ['201 characters', '9'.repeat(201)],
  ['5000 characters', '9'.repeat(5000)],
];

/** Query strings any route gets, as [label, key, raw value] (set in place of the baseline's value). */
const STANDARD_QUERY: [string, string, string][] = [
  ['limit=0', 'limit', '0'],
  ['limit=99999', 'limit', '99999'],
  ['limit=abc', 'limit', 'abc'],
  ['cursor=garbage', 'cursor', 'garbage'],
  ['unknown key', 'zzUnknown', '1'],
  ['NUL value', 'zzUnknown', '%00'],
  ['broken escape', 'zzUnknown', '%E0%A4%A'],
];

const MALFORMED_JSON = ['{', '{"a":', "{'a':1}", 'not json', '{"a":1,}', '[1,2', '"unterminated', '{"a":NaN}', '{"a":undefined}', '\u0000', ''];
const PROTOTYPE_POISON = ['{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}'];
const WRONG_TOP_LEVEL = ['[]', '[{}]', '"text"', '42', '-1', 'true', 'null'];
const DEEP_ARRAY = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
const WRONG_CONTENT_TYPES: [string, string][] = [
  ['text/plain', 'json'],
  ['application/x-www-form-urlencoded', 'a=1&b=2'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  ['application/xml', '<a>1</a>'],
  ['text/html', '<p>1</p>'],
  ['application/octet-stream', 'json'],
];

const decodes = (raw: string) => {
  try {
    decodeURIComponent(raw);
    return true;
  } catch {
    return false;
  }
};

const jsonTypeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/** The JSON types a schema admits, or null when it says nothing (anything goes). */
function typesOf(s: JsonSchema): Set<string> | null {
  if (s.anyOf) {
    const all = new Set<string>();
    for (const part of s.anyOf) {
      const t = typesOf(part);
      if (!t) return null;
      for (const x of t) all.add(x);
    }
    return all;
  }
  if (s.type) {
    const types = new Set([s.type].flat());
    if (types.has('number')) types.add('integer');
    return types;
  }
  if (s.enum) return new Set(s.enum.map(jsonTypeOf));
  if (s.const !== undefined) return new Set([jsonTypeOf(s.const)]);
  return null;
}
const stringSchemaOf = (s: JsonSchema) => (s.anyOf ? s.anyOf.find((p) => p.type === 'string') : s.type === 'string' ? s : undefined);

/** Numbers a JSON number field must refuse: outside its bounds, or not whole when it wants an integer. */
function invalidNumbers(s: JsonSchema): number[] {
  const out = [1e308, -1e308, Number.MAX_SAFE_INTEGER + 2];
  if (s.minimum !== undefined) out.push(s.minimum - 1);
  if (s.maximum !== undefined) out.push(s.maximum + 1);
  if (s.type === 'integer') out.push(1.5);
  return out.filter((v) => v < (s.minimum ?? -Infinity) || v > (s.maximum ?? Infinity) || (s.type === 'integer' && !Number.isInteger(v)));
}

/** Values of the right type but invalid, as strings (a query string's only type), for a string or integer schema. */
function invalidValues(s: JsonSchema, name: string): { label: string; value: string; expect?: Case['expect'] }[] {
  const out: { label: string; value: string; expect?: Case['expect'] }[] = [];
  if (s.type === 'integer' || s.type === 'number') {
    const fits = (v: string) => v.trim() !== '' && Number.isInteger(Number(v)) && Number(v) >= (s.minimum ?? -Infinity) && Number(v) <= (s.maximum ?? Infinity);
    for (const v of ['0', '-1', String((s.maximum ?? 1000) + 1), '99999', 'abc', '1.5', '', 'NaN', 'Infinity', '1e999']) {
      if (!fits(v)) out.push({ label: `${name}=${v || '(empty)'}`, value: v });
    }
    return out;
  }
  const str = stringSchemaOf(s);
  if (!str) return out;
  if (name === 'cursor') {
    for (const [label, value] of [
      ['garbage', 'garbage'],
      ['not base64', '!!!!'],
      ['id past int8', b64({ id: '9'.repeat(25) })],
      ['negative id', b64({ id: '-1' })],
      ['id 0', b64({ id: '0' })],
      ['numeric id', b64({ id: 1 })],
      ['SQL id', b64({ id: "1' OR '1'='1" })],
      ['array', b64([])],
      ['null', b64(null)],
      ['empty object', b64({})],
    ] as const) {
      out.push({ label: `cursor ${label}`, value, expect: { status: 400, code: 'invalid_cursor' } });
    }
  }
  if (str.enum) {
    out.push({ label: `${name} not a choice`, value: 'not-a-choice' });
    const shouted = String(str.enum[0]).toUpperCase();
    if (!str.enum.includes(shouted)) out.push({ label: `${name} wrong case`, value: shouted });
  }
  if (str.format === 'date') {
    for (const v of ['2026-02-30', '2026-13-01', '20260101', '26-01-01', 'yesterday', '2026-01-01T00:00:00Z']) out.push({ label: `${name}=${v}`, value: v });
    out.push({ label: `${name} in year 0`, value: '0000-01-01' });
  } else if (str.format === 'date-time') {
    for (const v of ['yesterday', '2026-02-30T00:00:00Z', '2026-01-01', '2026-01-01T00:00:00', '2026-01-01T25:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59', '+275760-09-13T00:00:00Z']) {
      out.push({ label: `${name}=${v}`, value: v });
    }
  } else if (str.pattern) {
    const pattern = new RegExp(str.pattern);
    for (const v of ['abc', '1'.repeat(13), '-1', "1' OR '1'='1", '３７０９２１', 'a b', '<script>', '../x', '😀']) {
      if (!pattern.test(v)) out.push({ label: `${name}=${v}`, value: v });
    }
  }
  // Blank passes a length check unless the schema trims: right or wrong is the use case's call.
  if (str.minLength) out.push({ label: `${name} empty`, value: '' }, { label: `${name} blank`, value: '   ', expect: 'any' });
  if (str.maxLength) out.push({ label: `${name} one over maxLength`, value: 'x'.repeat(str.maxLength + 1) });
  out.push({ label: `${name} 100k chars`, value: HUGE }, { label: `${name} 100k Chinese chars`, value: '测'.repeat(100_000) });
  return out;
}

function buildCorpus(key: string, base: Baseline, op: OpenApiOperation): Case[] {
  const [method, template] = key.split(' ') as [string, string];
  const cases: Case[] = [];
  const hasBody = method !== 'GET';
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const json = (v: unknown) => JSON.stringify(v);
  const baseBody = base.body ? json(base.body) : undefined;
  const baseType = base.upload?.contentType ?? 'application/json';

  const baseQuery = () => Object.entries(base.query ?? {}).map(([k, v]) => [k, encodeURIComponent(v)] as [string, string]);
  /** The URL with raw (already encoded) parameter values and query pairs; the baseline's for those not given. */
  const url = (params: Record<string, string> = {}, query: [string, string][] = baseQuery()) => {
    const path = template.replace(/:(\w+)/g, (_, name: string) => params[name] ?? encodeURIComponent(base.params?.[name] ?? ''));
    return query.length ? `${path}?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
  };
  const withQuery = (key: string, raw: string) => [...baseQuery().filter(([k]) => k !== key), [key, raw] as [string, string]];
  /** A case that changes only the URL: the baseline body still goes along. */
  const urlCase = (label: string, u: string, expect?: Case['expect']) =>
    cases.push({ label, url: u, ...(base.upload ? base.upload : baseBody ? { payload: baseBody, contentType: 'application/json' } : {}), ...(expect ? { expect } : {}) });
  const bodyCase = (label: string, payload: string | Buffer, expect?: Case['expect'], contentType: string | null = 'application/json') =>
    cases.push({ label, url: url(), payload, contentType, ...(expect ? { expect } : {}) });

  // Path parameters.
  for (const p of op.parameters?.filter((x) => x.in === 'path') ?? []) {
    const pattern = p.schema.pattern ? new RegExp(p.schema.pattern) : null;
    for (const [label, raw] of BAD_PARAMS) {
      if (pattern && decodes(raw) && pattern.test(decodeURIComponent(raw))) continue;
      urlCase(`param ${p.name}: ${label}`, url({ [p.name]: raw }));
    }
  }

  // Query strings.
  for (const [label, k, raw] of STANDARD_QUERY) urlCase(`query ${label}`, url({}, withQuery(k, raw)), { status: 400, code: null });
  urlCase('query duplicated unknown key', url({}, [...baseQuery(), ['a', '1'], ['a', '2']]));
  for (const q of op.parameters?.filter((x) => x.in === 'query') ?? []) {
    const value = base.query?.[q.name] ?? '1';
    urlCase(`query ${q.name} twice`, url({}, [...baseQuery().filter(([k]) => k !== q.name), [q.name, encodeURIComponent(value)], [q.name, encodeURIComponent(value)]]));
    urlCase(`query ${q.name} with NUL`, url({}, withQuery(q.name, `${encodeURIComponent(value)}%00`)));
    for (const bad of invalidValues(q.schema, q.name)) urlCase(`query ${bad.label.slice(0, 80)}`, url({}, withQuery(q.name, encodeURIComponent(bad.value))), bad.expect);
  }

  if (!hasBody) return cases;

  // The body as a whole.
  for (const raw of MALFORMED_JSON) bodyCase(`malformed JSON ${JSON.stringify(raw)}`, raw, { status: 400, code: 'invalid_json' });
  for (const raw of PROTOTYPE_POISON) bodyCase(`prototype poisoning ${raw}`, raw, { status: 400, code: null });
  for (const raw of [...WRONG_TOP_LEVEL, ...(base.body ? [json([base.body])] : [])]) bodyCase(`top-level ${raw.slice(0, 40)}`, raw);
  bodyCase('deeply nested array', DEEP_ARRAY);
  bodyCase('deeply nested object', DEEP_OBJECT);
  bodyCase('unknown field', json({ ...base.body, zzUnknown: 1 }));
  bodyCase('unknown field isAdmin', json({ ...base.body, isAdmin: true }));
  bodyCase('oversized JSON', json({ ...base.body, padding: 'x'.repeat(OVER_BODY_LIMIT) }), { status: 413, code: 'body_too_large' });
  bodyCase('oversized garbage', Buffer.alloc(OVER_BODY_LIMIT, 'x'), { status: 413, code: 'body_too_large' });
  // An upload route takes files of its own types, and says so in its own words.
  const refusedType = base.upload ? { status: 415, code: null } : { status: 415, code: 'unsupported_media_type' as const };
  for (const [type, raw] of WRONG_CONTENT_TYPES) {
    if (base.upload && (base.uploadTypes ?? IMPORT_CONTENT_TYPES).some((t) => type.startsWith(t))) continue;
    bodyCase(`content-type ${type}`, raw === 'json' ? (baseBody ?? base.upload?.payload ?? '{}') : raw, refusedType, type);
  }
  bodyCase('no content-type', Buffer.from(baseBody ?? base.upload?.payload ?? '{}'), refusedType, null);
  if (base.upload) {
    for (const [label, payload] of [
      ['empty file', ''],
      ['no required columns', 'a,b\r\n1,2\r\n'],
      ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
      ['NUL bytes', Buffer.alloc(4096)],
      ['a 2 MiB line', `户编号,${'x'.repeat(2 * 1024 * 1024)}\r\n`],
    ] as const) {
      bodyCase(`upload: ${label}`, payload, 'any', baseType);
    }
    bodyCase('upload: not a spreadsheet, said to be one', 'hello', 'any', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }

  // Field by field, from the schema.
  if (!bodySchema?.properties || !base.body) return cases;
  const required = bodySchema.required ?? [];
  if (required.length) bodyCase('empty object', '{}');
  for (const name of required) {
    const { [name]: _omitted, ...rest } = base.body;
    bodyCase(`missing ${name}`, json(rest));
  }
  for (const [name, schema] of Object.entries(bodySchema.properties)) {
    const set = (value: unknown) => json({ ...base.body, [name]: value });
    const types = typesOf(schema);
    if (types) {
      for (const value of [123, -1, 1.5, true, null, [], {}, 'text']) {
        if (!types.has(jsonTypeOf(value))) bodyCase(`${name} as ${JSON.stringify(value)}`, set(value));
      }
    }
    if (schema.type === 'array' && schema.items) {
      const itemTypes = typesOf(schema.items);
      for (const item of [123, null, {}, [], true]) if (!itemTypes?.has(jsonTypeOf(item))) bodyCase(`${name} with item ${JSON.stringify(item)}`, set([item]));
      bodyCase(`${name} with a 100k-char item`, set([HUGE]));
      bodyCase(`${name} with an item with NUL`, set(['a\u0000b']));
      if (schema.minItems) bodyCase(`${name} empty`, set([]));
      if (schema.maxItems) {
        bodyCase(`${name} over maxItems`, set(Array.from({ length: schema.maxItems + 1 }, (_, i) => `item${i}`)));
        // Copies of a large item (a visit's photo reference) can pass the 1 MiB body limit: then 413 is the clear answer.
        const copies = set(Array.from({ length: 10_000 }, () => (base.body![name] as unknown[])[0]));
        bodyCase(`${name} 10k copies of its first item`, copies, Buffer.byteLength(copies) > 1024 * 1024 ? { status: 413, code: 'body_too_large' } : undefined);
      }
      bodyCase(`${name} deeply nested`, set('__DEEP__').replace('"__DEEP__"', DEEP_ARRAY));
    }
    if (schema.type === 'integer' || schema.type === 'number') for (const v of invalidNumbers(schema)) bodyCase(`${name}=${v}`, set(v));
    if (stringSchemaOf(schema)) {
      const valid = typeof base.body[name] === 'string' ? (base.body[name] as string) : 'abc';
      for (const bad of invalidValues(schema, name)) bodyCase(bad.label.slice(0, 80), set(bad.value), bad.expect);
      bodyCase(`${name} with NUL`, set(`${valid}\u0000`));
      bodyCase(`${name} with a lone surrogate`, set(`${valid}\ud800`));
      bodyCase(`${name} with a lone low surrogate`, set(`\udc00${valid}`));
    }
  }
  return cases;
}

const CJK = /[\u4e00-\u9fff]/;
/** RFC 9457's members, ours, and the typed extensions (ZProblemExtensions: e.g. the spreadsheet limit a file broke). */
const PROBLEM_KEYS = Object.keys(ZProblem.shape);

/** What is wrong with an answer to a bad case, or null when it is right. */
function verdict(res: LightMyRequestResponse, c: Case, locale: TLocale): string | null {
  const problem = () => `${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 200)}`;
  if (c.expect === 'not-5xx' && res.statusCode < 400) return res.statusCode < 500 ? null : `a 5xx: ${problem()}`;
  if (res.statusCode < 400 || res.statusCode >= 500) return `not a 4xx: ${problem()}`;
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) return `not problem+json: ${problem()}`;
  let body: Record<string, unknown>;
  try {
    body = res.json();
  } catch {
    return `body is not JSON: ${problem()}`;
  }
  for (const k of ['type', 'title', 'code', 'detail']) if (typeof body[k] !== 'string' || !body[k]) return `no ${k}: ${problem()}`;
  if (body.status !== res.statusCode) return `status field ${String(body.status)}: ${problem()}`;
  const extra = Object.keys(body).filter((k) => !PROBLEM_KEYS.includes(k));
  if (extra.length) return `unexpected keys ${extra.join(', ')}: ${problem()}`;
  if (!ZProblem.safeParse(body).success) return `members of the wrong shape: ${problem()}`;
  const code = body.code as TProblemCode;
  if (!(code in PROBLEM_MESSAGES)) return `unknown code: ${problem()}`;
  const detail = body.detail as string;
  if (!detail.startsWith(PROBLEM_MESSAGES[code][locale])) return `detail not in ${locale}: ${problem()}`;
  // (An English detail may still quote Chinese: the header names a registry file must have.)
  if (locale === 'zh-CN' && !CJK.test(detail)) return `detail has no Chinese: ${problem()}`;
  const expected = c.expect ?? { status: 400, code: 'validation_failed' };
  if (expected !== 'any' && expected !== 'not-5xx') {
    if (res.statusCode !== expected.status) return `expected ${expected.status}: ${problem()}`;
    if (expected.code && code !== expected.code) return `expected ${expected.code}: ${problem()}`;
  }
  return null;
}

interface Caller {
  cookie: string | null;
  csrfToken: string | null;
  headers: Record<string, string>;
}

for (const dialect of DIALECTS) {
  describe(`bad input [${dialect.name}]`, () => {
    let t: TestApp;
    let base: Record<string, Baseline>;
    let ops: Record<string, OpenApiOperation>;
    const callers = new Map<string, Caller>();
    let requests = 0;

    const send = (caller: Caller, method: string, url: string, extra: { payload?: string | Buffer; contentType?: string | null; headers?: Record<string, string> } = {}) => {
      requests++;
      return t.app.inject({
        method: method as HTTPMethods,
        url,
        ...(extra.payload !== undefined ? { payload: extra.payload } : {}),
        headers: {
          ...caller.headers,
          ...(caller.cookie ? { cookie: caller.cookie } : {}),
          ...(caller.csrfToken ? { 'x-csrf-token': caller.csrfToken } : {}),
          ...(extra.contentType ? { 'content-type': extra.contentType } : {}),
          ...extra.headers,
        },
      });
    };
    const signIn = async (username: string, headers: Record<string, string> = {}): Promise<Caller> => {
      const c = await t.as(username);
      return { cookie: c.cookie, csrfToken: c.csrfToken, headers };
    };
    /**
     * Cursors shaped like the route's own (taken from a real second page), each with one field
     * set to an extreme: past int4 or int8, year 0, empty, NUL, the wrong type.
     */
    const cursorCases = async (key: string, caller: Caller): Promise<Case[]> => {
      if (!ops[key]!.parameters?.some((p) => p.in === 'query' && p.name === 'cursor')) return [];
      // Unfiltered, so that there is a second page.
      const url = new URL(baselineUrl(key).split('?')[0]!, 'http://x');
      url.searchParams.set('limit', '1');
      const first = await send(caller, 'GET', `${url.pathname}${url.search}`);
      const next = first.json().nextCursor as string | null;
      expect(next, `${key} needs a second page for its cursor cases`).toBeTruthy();
      const shape = JSON.parse(Buffer.from(next!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const extremes = [2 ** 31, 2 ** 63, -1, 1.5, 1e300, '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '9'.repeat(25), '', 'x', null, 'a\u0000', {}, []];
      return Object.keys(shape).flatMap((field) =>
        extremes.map((value) => {
          const u = new URL(url);
          u.searchParams.set('cursor', b64({ ...shape, [field]: value }));
          return { label: `cursor ${field}=${JSON.stringify(value)}`, url: `${u.pathname}${u.search}`, expect: 'not-5xx' as const };
        }),
      );
    };
    const baselineUrl = (key: string) => {
      const b = base[key]!;
      const path = key.split(' ')[1]!.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(b.params![name]!));
      const query = new URLSearchParams(b.query ?? {}).toString();
      return query ? `${path}?${query}` : path;
    };

    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      // A county admin who chose English, to see the English answers.
      await createUser({ db: db, actor: null, source: cliAuditSource('test') }, { username: 'admin_en', displayName: 'English-speaking admin', password: DEMO_PASSWORD, roles: ['county_admin'], regionCode: '370921', locale: 'en' });
      base = baselines(await fixtures(t));
      const doc = t.app.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
      ops = {};
      for (const key of ROUTE_KEYS) {
        const [method, url] = key.split(' ') as [string, string];
        ops[key] = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()] ?? {};
      }
      callers.set('zh-CN', await signIn('admin'));
      callers.set('en', await signIn('admin_en', { 'accept-language': 'en' }));
      await createUser({ db: db, actor: null, source: cliAuditSource('test') }, { username: 'supervisor_en', displayName: 'English-speaking supervisor', password: DEMO_PASSWORD, roles: ['survey_supervisor'], regionCode: '370921', locale: 'en' });
      callers.set('zh-CN:supervisor', await signIn('supervisor'));
      callers.set('en:supervisor', await signIn('supervisor_en', { 'accept-language': 'en' }));
      await createUser({ db: db, actor: null, source: cliAuditSource('test') }, { username: 'gangcheng_en', displayName: 'English-speaking township admin', password: DEMO_PASSWORD, roles: ['township_admin'], regionCode: GANGCHENG, locale: 'en' });
      callers.set('zh-CN:unit', await signIn('gangcheng'));
      callers.set('en:unit', await signIn('gangcheng_en', { 'accept-language': 'en' }));
    });
    const callerFor = (b: Baseline, locale: TLocale) => callers.get(b.as ? `${locale}:${b.as}` : locale)!;
    afterAll(async () => {
      console.info(`bad input [${dialect.name}]: ${requests} requests`);
      await t?.close();
    });

    it('has a baseline for exactly the API routes', () => {
      const served = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
      expect(
        { routesWithoutBaseline: served.filter((k) => !ROUTE_KEYS.includes(k)), baselinesWithoutRoute: ROUTE_KEYS.filter((k) => !served.includes(k)) },
        'add a baseline for every new route to baselines(); remove those of removed routes',
      ).toEqual({ routesWithoutBaseline: [], baselinesWithoutRoute: [] });
    });

    it('every baseline is valid: what the cases get wrong is what they change', async () => {
      for (const key of ROUTE_KEYS) {
        const b = base[key]!;
        const caller = b.freshSession ? await signIn('admin') : callerFor(b, 'zh-CN');
        const body = b.upload ?? (b.body ? { payload: JSON.stringify(b.body), contentType: 'application/json' } : {});
        const res = await send(caller, key.split(' ')[0]!, baselineUrl(key), body);
        expect(res.statusCode, `${key}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
      }
      // One request per route (over 150): a minute was not enough on a loaded 2-core machine.
    }, 240_000);

    it('a signed-in user’s saved language wins over Accept-Language; X-Lianxin-Locale wins over both', async () => {
      const admin = callers.get('zh-CN')!;
      const viaBrowser = await send(admin, 'GET', '/api/users?limit=0', { headers: { 'accept-language': 'en' } });
      expect(viaBrowser.json().detail).toMatch(CJK);
      const viaHeader = await send(admin, 'GET', '/api/users?limit=0', { headers: { 'x-lianxin-locale': 'en' } });
      expect(viaHeader.json().detail.startsWith(PROBLEM_MESSAGES.validation_failed.en)).toBe(true);
    });

    for (const key of ROUTE_KEYS) {
      const method = key.split(' ')[0]!;
      const runs: [string, TLocale, boolean][] = [
        ['signed-in admin', 'zh-CN', true],
        ['signed-in admin', 'en', true],
        ...(key === 'POST /api/auth/login' ? ([['anonymous', 'zh-CN', false], ['anonymous', 'en', false]] as [string, TLocale, boolean][]) : []),
      ];
      for (const [who, locale, signedIn] of runs) {
        it(`${key}: ${who}, ${locale}`, async () => {
          const cases = buildCorpus(key, base[key]!, ops[key]!);
          expect(cases.length).toBeGreaterThan(5);
          const caller = signedIn ? callerFor(base[key]!, locale) : { cookie: null, csrfToken: null, headers: locale === 'en' ? { 'accept-language': 'en' } : {} };
          const failures: string[] = [];
          cases.push(...(await cursorCases(key, caller)));
          for (const c of cases) {
            const res = await send(caller, method, c.url, { ...(c.payload !== undefined ? { payload: c.payload } : {}), contentType: c.contentType ?? null });
            const wrong = verdict(res, c, locale);
            if (wrong) failures.push(`${c.label} → ${wrong}`);
          }
          expect(failures).toEqual([]);
          // The session survived the lot: no bad case signed it out or changed its password.
          if (signedIn) expect((await send(caller, 'GET', '/api/auth/me')).statusCode).toBe(200);
        });
      }
    }
  });
}
