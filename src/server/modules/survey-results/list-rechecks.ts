import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { ZId } from '../../../shared/schemas/common.ts';
import type { TRecheckItem } from '../../../shared/schemas/survey-results.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findWaveToSupervise } from './find-report-wave.ts';

const ZCursor = z.object({ id: ZId });

/** The re-check rows of interviews, by a condition on `i` (the interview). No phone, no answers. */
export function recheckQuery(db: Kysely<DB>) {
  return db
    .selectFrom('interview as i')
    .innerJoin('app_user as u', 'u.id', 'i.interviewer_id')
    .leftJoin('region as t', 't.id', 'i.township_id')
    .leftJoin('app_user as c', 'c.id', 'i.rechecked_by')
    .select([
      'i.id',
      'i.case_id',
      'i.duration_seconds',
      'i.completed_at',
      'i.qc_flags',
      'i.recheck_result',
      'i.recheck_note',
      'i.rechecked_at',
      'u.id as interviewer_id',
      'u.username as interviewer_username',
      'u.display_name as interviewer_name',
      't.code as township_code',
      't.name as township_name',
      't.name_en as township_name_en',
      'c.id as checker_id',
      'c.username as checker_username',
      'c.display_name as checker_name',
    ]);
}

type RecheckRow = Awaited<ReturnType<ReturnType<typeof recheckQuery>['execute']>>[number];

export const recheckItem = (r: RecheckRow): TRecheckItem => ({
  interviewId: r.id,
  caseId: r.case_id,
  interviewer: { id: r.interviewer_id, username: r.interviewer_username, displayName: r.interviewer_name },
  township: r.township_code && r.township_name ? { code: r.township_code, name: r.township_name, nameEn: r.township_name_en } : null,
  durationSeconds: r.duration_seconds,
  completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
  flags: r.qc_flags,
  result: r.recheck_result,
  note: r.recheck_note,
  checkedBy: r.checker_id && r.checker_username ? { id: r.checker_id, username: r.checker_username, displayName: r.checker_name ?? '' } : null,
  checkedAt: r.rechecked_at ? new Date(r.rechecked_at).toISOString() : null,
});

/**
 * The wave's re-check sample, oldest interview first, a page at a time, with a summary of the
 * results so far.
 *
 * @example
 * const page = await listRechecks({ db, actor }, { waveId: '3', limit: 50, state: 'pending' });
 * page.summary.pending; // re-check calls still to make
 */
export async function listRechecks({ db, actor }: ReadContext, options: { waveId: string; limit: number; cursor?: string | undefined; state?: 'pending' | 'done' | undefined }) {
  const wave = await findWaveToSupervise(db, actor, options.waveId);
  const after = decodeCursor(options.cursor, ZCursor);
  let query = recheckQuery(db).where('i.wave_id', '=', wave.id).where('i.recheck', '=', true);
  if (options.state === 'pending') query = query.where('i.recheck_result', 'is', null);
  if (options.state === 'done') query = query.where('i.recheck_result', 'is not', null);
  if (after) query = query.where('i.id', '>', after.id);
  const rows = await query.orderBy('i.id').limit(options.limit + 1).execute();
  const summary = await sql<{ total: string; pending: string; confirmed: string; not_confirmed: string; unreachable: string }>`
    SELECT count(*) AS total,
           count(*) FILTER (WHERE recheck_result IS NULL) AS pending,
           count(*) FILTER (WHERE recheck_result = 'confirmed') AS confirmed,
           count(*) FILTER (WHERE recheck_result = 'not_confirmed') AS not_confirmed,
           count(*) FILTER (WHERE recheck_result = 'unreachable') AS unreachable
    FROM interview WHERE wave_id = ${wave.id} AND recheck`.execute(db);
  const s = summary.rows[0]!;
  return {
    ...pageOf(rows, options.limit, recheckItem, (r) => ({ id: r.id })),
    summary: { total: Number(s.total), pending: Number(s.pending), confirmed: Number(s.confirmed), notConfirmed: Number(s.not_confirmed), unreachable: Number(s.unreachable) },
  };
}
