/** The interviewer workstation and the supervisor's appointment desk (see `contract.ts`). */
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
} from '../schemas/survey-fieldwork.ts';
import { defineContract } from './contract.ts';

export const fieldworkApi = {
  listWaves: defineContract({ method: 'GET', url: '/api/fieldwork/waves', response: ZFieldworkWaveList }),
  listDispositions: defineContract({ method: 'GET', url: '/api/fieldwork/dispositions', response: ZDispositionList }),
  nextCase: defineContract({ method: 'POST', url: '/api/fieldwork/next-case', body: ZNextCaseRequest, response: ZNextCaseResponse }),
  getCase: defineContract({ method: 'GET', url: '/api/fieldwork/cases/:id', params: ZFieldworkCaseParams, response: ZFieldworkCase }),
  dialCase: defineContract({ method: 'POST', url: '/api/fieldwork/cases/:id/dial', params: ZFieldworkCaseParams, response: ZDialResponse }),
  saveInterview: defineContract({ method: 'PUT', url: '/api/fieldwork/cases/:id/interview', params: ZFieldworkCaseParams, body: ZSaveInterviewRequest, response: ZInterviewState }),
  recordDisposition: defineContract({ method: 'POST', url: '/api/fieldwork/cases/:id/disposition', params: ZFieldworkCaseParams, body: ZRecordDispositionRequest, response: ZDispositionResult }),
  returnCase: defineContract({ method: 'POST', url: '/api/fieldwork/cases/:id/return', params: ZFieldworkCaseParams, response: ZReturnedCase }),
  listAppointments: defineContract({ method: 'GET', url: '/api/fieldwork/waves/:id/appointments', params: ZFieldworkWaveParams, querystring: ZAppointmentListQuery, response: ZAppointmentList }),
  reassignAppointment: defineContract({ method: 'POST', url: '/api/fieldwork/cases/:id/reassign', params: ZFieldworkCaseParams, body: ZReassignAppointmentRequest, response: ZAppointment }),
  releaseCase: defineContract({ method: 'POST', url: '/api/fieldwork/cases/:id/release', params: ZFieldworkCaseParams, response: ZReleasedCase }),
};
