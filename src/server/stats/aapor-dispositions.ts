/**
 * AAPOR call dispositions for the telephone survey: the detailed codes of AAPOR's Standard
 * Definitions (telephone surveys table), the outcome group each one counts in for the rates, and
 * the temporary (per-attempt) outcomes interviewers record before a number is finished with.
 */

/**
 * Outcome groups of the AAPOR rate formulas:
 * I complete, P partial, R refusal and break-off, NC non-contact, O other eligible non-interview,
 * UH unknown if household/occupied, UO unknown eligibility (other), NE not eligible.
 */
export type AaporGroup = 'I' | 'P' | 'R' | 'NC' | 'O' | 'UH' | 'UO' | 'NE';

export const AAPOR_GROUPS: readonly AaporGroup[] = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'];

/** When to dial again after a temporary outcome. */
export type RetryDelay =
  /** Between min and max minutes later (a dialler picks within the window, e.g. another time of day). */
  | { kind: 'after'; minMinutes: number; maxMinutes: number }
  /** At the time agreed with the respondent (预约). */
  | { kind: 'scheduled' };

export interface Disposition {
  /** AAPOR code ('2.11'); temporary outcomes carry a T prefix ('T3.13'). */
  code: string;
  group: AaporGroup;
  /** Final outcomes close the number; temporary ones schedule another attempt. */
  final: boolean;
  /** For a temporary outcome: the final code it becomes if the attempts run out on it. */
  finalCode: string | null;
  /** For a temporary outcome: the default delay before the next attempt (configurable by the caller). */
  retry: RetryDelay | null;
  /**
   * The outcome says a call was made (someone answered, or the line was busy, rang out, gave an
   * operator message …), so the attempt must have been dialled. Only "not attempted" (3.11) says
   * otherwise.
   */
  needsDial: boolean;
  zh: string;
  en: string;
}

/** The one disposition that claims no call was made. */
export const NOT_ATTEMPTED = '3.11';

const final = (code: string, group: AaporGroup, zh: string, en: string): Disposition => ({
  code,
  group,
  final: true,
  finalCode: null,
  retry: null,
  needsDial: code !== NOT_ATTEMPTED,
  zh,
  en,
});

const minutes = (minMinutes: number, maxMinutes = minMinutes): RetryDelay => ({ kind: 'after', minMinutes, maxMinutes });

const temporary = (finalCode: string, group: AaporGroup, retry: RetryDelay, zh: string, en: string): Disposition => ({
  code: `T${finalCode}`,
  group,
  final: false,
  finalCode,
  retry,
  needsDial: true,
  zh,
  en,
});

const DAY = 24 * 60;

/**
 * The dispositions the fieldwork uses. Final codes follow AAPOR Standard Definitions (telephone
 * table); Chinese operator messages are mapped where they belong: 空号 (vacant number) is a
 * non-working number (4.31), 停机 (service suspended) is a disconnected number (4.32), and
 * 关机 / 暂时无法接通 (switched off, out of reach) are technical problems of unknown eligibility
 * (3.16), retried because they are usually temporary.
 */
