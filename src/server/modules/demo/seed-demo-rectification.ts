/**
 * The demo loop's first step (issue 12 point 8): the county's earliest closed wave turned into
 * rectification tasks through the rectification module's use cases — proposed, most confirmed to
 * their townships with due dates within about 60 days of the wave's end, one dropped with a
 * reason, progress reported on several, some submitted and accepted, one sent back — then the
 * rows' times moved into the weeks after that wave ended (as seed-demo-survey.ts moves the
 * wave's), so a later wave comes after the work. The audit log keeps the real times.
 * Does nothing when the county has tasks already.
 */
import type { Actor } from '../../http/context.ts';
import type { WriteContext } from '../../use-case-context.ts';
import type { AuditSource } from '../audit/index.ts';
import {
  acceptRectificationTask,
  confirmRectificationTask,
  dropRectificationTask,
  proposeRectificationTasks,
  reportRectificationProgress,
  returnRectificationTask,
  submitRectificationTask,
} from '../rectification/index.ts';
import { addDays } from '../../../shared/visits/index.ts';
import { ensureDemoCaseUnits } from './demo-case-units.ts';
import { seededRandom, type Random } from './random.ts';

const DAY = 86_400_000;
const sourceOf = (actor: Actor): AuditSource => ({ actorId: actor.id, actorName: actor.username, requestId: null, clientIp: null });

const MEASURES: Record<string, string> = {
  index: '乡镇党委、政府牵头，逐村召开群众座谈会，梳理群众反映集中的问题，建立问题清单和整改台账，限时销号。',
  dissatisfaction: '对不满意群众逐户回访，查明原因，能当场解决的当场解决，不能解决的说明情况并纳入整改台账。',
  domain: '分管领导包抓，联系县直相关部门，针对该领域群众反映的突出问题制定专项整改方案，每半月调度一次。',
  cases: '对近期集中反映的同类诉求逐件核查，分析成因，从源头上制定治理措施，防止问题反复发生。',
};
const PROGRESS = [
  '已召开专题会议研究部署，制定整改方案，明确责任人和完成时限。',
  '已完成对相关村（社区）的走访摸排，建立问题台账，已解决问题过半。',
  '已落实全部整改措施，组织回访群众，群众反映问题基本解决。',
];

/**
 * @example
 * await seedDemoRectification({ db, actor: null, source }, {}); // '14 proposed, 13 confirmed, 1 dropped, 6 accepted'
 */
