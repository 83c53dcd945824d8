import type { TBulletinModel, TBulletinQuery } from '../../../shared/api/bulletin.ts';
import { localDate } from '../../../shared/time.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { computeWaveResults } from '../survey-results/index.ts';
import { bulletinModel, type BulletinTask, type BulletinWave } from './bulletin-model.ts';
import { loadBulletin } from './load-bulletin.ts';

const dateOf = (value: string | Date) => (typeof value === 'string' ? value.slice(0, 10) : localDate(value));

/**
 * The bulletin's model (通报) of an assessment: its published result (or a draft's latest, marked
 * 征求意见稿), each wave's township domains against the county, and the rectification tasks
 * of the period (confirmed tasks of the assessment's waves or due within its period), counted as
 * of the bulletin's date. What `bulletinModel` prints; the DOCX, XLSX and preview all use it.
 * Aggregates only (no resident), so reading it is not audited.
 *
 * The waves' results are read as the county (`actor: null`): the bulletin is sent to every
 * township, so a township admin reading it sees the other townships' domains, as in the paper
 * bulletin; the assessment's own scope check has been passed first.
 *
 * @example
 * const model = await getBulletin({ db, actor }, { assessmentId: '7', number: '宁联办〔2026〕12号' });
 * model.ranking[0]; // { name: '堽城镇', rank: 1, rankText: '1–2', composite: { text: '86.2', … }, … }
 */
export async function getBulletin(ctx: ReadContext, options: { assessmentId: string; now?: Date } & TBulletinQuery): Promise<TBulletinModel> {
  const { db } = ctx;
  const now = options.now ?? new Date();
  const { assessment, result } = await loadBulletin(ctx, { assessmentId: options.assessmentId });
  const waves: BulletinWave[] = await Promise.all(
    result.waves.map(async (w) => {
      try {
        return { id: w.id, name: w.name, results: await computeWaveResults({ db, actor: null }, { waveId: w.id, now }) };
      } catch {
        // A wave that can no longer be read (removed) leaves its domains out; the model lists it.
        return { id: w.id, name: w.name, results: null };
      }
    }),
  );
  const waveIds = result.waves.map((w) => w.id);
  const rows = await db
    .selectFrom('rectification_task as t')
    .leftJoin('region as r', 'r.id', 't.township_id')
    .select(['t.township_id', 'r.name as township_name', 't.status', 't.due_on', 't.submitted_at'])
    .where('t.county_code', '=', assessment.countyCode)
    .where('t.status', 'in', ['open', 'submitted', 'accepted'])
    .where((eb) => {
      const due = eb.and([eb('t.due_on', '>=', result.periodStart), eb('t.due_on', '<=', result.periodEnd)]);
      return waveIds.length ? eb.or([due, eb('t.wave_id', 'in', waveIds)]) : due;
    })
    .orderBy('t.id')
    .execute();
  const tasks: BulletinTask[] = rows.map((r) => ({
    townshipId: r.township_id,
    townshipName: r.township_name,
    status: r.status as BulletinTask['status'],
    dueOn: dateOf(r.due_on!),
    submittedOn: r.submitted_at === null ? null : localDate(new Date(r.submitted_at)),
  }));
  return bulletinModel({
    assessment,
    result,
    waves,
    tasks,
    options: { issuer: options.issuer, number: options.number, date: options.date },
    today: localDate(now),
    now,
  });
}