export const DISPOSITIONS: readonly Disposition[] = [
  // 1 Interview
  final('1.1', 'I', '完成访问', 'Complete interview'),
  final('1.2', 'P', '部分完成', 'Partial interview'),
  // 2 Eligible, non-interview
  final('2.11', 'R', '拒访', 'Refusal'),
  final('2.12', 'R', '中途拒访（中断）', 'Break-off'),
  final('2.21', 'NC', '受访者始终不在', 'Respondent never available'),
  final('2.22', 'NC', '语音信箱（确认为住户）', 'Answering machine, household confirmed'),
  final('2.31', 'O', '受访者已故', 'Respondent deceased'),
  final('2.32', 'O', '身体或精神原因无法受访', 'Physically or mentally unable'),
  final('2.33', 'O', '语言障碍（含方言）', 'Language barrier (including dialect)'),
  final('2.36', 'O', '其他（合格未访）', 'Other, eligible non-interview'),
  // 3 Unknown eligibility, non-interview
  final('3.11', 'UH', '未拨打', 'Not attempted'),
  final('3.12', 'UH', '始终占线', 'Always busy'),
  final('3.13', 'UH', '始终无人接听', 'No answer'),
  final('3.14', 'UH', '语音信箱（未确认住户）', 'Answering machine, unknown if household'),
  final('3.15', 'UH', '来电拦截', 'Call blocking'),
  final('3.16', 'UH', '技术问题（关机、暂时无法接通）', 'Technical phone problems (switched off, out of reach)'),
  final('3.21', 'UO', '住户未完成筛选', 'Household, no screener completed'),
  final('3.90', 'UO', '其他（资格未知）', 'Other, unknown eligibility'),
  // 4 Not eligible
  final('4.10', 'NE', '样本外（不在本县居住）', 'Out of sample (does not live in the county)'),
  final('4.20', 'NE', '传真或数据专线', 'Fax/data line'),
  final('4.31', 'NE', '空号', 'Non-working number'),
  final('4.32', 'NE', '停机', 'Disconnected number'),
  final('4.51', 'NE', '单位、企业或机关电话', 'Business, government office, other organization'),
  final('4.52', 'NE', '集体机构（医院、学校等）', 'Institution'),
  final('4.70', 'NE', '无合格受访者（不满18岁或居住不满1年）', 'No eligible respondent (under 18 or resident under a year)'),
  final('4.80', 'NE', '配额已满', 'Quota filled'),
  final('4.90', 'NE', '其他（不合格）', 'Other, not eligible'),
  // Temporary outcomes of one attempt
  temporary('3.12', 'UH', minutes(15), '占线', 'Busy'),
  temporary('3.13', 'UH', minutes(60, 120), '无人接听', 'No answer'),
  temporary('3.14', 'UH', minutes(120), '语音信箱（未确认住户）', 'Answering machine, unknown if household'),
  temporary('3.16', 'UH', minutes(60, 120), '关机或暂时无法接通', 'Switched off or out of reach'),
  temporary('2.22', 'NC', minutes(120), '语音信箱（确认为住户）', 'Answering machine, household confirmed'),
  temporary('2.21', 'NC', { kind: 'scheduled' }, '预约再访', 'Appointment (respondent not available now)'),
  temporary('2.11', 'R', minutes(2 * DAY), '软拒访（可再联系）', 'Soft refusal (to be converted)'),
  temporary('2.12', 'R', { kind: 'scheduled' }, '访问中断（约定续访）', 'Interview interrupted, to be resumed'),
  temporary('2.33', 'O', minutes(DAY), '语言障碍（改派方言访员）', 'Language barrier, reassign to a dialect interviewer'),
];

const BY_CODE = new Map(DISPOSITIONS.map((d) => [d.code, d]));

/**
 * The disposition with a given code, or undefined.
 *
 * @example
 * findDisposition('4.31')?.zh; // => '空号'
 * findDisposition('T3.12')?.retry; // => { kind: 'after', minMinutes: 15, maxMinutes: 15 }
 */
export function findDisposition(code: string): Disposition | undefined {
  return BY_CODE.get(code);
}

const CODE_PATTERN = /^T?([1-4])\.(\d+)$/;

/**
 * The AAPOR outcome group of any disposition code, including finer sub-codes not in the table
 * (2.111 household-level refusal counts with 2.11 as R). Throws a RangeError on a code that is
 * not of the AAPOR form.
 *
 * @example
 * dispositionGroup('1.1');   // => 'I'
 * dispositionGroup('2.112'); // => 'R'
 * dispositionGroup('3.13');  // => 'UH'
 * dispositionGroup('4.70');  // => 'NE'
 */
export function dispositionGroup(code: string): AaporGroup {
  const known = BY_CODE.get(code);
  if (known) return known.group;
  const match = CODE_PATTERN.exec(code);
  if (!match) throw new RangeError(`not an AAPOR disposition code: ${code}`);
  const [, major, minor = ''] = match;
  const first = minor[0];
  switch (major) {
    case '1':
      if (first === '1') return 'I';
      if (first === '2') return 'P';
      break;
    case '2':
      if (first === '1') return 'R';
      if (first === '2') return 'NC';
      if (first === '3') return 'O';
      break;
    case '3':
      if (first === '1') return 'UH';
      if (first === '2' || first === '9') return 'UO';
      break;
    case '4':
      return 'NE';
  }
  throw new RangeError(`not an AAPOR disposition code: ${code}`);
}

/** Counts of cases by AAPOR outcome group. */
export type DispositionCounts = Record<AaporGroup, number>;

/**
 * Counts final dispositions by group. Temporary codes count as the final code they would become,
 * which gives provisional rates while fieldwork is still running.
 *
 * @example
 * countDispositions(['1.1', '1.1', '2.11', 'T3.13', '4.31']);
 * // => { I: 2, P: 0, R: 1, NC: 0, O: 0, UH: 1, UO: 0, NE: 1 }
 */
export function countDispositions(codes: Iterable<string>): DispositionCounts {
  const counts: DispositionCounts = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
  for (const code of codes) counts[dispositionGroup(code)] += 1;
  return counts;
}
