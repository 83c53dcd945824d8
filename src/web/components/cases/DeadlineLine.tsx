import { Typography } from 'antd';
import { useMemo } from 'react';
import { workingCalendarApi } from '../../../shared/api/case-config.ts';
import { calendarFromDays, workingHoursBetween, type TWorkingCalendar } from '../../../shared/cases/index.ts';
import { call } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { deadlineTime, hoursText } from './deadline.ts';

/**
 * The county's working calendar for the years from now to `until` (for "剩余 N 个工作小时"); null
 * while loading or when the account may not read it, and the deadlines then show without the hours.
 */
export function useWorkingCalendar(until: string | null | undefined): TWorkingCalendar | null {
  const first = new Date().getFullYear();
  const last = until ? Math.max(first, new Date(until).getFullYear()) : first;
  const years = useApi(
    async (signal) => {
      const loaded = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => call(workingCalendarApi.getCalendarYear, { params: { year: first + i } }, { signal })));
      return loaded.flatMap((y) => y.days);
    },
    [first, last],
  );
  return useMemo(() => (years.data ? calendarFromDays(years.data) : null), [years.data]);
}

/**
 * One deadline in working-time terms: "签收时限 2026-12-07 11:00（剩余 3 个工作小时）", "（已超期）" in
 * red, or "（已完成）" once the step it times was taken.
 */
export function DeadlineLine({ label, dueAt, doneAt, calendar, testId }: { label: MessageKey; dueAt: string; doneAt: string | null; calendar: TWorkingCalendar | null; testId: string }) {
  const { t } = useI18n();
  const now = new Date();
  const due = new Date(dueAt);
  const overdue = doneAt === null && due <= now;
  const state = doneAt !== null ? t('cases.deadline.met') : overdue ? t('cases.deadline.overdue') : calendar ? t('cases.deadline.left', { hours: hoursText(workingHoursBetween(now, due, calendar)) }) : null;
  const at = deadlineTime(dueAt);
  return (
    <Typography.Text type={overdue ? 'danger' : undefined} data-testid={testId} data-due-at={dueAt}>
      {`${t(label)} `}
      {state ? t('cases.deadline.text', { at, state }) : at}
    </Typography.Text>
  );
}
