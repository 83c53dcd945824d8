/**
 * Reassigning an appointment (改派预约): the supervisor gives a case's appointment to another
 * interviewer of the county, or to anyone (the first interviewer to ask once it is due).
 */
import type { TAppointment } from '../../../shared/schemas/survey-fieldwork.ts';
import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { lockCase } from './fieldwork-rules.ts';
import { eligibleInterviewers, listAppointments } from './list-appointments.ts';

export interface ReassignAppointmentOptions {
  caseId: string;
  input: { interviewerId: string | null; note?: string | undefined };
  now: Date;
}

/**
 * @example
 * await reassignAppointment({ db, actor, source }, { caseId, input: { interviewerId: otherId }, now: new Date() });
 */
export async function reassignAppointment(ctx: WriteContext, { caseId, input, now }: ReassignAppointmentOptions): Promise<TAppointment> {
  const { db, actor } = ctx;
  const waveId = await db.transaction().execute(async (trx) => {
    const found = await lockCase(trx, actor, { caseId, now, holder: false });
    if (!found.appointment_at || found.final_disposition) throw new AppError(409, 'appointment_missing');
    let to: { id: string; username: string } | null = null;
    if (input.interviewerId !== null) {
      const eligible = await eligibleInterviewers(trx, found.county_path);
      to = eligible.find((u) => u.id === input.interviewerId) ?? null;
      if (!to) throw new AppError(422, 'interviewer_not_eligible', { issues: [{ path: 'interviewerId', message: 'not an active interviewer of the county' }] });
    }
    const before = found.appointment_with ? await trx.selectFrom('app_user').select('username').where('id', '=', found.appointment_with).executeTakeFirst() : null;
    await trx.updateTable('sample_case').set({ appointment_with: to?.id ?? null }).where('id', '=', caseId).execute();
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'survey.appointment_reassigned',
      entityType: 'sample_case',
      entityId: caseId,
      region: found.countyRegion,
      before: { interviewer: before?.username ?? null },
      after: { interviewer: to?.username ?? null, appointmentAt: found.appointment_at.toISOString(), phoneMasked: found.phone_masked, note: input.note ?? '' },
    });
    return found.wave_id;
  });
  const { items } = await listAppointments(ctx, { waveId, now });
  return items.find((a) => a.caseId === caseId)!;
}
