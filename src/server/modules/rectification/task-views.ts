/**
 * Tasks as the API answers them: names of places, owners and waves joined in, the deadline rule
 * (isTaskOverdue, acceptedOnTime) and "did it work" (task-effects.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import type { Actor } from '../../http/context.ts';
import { unprocessable } from '../../http/errors.ts';
import { acceptedOnTime, isTaskOverdue, type TRectificationEffect, type TRectificationTaskSummary } from '../../../shared/assessment/index.ts';
import { localDate } from '../../../shared/time.ts';
import type { TaskRow } from './task-access.ts';
import { effectsOfTasks } from './task-effects.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The owner a county admin names (a township of the county, or one of its departments) as the
 * task's columns; 422 `rectification_owner_invalid` for anything else.
 *
 * @example
 * await resolveOwner(db, actor, { ownerRegionCode: '370921104' }); // { owner_region_id: '27', owner_department_id: null }
 */
export async function resolveOwner(db: Kysely<DB>, actor: Actor, o: { ownerRegionCode?: string | undefined; ownerDepartmentId?: string | undefined }): Promise<{ owner_region_id: string | null; owner_department_id: string | null }> {
  if (o.ownerRegionCode) {
    const r = await db.selectFrom('region').select('id').where('code', '=', o.ownerRegionCode).where('county_code', '=', actor.countyCode).where('level', '=', 'township').where('closed_on', 'is', null).executeTakeFirst();
    if (!r) throw unprocessable('rectification_owner_invalid');
    return { owner_region_id: r.id, owner_department_id: null };
  }
  if (o.ownerDepartmentId) {
    const d = await db.selectFrom('department').select('id').where('id', '=', o.ownerDepartmentId).where('county_code', '=', actor.countyCode).executeTakeFirst();
    if (!d) throw unprocessable('rectification_owner_invalid');
    return { owner_region_id: null, owner_department_id: d.id };
  }
  throw unprocessable('rectification_owner_invalid');
}

/**
 * Summaries of task rows, in their order, with the effect of each (computed once per wave).
 *
 * @example
 * const items = await summarizeTasks(db, rows, { now: new Date() });
 */
export async function summarizeTasks(db: Kysely<DB>, rows: readonly TaskRow[], options: { now?: Date; effects?: boolean } = {}): Promise<TRectificationTaskSummary[]> {
  if (rows.length === 0) return [];
  const today = localDate(options.now ?? new Date());
  const regionIds = [...new Set(rows.flatMap((r) => [r.township_id, r.owner_region_id]).filter((x): x is string => x !== null))];
  const departmentIds = [...new Set(rows.map((r) => r.owner_department_id).filter((x): x is string => x !== null))];
  const waveIds = [...new Set(rows.map((r) => r.wave_id).filter((x): x is string => x !== null))];
  const [regions, departments, waves] = await Promise.all([
    regionIds.length ? db.selectFrom('region').select(['id', 'code', 'name', 'name_en']).where('id', 'in', regionIds).execute() : [],
    departmentIds.length ? db.selectFrom('department').select(['id', 'name']).where('id', 'in', departmentIds).execute() : [],
    waveIds.length ? db.selectFrom('survey_wave').select(['id', 'name', 'ends_on']).where('id', 'in', waveIds).execute() : [],
  ]);
  const region = new Map(regions.map((r) => [r.id, r]));
  const department = new Map(departments.map((d) => [d.id, d]));
  const wave = new Map(waves.map((w) => [w.id, w]));
  const effects: Map<string, TRectificationEffect> = options.effects === false ? new Map() : await effectsOfTasks(db, rows);
  return rows.map((r) => {
    const t = r.township_id ? region.get(r.township_id) : undefined;
    const or = r.owner_region_id ? region.get(r.owner_region_id) : undefined;
    const od = r.owner_department_id ? department.get(r.owner_department_id) : undefined;
    const w = r.wave_id ? wave.get(r.wave_id) : undefined;
    const evidence = readJson('rectification_task.evidence', r.evidence);
    const facts = { status: r.status, dueOn: r.due_on, submittedAt: r.submitted_at };
    return {
      id: r.id,
      taskNo: r.task_no,
      source: r.source,
      status: r.status,
      title: r.title,
      township: t ? { code: t.code, name: t.name, nameEn: t.name_en } : null,
      owner: or ? { kind: 'township' as const, code: or.code, name: or.name, nameEn: or.name_en } : od ? { kind: 'department' as const, id: od.id, name: od.name } : null,
      wave: w ? { id: w.id, name: w.name, endsOn: w.ends_on } : null,
      figureKey: r.figure_key,
      domain: r.domain,
      reason: evidence.reason ?? null,
      dueOn: r.due_on,
      overdue: isTaskOverdue(facts, today),
      onTime: acceptedOnTime(facts),
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      submittedAt: iso(r.submitted_at),
      acceptedAt: iso(r.accepted_at),
      effect: effects.get(r.id) ?? { state: 'not_applicable' },
    };
  });
}
