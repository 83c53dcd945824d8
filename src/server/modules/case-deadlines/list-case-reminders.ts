import type { TCaseReminderList } from '../../../shared/cases/case-config-schemas.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { reminderVisibleTo } from './reminder-scope.ts';

export interface ListCaseRemindersOptions {
  /** Unread only (the default) or every reminder in scope. */
  unread?: boolean;
  limit?: number;
}

/**
 * The reminders (督办) an actor's unit and the units it supervises got from the deadline sweep,
 * newest first, with the number unread: a village cadre sees its village's, a township admin its
 * own and its villages', the county everyone's, a department handler its department's. For the
 * reminders page and the workbench's cards.
 *
 * @example
 * const { items, unread } = await listCaseReminders({ db, actor }, { unread: true, limit: 20 });
 * items[0]; // { caseNo: 'MQ20261206…', deadline: 'response', unitName: '堽城镇', supervisorName: '宁阳县', … }
 */
export async function listCaseReminders({ db, actor }: ReadContext, { unread = true, limit = 50 }: ListCaseRemindersOptions = {}): Promise<TCaseReminderList> {
  if (!actor.countyCode) return { items: [], unread: 0 };
  const countyCode = actor.countyCode;
  const base = db
    .selectFrom('case_reminder as m')
    .leftJoin('region as u', 'u.id', 'm.unit_region_id')
    .leftJoin('region as s', 's.id', 'm.supervisor_region_id')
    .where('m.county_code', '=', countyCode)
    .where(reminderVisibleTo(actor));
  const rows = await base
    .innerJoin('resident_case as c', (j) => j.onRef('c.id', '=', 'm.case_id').on('c.county_code', '=', countyCode))
    .innerJoin('case_assignment as a', (j) => j.onRef('a.id', '=', 'm.assignment_id').on('a.county_code', '=', countyCode))
    .leftJoin('department as d', 'd.id', 'm.unit_department_id')
    .select(['m.id', 'm.case_id', 'm.deadline', 'm.created_at', 'm.read_at', 'c.case_no', 'c.title', 'a.level', 'a.response_due_at', 'a.resolve_due_at', 'u.name as unit_region_name', 'd.name as department_name', 's.name as supervisor_name'])
    .$if(unread, (q) => q.where('m.read_at', 'is', null))
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
  const count = await base.where('m.read_at', 'is', null).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return {
    unread: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNo: r.case_no,
      title: r.title,
      deadline: r.deadline,
      dueAt: new Date(r.deadline === 'response' ? r.response_due_at : r.resolve_due_at).toISOString(),
      level: r.level,
      unitName: r.unit_region_name ?? r.department_name ?? '',
      supervisorName: r.supervisor_name,
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    })),
  };
}