export async function seedDemoRectification(ctx: WriteContext<null>, options: { now?: Date } = {}): Promise<string> {
  const { db } = ctx;
  const units = await ensureDemoCaseUnits(ctx);
  const admin = units.countyAdmin;
  const countyCode = admin.countyCode!;
  const existing = await db.selectFrom('rectification_task').select('id').where('county_code', '=', countyCode).limit(1).executeTakeFirst();
  if (existing) return 'tasks exist already: nothing to do';
  // The earliest closed wave: with one closed wave it is that one; with two, the tasks come from the first and the second shows whether they worked.
  const wave = await db.selectFrom('survey_wave').select(['id', 'ends_on', 'closed_at']).where('county_code', '=', countyCode).where('status', '=', 'closed').orderBy('ends_on').orderBy('id').limit(1).executeTakeFirst();
  if (!wave) return 'no closed wave: nothing to do';
  // The wave's end: its closing stamp when the demo moved it into the period, else (a wave closed
  // long after its period) the evening of its last day, so the work follows the fieldwork.
  const lastDay = new Date(`${wave.ends_on}T10:00:00Z`).getTime();
  const endedAt = new Date(wave.closed_at ? Math.min(new Date(wave.closed_at).getTime(), lastDay + 7 * DAY) : lastDay);
  const rnd = seededRandom(1209);
  const as = (actor: Actor) => ({ db, actor, source: sourceOf(actor) });
  const proposedAt = new Date(endedAt.getTime() + 2 * DAY);
  const proposed = await proposeRectificationTasks(as(admin), { waveId: wave.id, now: options.now ?? proposedAt });
  const items = proposed.items;
  let confirmed = 0;
  let dropped = 0;
  let accepted = 0;
  let submitted = 0;
  for (const [k, task] of items.entries()) {
    if (k === items.length - 1 && items.length > 1) {
      await dropRectificationTask(as(admin), { id: task.id, reason: '该问题已纳入上一轮整改任务统筹推进，不再单独立项。' });
      dropped++;
      continue;
    }
    if (!task.township) continue;
    const dueOn = addDays(wave.ends_on, 45 + rnd.int(0, 15));
    const key = task.source === 'cases' ? 'cases' : task.figureKey?.startsWith('domain:') ? 'domain' : (task.figureKey ?? 'index');
    await confirmRectificationTask(as(admin), { id: task.id, ownerRegionCode: task.township.code, dueOn, measures: MEASURES[key] ?? MEASURES.domain! });
    confirmed++;
    const townshipId = (await db.selectFrom('rectification_task').select('owner_region_id').where('id', '=', task.id).executeTakeFirstOrThrow()).owner_region_id!;
    const owner = units.townshipAdmins.get(townshipId);
    // Most owners work on their tasks; about a third have not reported yet.
    if (!owner || k % 3 === 2) continue;
    const steps = k % 4 === 0 ? 3 : 1 + rnd.int(0, 1);
    for (let s = 0; s < steps; s++) await reportRectificationProgress(as(owner), { id: task.id, note: PROGRESS[s]! });
    if (steps < 2) continue;
    await submitRectificationTask(as(owner), { id: task.id, note: '整改措施已落实，申请验收。' });
    submitted++;
    if (k % 5 === 1) {
      await returnRectificationTask(as(admin), { id: task.id, reason: '佐证材料不足，请补充整改前后对比照片和群众回访记录。' });
      continue;
    }
    await acceptRectificationTask(as(admin), { id: task.id, note: '经现场核查，整改到位。' });
    accepted++;
  }
  await backdate(ctx, { countyCode, start: proposedAt, rnd });
  return `${items.length} proposed from wave ${wave.id}, ${confirmed} confirmed, ${dropped} dropped, ${submitted} submitted, ${accepted} accepted`;
}

/**
 * Moves every task's updates into the weeks after the wave (proposed two days after it ended,
 * each next step one to five days later, so every submission comes before its due date), then the task's own stamps from its updates.
 */
async function backdate(ctx: WriteContext<null>, { countyCode, start, rnd }: { countyCode: string; start: Date; rnd: Random }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const tasks = await trx.selectFrom('rectification_task').select(['id']).where('county_code', '=', countyCode).execute();
    for (const task of tasks) {
      const updates = await trx.selectFrom('rectification_update').select(['id', 'kind']).where('task_id', '=', task.id).orderBy('id').execute();
      let at = start.getTime();
      const stamp: Partial<Record<string, Date>> = {};
      for (const [i, u] of updates.entries()) {
        if (i > 0) at += (1 + rnd.int(0, 4)) * DAY + rnd.int(0, 6 * 3600) * 1000;
        const when = new Date(at);
        await trx.updateTable('rectification_update').set({ at: when }).where('id', '=', u.id).execute();
        stamp[u.kind] = when;
      }
      await trx
        .updateTable('rectification_task')
        .set({
          created_at: start,
          updated_at: new Date(at),
          ...(stamp.confirm ? { confirmed_at: stamp.confirm } : {}),
          ...(stamp.submit ? { submitted_at: stamp.submit } : {}),
          ...(stamp.accept ? { accepted_at: stamp.accept } : {}),
        })
        .where('id', '=', task.id)
        .execute();
      await trx.updateTable('rectification_file').set({ added_at: new Date(at) }).where('task_id', '=', task.id).execute();
    }
  });
}
