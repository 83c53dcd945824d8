/**
 * The supervisor's appointment desk: a wave's appointments (预约) with who keeps them, and the
 * interviewers an appointment can be given to. Numbers are masked; no answers are shown.
 */
import type { Kysely } from 'kysely';
import type { TAppointment, TAppointmentList } from '../../../shared/schemas/survey-fieldwork.ts';
import { SURVEY_CALL_ROLES } from '../../../shared/roles.ts';
import type { DB } from '../../db/schema.ts';
import { findWaveInScope, inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

export interface ListAppointmentsOptions {
  waveId: string;
  /** Include appointments whose time has passed (default: yes, the overdue ones matter most). */
  includePast?: boolean;
  now: Date;
}

/**
 * @example
 * const { items, interviewers } = await listAppointments({ db, actor }, { waveId, now: new Date() });
 */
export async function listAppointments({ db, actor }: ReadContext, o: ListAppointmentsOptions): Promise<TAppointmentList> {
  const { wave, county } = await findWaveInScope(db, actor, o.waveId);
  let query = db
    .selectFrom('sample_case as c')
    .innerJoin('region as t', 't.id', 'c.township_id')
    .leftJoin('app_user as w', 'w.id', 'c.appointment_with')
    .leftJoin('app_user as h', 'h.id', 'c.assigned_to')
    .select([
      'c.id',
      'c.appointment_at',
      'c.phone_masked',
      'c.attempts',
      'c.last_disposition',
      'c.lease_expires_at',
      't.code as township_code',
      't.name as township_name',
      't.name_en as township_name_en',
      'w.id as with_id',
      'w.username as with_username',
      'w.display_name as with_name',
      'h.id as held_id',
      'h.username as held_username',
      'h.display_name as held_name',
    ])
    .where('c.wave_id', '=', wave.id)
    .where('c.appointment_at', 'is not', null)
    .where('c.final_disposition', 'is', null)
    .orderBy('c.appointment_at')
    .orderBy('c.id')
    .limit(2000);
  if (o.includePast === false) query = query.where('c.appointment_at', '>', o.now);
  const [rows, interviewers] = await Promise.all([query.execute(), eligibleInterviewers(db, county.path)]);
  const held = (r: (typeof rows)[number]) => r.held_id !== null && r.lease_expires_at !== null && r.lease_expires_at.getTime() > o.now.getTime();
  return {
    items: rows.map(
      (r): TAppointment => ({
        caseId: r.id,
        at: r.appointment_at!.toISOString(),
        interviewer: r.with_id ? { id: r.with_id, username: r.with_username!, displayName: r.with_name! } : null,
        township: { code: r.township_code, name: r.township_name, nameEn: r.township_name_en },
        phoneMasked: r.phone_masked,
        attempts: r.attempts,
        lastDisposition: r.last_disposition,
        heldBy: held(r) ? { id: r.held_id!, username: r.held_username!, displayName: r.held_name! } : null,
        leaseExpiresAt: held(r) ? r.lease_expires_at!.toISOString() : null,
      }),
    ),
    interviewers: interviewers.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name })),
  };
}

/** Active accounts of the county (bound inside its subtree) that work cases. */
export async function eligibleInterviewers(db: Kysely<DB>, countyPath: string) {
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles'])
    .where('u.active', '=', true)
    .where((eb) => inSubtree(eb.ref('r.path'), countyPath))
    .orderBy('u.username')
    .execute();
  return rows.filter((u) => u.roles.some((r) => (SURVEY_CALL_ROLES as readonly string[]).includes(r)));
}
