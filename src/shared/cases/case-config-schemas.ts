/**
 * Request and answer schemas of the cases' configuration (issue 11): the category tree (诉求分类),
 * the working calendar (工作日历) and the deadline sweep's reminders (督办). Shared by the server's
 * routes and the web pages.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, zName } from '../schemas/common.ts';
import { SURVEY_DOMAINS } from '../schemas/survey.ts';
import { CASE_LEVELS } from './case-lifecycle.ts';

// ── Categories ────────────────────────────────────────────────────────────────────────────────

/** A category's code: stable once created (Open311 uses it as the service_code). */
export const ZCaseCategoryCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'a code: lower-case letters, digits, - and _ (at most 40)' });

const categoryFields = {
  name: zName(60),
  nameEn: zName(120),
  description: z.string().trim().max(500),
  /** The parent category's id; null for a top-level branch. */
  parentId: ZId.nullable(),
  /** One of the survey's eight domains, so cases and satisfaction can be read side by side. */
  domain: z.enum(SURVEY_DOMAINS).nullable(),
  /** The county department responsible (县直部门), one of the category's county. */
  departmentId: ZId.nullable(),
  /** Where the default route starts (village → township → department). */
  startLevel: z.enum(CASE_LEVELS),
  /** 签收时限: working hours to accept. */
  responseHours: z.number().int().min(1).max(240),
  /** 办结时限: working days to resolve. */
  resolveDays: z.number().int().min(1).max(90),
  /** An urgent case's resolution in working hours. */
  urgentHours: z.number().int().min(1).max(240),
  /** Offered as an Open311 service (its code is the service_code). */
  open311: z.boolean(),
  active: z.boolean(),
  sort: z.number().int().min(0).max(10_000),
};

export const ZCreateCaseCategoryRequest = z.strictObject({ code: ZCaseCategoryCode, ...categoryFields, description: categoryFields.description.default('') });
export type TCreateCaseCategoryRequest = z.input<typeof ZCreateCaseCategoryRequest>;

/** A change: any of the fields but the code, which stays as it was created. */
export const ZUpdateCaseCategoryRequest = z.strictObject(categoryFields).partial();
export type TUpdateCaseCategoryRequest = z.infer<typeof ZUpdateCaseCategoryRequest>;

export const ZCaseCategoryParams = z.strictObject({ id: ZId });

export const ZCaseCategory = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string(),
  parentId: z.string().nullable(),
  domain: z.enum(SURVEY_DOMAINS).nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  startLevel: z.enum(CASE_LEVELS),
  responseHours: z.number().int(),
  resolveDays: z.number().int(),
  urgentHours: z.number().int(),
  open311: z.boolean(),
  active: z.boolean(),
  sort: z.number().int(),
  updatedAt: z.string(),
});
export type TCaseCategory = z.infer<typeof ZCaseCategory>;

/** A category with its children, in `sort` order: the tree the page and the intake form show. */
export type TCaseCategoryNode = TCaseCategory & { children: TCaseCategoryNode[] };
export const ZCaseCategoryNode: z.ZodType<TCaseCategoryNode> = ZCaseCategory.extend({ children: z.array(z.lazy(() => ZCaseCategoryNode)) });

export const ZCaseCategoryTree = z.object({ items: z.array(ZCaseCategoryNode) });
export type TCaseCategoryTree = z.infer<typeof ZCaseCategoryTree>;

// ── Working calendar ──────────────────────────────────────────────────────────────────────────

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export const ZCalendarDayKind = z.enum(CALENDAR_DAY_KINDS);

export const ZCalendarYearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const ZCalendarDay = z.object({
  day: z.string(),
  kind: ZCalendarDayKind,
  /** The festival (春节, 国庆节 …) or the county's own words. */
  name: z.string(),
  /** `chinese-days@x.y.z` for the official data, `manual` for the county admin's edits. */
  source: z.string(),
  updatedAt: z.string(),
});
export type TCalendarDay = z.infer<typeof ZCalendarDay>;

/** A warning that does not refuse the calendar (a holiday block longer than ten days). */
export const ZCalendarWarning = z.object({ code: z.literal('long_holiday_block'), from: z.string(), to: z.string(), days: z.number().int() });
export type TCalendarWarning = z.infer<typeof ZCalendarWarning>;

export const ZCalendarYear = z.object({
  year: z.number().int(),
  countyCode: z.string(),
  /** Whether the maintained package has the State Council's notice for this year. */
  officialAvailable: z.boolean(),
  /** The package the official data comes from (chinese-days@…). */
  officialSource: z.string(),
  /** The first and last year the package covers. */
  officialYears: z.object({ from: z.number().int(), to: z.number().int() }),
  /** When (and from what) the county's calendar loaded this year's official data; null if never. */
  loaded: z.object({ source: z.string(), loadedAt: z.string() }).nullable(),
  days: z.array(ZCalendarDay),
  warnings: z.array(ZCalendarWarning),
});
export type TCalendarYear = z.infer<typeof ZCalendarYear>;

export const ZCalendarDayEdit = z.strictObject({ day: ZIsoDate, kind: ZCalendarDayKind, name: zName(40) });
export type TCalendarDayEdit = z.infer<typeof ZCalendarDayEdit>;

/** The county admin's edits of a year: days to set (holiday / 调休上班) and manual days to remove. */
export const ZUpdateCalendarRequest = z.strictObject({
  set: z.array(ZCalendarDayEdit).max(400).default([]),
  remove: z.array(ZIsoDate).max(400).default([]),
});
export type TUpdateCalendarRequest = z.input<typeof ZUpdateCalendarRequest>;

export const ZLoadCalendarResult = ZCalendarYear.extend({ written: z.number().int(), removed: z.number().int() });

// ── Reminders (督办) ──────────────────────────────────────────────────────────────────────────

export const ZCaseReminderQuery = z.strictObject({
  /** Unread only (default) or every reminder in scope, newest first. */
  unread: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZCaseReminder = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  title: z.string(),
  deadline: z.enum(['response', 'resolve']),
  dueAt: z.string(),
  level: z.enum(CASE_LEVELS),
  /** The unit reminded: a village or township name, or a department's. */
  unitName: z.string(),
  /** The level above, reminded too (the township for a village, the county otherwise). */
  supervisorName: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TCaseReminder = z.infer<typeof ZCaseReminder>;
export const ZCaseReminderList = z.object({ items: z.array(ZCaseReminder), unread: z.number().int() });
export type TCaseReminderList = z.infer<typeof ZCaseReminderList>;
export const ZCaseReminderParams = z.strictObject({ id: ZId });
