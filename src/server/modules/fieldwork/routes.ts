import type { FastifyInstance } from 'fastify';
import { fieldworkApi } from '../../../shared/api/fieldwork.ts';
import { SURVEY_CALL_ROLES, SURVEY_MANAGE_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { telLinkTelephony } from '../../telephony/index.ts';
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

/** The interviewer workstation and the supervisor's appointment desk (`/api/fieldwork/*`). */
export function fieldworkRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  const call = { kind: 'roles', roles: SURVEY_CALL_ROLES, write: true } as const;
  const manage = { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: true } as const;
  const tags = ['fieldwork'];

  defineRoute(app, fieldworkApi.listWaves, {
    access: { kind: 'roles', roles: SURVEY_CALL_ROLES, write: false },
    summary: "Waves of the caller's county in fieldwork, with their calling hours",
    tags,
    handler: async ({ actor }) => listFieldworkWaves({ db, actor }, { now: new Date() }),
  });

  defineRoute(app, fieldworkApi.listDispositions, {
    access: { kind: 'roles', roles: [...new Set([...SURVEY_CALL_ROLES, ...SURVEY_MANAGE_ROLES])], write: false },
    summary: 'The AAPOR call dispositions, final and temporary, with their retry rules',
    tags,
    handler: async () => listDispositions(),
  });

  defineRoute(app, fieldworkApi.nextCase, {
    access: call,
    summary: 'Take the next case to call (or the one already held); one case goes to exactly one interviewer',
    tags,
    handler: async ({ body, actor }) => nextCase({ db, actor }, { now: new Date(), ...(body.waveId ? { waveId: body.waveId } : {}) }),
  });

  defineRoute(app, fieldworkApi.getCase, {
    access: { kind: 'roles', roles: SURVEY_CALL_ROLES, write: false },
    summary: 'The case the caller holds: masked number, attempts, script and the interview so far',
    tags,
    handler: async ({ params, actor }) => getCase({ db, actor }, { caseId: params.id, now: new Date() }),
  });

  defineRoute(app, fieldworkApi.dialCase, {
    access: call,
    summary: 'Dial the case (a tel: link); the only answer that carries the full number; audited',
    tags,
    handler: async ({ params, actor }, req) => dialCase({ db, actor, source: auditSourceOf(req), cipher, telephony: telLinkTelephony }, { caseId: params.id, now: new Date() }),
  });

  defineRoute(app, fieldworkApi.saveInterview, {
    access: call,
    summary: 'Save interview answers (idempotent by submissionId; 409 interview_stale on an old baseRevision)',
    tags,
    handler: async ({ params, body, actor }) => saveInterview({ db, actor }, { caseId: params.id, input: body, now: new Date() }),
  });

  defineRoute(app, fieldworkApi.recordDisposition, {
    access: call,
    summary: 'Record the AAPOR disposition of the attempt and release the case (idempotent by submissionId)',
    tags,
    handler: async ({ params, body, actor }, req) => recordDisposition({ db, actor, source: auditSourceOf(req) }, { caseId: params.id, input: body, now: new Date() }),
  });

  defineRoute(app, fieldworkApi.returnCase, {
    access: call,
    summary: 'Hand a case back undialled (taken by mistake, headset failed): it waits again where it was; 409 case_dialed after a dial; audited',
    tags,
    handler: async ({ params, actor }, req) => returnCase({ db, actor, source: auditSourceOf(req) }, { caseId: params.id, now: new Date() }),
  });

  defineRoute(app, fieldworkApi.listAppointments, {
    access: { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: false },
    summary: "A wave's appointments (masked numbers) and the interviewers they can be given to",
    tags,
    handler: async ({ params, query, actor }) =>
      listAppointments({ db, actor }, { waveId: params.id, now: new Date(), ...(query.includePast === undefined ? {} : { includePast: query.includePast }) }),
  });

  defineRoute(app, fieldworkApi.reassignAppointment, {
    access: manage,
    summary: 'Give an appointment to another interviewer of the county, or to anyone (null); audited',
    tags,
    handler: async ({ params, body, actor }, req) => reassignAppointment({ db, actor, source: auditSourceOf(req) }, { caseId: params.id, input: body, now: new Date() }),
  });

  defineRoute(app, fieldworkApi.releaseCase, {
    access: manage,
    summary: 'Take a stuck case back from the interviewer holding it; audited',
    tags,
    handler: async ({ params, actor }, req) => releaseCase({ db, actor, source: auditSourceOf(req) }, { caseId: params.id, now: new Date() }),
  });
}
