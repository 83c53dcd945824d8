import dayjs, { type Dayjs } from 'dayjs';

/**
 * Spread on a Form.Item around a DatePicker so that the form holds 'YYYY-MM-DD' strings (calendar
 * dates in Asia/Shanghai, as the API wants them) instead of Dayjs objects.
 *
 * @example
 * <Form.Item name="openedOn" {...dateItemProps}><DatePicker /></Form.Item>
 */
export const dateItemProps = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' && value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined),
};

/** The start of a calendar day in Asia/Shanghai as an ISO instant with offset: '2026-11-29T00:00:00+08:00'. */
export const startOfShanghaiDay = (date: string) => `${date}T00:00:00+08:00`;

/** The calendar day after `date` (YYYY-MM-DD). */
export const nextDay = (date: string) => dayjs(date).add(1, 'day').format('YYYY-MM-DD');
