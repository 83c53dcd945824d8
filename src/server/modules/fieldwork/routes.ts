import type { FastifyInstance } from 'fastify';
import { SURVEY_CALL_ROLES, SURVEY_MANAGE_ROLES } from '../../../shared/roles.ts';
import {
  ZAppointment,
  ZAppointmentList,
  ZAppointmentListQuery,
  ZDialResponse,
  ZDispositionList,
  ZDispositionResult,
  ZFieldworkCase,
  ZFieldworkCaseParams,
  ZFieldworkWaveList,
  ZFieldworkWaveParams,
  ZInterviewState,
  ZNextCaseRequest,
  ZNextCaseResponse,
  ZReassignAppointmentRequest,
  ZRecordDispositionRequest,
  ZReleasedCase,
  ZReturnedCase,
  ZSaveInterviewRequest,
} from '../../../shared/schemas/survey-fieldwork.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { dialCase } from './dial-case.ts';
import { getCase } from './get-case.ts';
import { listAppointments } from './list-appointments.ts';
import { listDispositions } from './list-dispositions.ts';
import { listFieldworkWaves } from './list-fieldwork-waves.ts';
import { nextCase } from './next-case.ts';
import { reassignAppointment } from './reassign-appointment.ts';
import { recordDisposition } from './record-disposition.ts';
import { releaseCase } from './release-case.ts';
import { returnCase } from './return-case.ts';
import { saveInterview } from './save-interview.ts';
import { telLinkTelephony } from '../../telephony/index.ts';

/** The interviewer workstation and the supervisor's appointment desk (`/api/fieldwork/*`). */
export function fieldworkRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  const call = { kind: 'roles', roles: SURVEY_CALL_ROLES, write: true } as const;
  const manage = { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: true } as const;
  const tags = ['fieldwork'];

  defineRoute(app, {
    method: 'GET',
    url: '/api/fieldwork/waves',
    access: { kind: 'roles', roles: SURVEY_CALL_ROLES, write: false },
    summary: "Waves of the caller's county in fieldwork, with their calling hours",
    tags,
    response: ZFieldworkWaveList,
    handler: async ({ actor }) => listFieldworkWaves(db, actor, new Date()),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/fieldwork/dispositions',
    access: { kind: 'roles', roles: [...new Set([...SURVEY_CALL_ROLES, ...SURVEY_MANAGE_ROLES])], write: false },
    summary: 'The AAPOR call dispositions, final and temporary, with their retry rules',
    tags,
    response: ZDispositionList,
    handler: async () => listDispositions(),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/next-case',
    access: call,
    summary: 'Take the next case to call (or the one already held); one case goes to exactly one interviewer',
    tags,
    body: ZNextCaseRequest,
    response: ZNextCaseResponse,
    handler: async ({ body, actor }) => nextCase({ db, actor: actor, now: new Date(), ...(body.waveId ? { waveId: body.waveId } : {}) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/fieldwork/cases/:id',
    access: { kind: 'roles', roles: SURVEY_CALL_ROLES, write: false },
    summary: 'The case the caller holds: masked number, attempts, script and the interview so far',
    tags,
    params: ZFieldworkCaseParams,
    response: ZFieldworkCase,
    handler: async ({ params, actor }) => getCase({ db, actor: actor, caseId: params.id, now: new Date() }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/cases/:id/dial',
    access: call,
    summary: 'Dial the case (a tel: link); the only answer that carries the full number; audited',
    tags,
    params: ZFieldworkCaseParams,
    response: ZDialResponse,
    handler: async ({ params, actor }, req) =>
      dialCase({ db, cipher, telephony: telLinkTelephony, actor: actor, caseId: params.id, now: new Date(), source: auditSourceOf(req) }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/fieldwork/cases/:id/interview',
    access: call,
    summary: 'Save interview answers (idempotent by submissionId; 409 interview_stale on an old baseRevision)',
    tags,
    params: ZFieldworkCaseParams,
    body: ZSaveInterviewRequest,
    response: ZInterviewState,
    handler: async ({ params, body, actor }) => saveInterview({ db, actor: actor, caseId: params.id, input: body, now: new Date() }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/cases/:id/disposition',
    access: call,
    summary: 'Record the AAPOR disposition of the attempt and release the case (idempotent by submissionId)',
    tags,
    params: ZFieldworkCaseParams,
    body: ZRecordDispositionRequest,
    response: ZDispositionResult,
    handler: async ({ params, body, actor }, req) =>
      recordDisposition({ db, actor: actor, caseId: params.id, input: body, now: new Date(), source: auditSourceOf(req) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/cases/:id/return',
    access: call,
    summary: 'Hand a case back undialled (taken by mistake, headset failed): it waits again where it was; 409 case_dialed after a dial; audited',
    tags,
    params: ZFieldworkCaseParams,
    response: ZReturnedCase,
    handler: async ({ params, actor }, req) => returnCase({ db, actor: actor, caseId: params.id, now: new Date(), source: auditSourceOf(req) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/fieldwork/waves/:id/appointments',
    access: { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: false },
    summary: "A wave's appointments (masked numbers) and the interviewers they can be given to",
    tags,
    params: ZFieldworkWaveParams,
    querystring: ZAppointmentListQuery,
    response: ZAppointmentList,
    handler: async ({ params, query, actor }) =>
      listAppointments({ db, actor: actor, waveId: params.id, now: new Date(), ...(query.includePast === undefined ? {} : { includePast: query.includePast }) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/cases/:id/reassign',
    access: manage,
    summary: 'Give an appointment to another interviewer of the county, or to anyone (null); audited',
    tags,
    params: ZFieldworkCaseParams,
    body: ZReassignAppointmentRequest,
    response: ZAppointment,
    handler: async ({ params, body, actor }, req) => reassignAppointment({ db, actor: actor, caseId: params.id, input: body, now: new Date(), source: auditSourceOf(req) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/fieldwork/cases/:id/release',
    access: manage,
    summary: 'Take a stuck case back from the interviewer holding it; audited',
    tags,
    params: ZFieldworkCaseParams,
    response: ZReleasedCase,
    handler: async ({ params, actor }, req) => releaseCase({ db, actor: actor, caseId: params.id, now: new Date(), source: auditSourceOf(req) }),
  });
}
