/**
 * Chinese for the custom issue messages we write in English: in the shared schemas, and in the
 * use cases that raise issues (questionnaire rules, answers, dispositions). Zod's own messages
 * are localized by its zh-CN locale; these are ours. problem.ts says them in the caller's
 * language through `localizeIssueMessage`.
 */
import type { TLocale } from './locale.ts';

/** Messages said word for word. */
export const ISSUE_MESSAGES_ZH: Record<string, string> = {
  'division code: 6, 9, 12 or 15 digits': '区划代码应为 6、9、12 或 15 位数字',
  'at most three decimals': '最多保留三位小数',
  'the three weights must add up to 1': '三项权重之和须等于 1',
  'a month: YYYY-MM': '月份格式为 YYYY-MM',
  'an id: a positive whole number': '编号应为正整数',
  'letters, digits, Chinese characters, _ . - only': '只能包含字母、数字、汉字及 _ . -',
  'needs letters and digits': '须同时包含字母和数字',
  'roles repeat': '角色重复',
  'no such region': '没有这个区划',
  'no such department in this county': '本县没有这个部门',
  'a code: a letter, then letters, digits or _': '代码须以字母开头，只能包含字母、数字和 _',
  'at least the last 4 digits': '至少输入最后 4 位',
  'a code: lower-case letters, digits and _': '代码只能包含小写字母、数字和 _，以字母开头',
  'must not contain NUL or unpaired surrogate characters': '不能包含空字符（U+0000）或无效的 Unicode 字符',
  'must not contain invisible or direction-changing characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF)':
    '不能包含不可见字符或改变文字方向的字符（U+200B–U+200F、U+202A–U+202E、U+2066–U+2069、U+FEFF），请删除后重新输入',
  'must be between the years 1 and 9999': '须在公元 1 年至 9999 年之间',
  'a time: HH:MM, 00:00–23:59': '时间格式为 HH:MM（00:00–23:59）',
  'a time: HH:MM, 00:00–24:00': '时间格式为 HH:MM（00:00–24:00）',
  'the end must be after the start': '结束时间须晚于开始时间',
  'calling hours overlap': '拨打时段不能重叠',
  'at least one share must be above 0': '至少一项比例须大于 0',
  'the end date is before the start date': '结束日期早于开始日期',
  'the end date is before today': '结束日期早于今天',
  'fixed once fieldwork has started': '调查开始实施后不能修改',
  'either standard: true or copyFromVersionId, not both': '须选择“基于标准问卷”或“复制某一版本”之一',
  'a seed: 16–64 lower-case hex digits': '随机种子为 16–64 位小写十六进制数字',
  'exactly one township question (S3) is needed': '问卷须有且只有一道乡镇题（S3）',
  'a single-choice question needs at least two options': '单选题至少需要两个选项',
  'a satisfaction scale needs satisfied and dissatisfied options': '满意度量表须包含“满意”和“不满意”类选项',
  'a domain question names its domain': '分领域满意度题须指明领域',
  'an awareness question names its policy': '政策知晓题须指明政策',
  'only an awareness question names a policy code': '只有政策知晓题可以指定政策代码',
  'only screening questions end an interview': '只有甄别题可以结束访问',
  'skips go forward only': '跳题只能跳到后面的题目',
  'must be in the future': '须为将来的时间',
  'a final outcome is not called again': '最终结果的号码不再拨打，无需回拨或预约时间',
  'required, not answered': '必答题，尚未回答',
  'no answers have been recorded': '还没有记录任何回答',
  'not an active interviewer of the county': '不是本县在用的访问员账号',
  'no calling hours are set': '未设置拨打时段',
  'an AAPOR disposition code': '应为 AAPOR 结果代码（如 1.1、T3.13）',
  'an option id (a township question: its division code)': '应为选项代码（乡镇题为乡镇区划代码）',
  'the respondent was screened out: record 4.70': '受访者未通过甄别，请记录 4.70',
  'a share between 0 and 1, at most 5 decimals (e.g. 0.75)': '应为 0 到 1 之间的比例，最多 5 位小数（如 0.75）',
  'a township question has no fixed options': '乡镇题不设固定选项（选项为本轮调查的各乡镇）',
  'an open question has no fixed options': '开放题不设选项',
  'a scale needs at least one option': '量表至少需要一个选项',
  'say the purpose in words when it is "other"': '选择“其他”时须写明查看目的',
  'differs from the stored record': '与已保存的记录不同',
  'a reason of at least 2 characters': '请填写原因（至少 2 个字）',
  'not after today': '不能晚于今天',
  'a township or a village': '应为乡镇（街道）或村（社区）',
  'a note is required': '请填写说明',
  'no label of this category is in force': '该户没有这一有效的困难类别',
  // Campaigns (shared/visits/campaign-schemas.ts, campaign-api-schemas.ts).
  'an amount in fen: a whole number': '金额以分为单位，须为整数',
  'an amount must not be negative': '金额不能为负数',
  'an amount must be at most 100000000000 fen': '金额不能超过 10 亿元',
  'a quantity: a whole number': '数量须为整数',
  'a quantity must be at least 1': '数量至少为 1',
  'a quantity must be at most 10000': '数量不能超过 10000',
  'an aid amount must be at least 1 fen': '慰问金额至少为 1 分',
  'an aid item needs an amount, goods, or both': '慰问项目须有金额或物品（或两者都有）',
  'a standard needs at least one item': '慰问标准至少需要一个项目',
  'a township code: 9 digits': '乡镇代码应为 9 位数字',
  'the end must not be before the start': '结束日期不能早于开始日期',
  'at least 1 visit': '至少走访 1 次',
  'the deadline must lie inside the period': '完成期限须在活动期间之内',
  'a township or village code: 9 or 12 digits': '乡镇或村代码应为 9 位或 12 位数字',
  'a village code: 12 digits': '村代码应为 12 位数字',
  'a campaign needs at least one township or village': '走访活动至少要选择一个乡镇或村',
  'a region is listed twice': '区域重复',
  'only a custom campaign has a target filter': '只有自定义名单的活动才能设置筛选条件',
  'a session id: 64 hex digits': '登录会话编号应为 64 位十六进制数字',
  // The assessment (shared/assessment/assessment-api-schemas.ts).
  'must not be 0': '不能为 0',
  'at most two decimals': '最多保留两位小数',
  'give both ends of the interval or neither': '区间上下限须同时填写或同时不填',
  'the interval must contain the estimate': '区间须包含数值本身',
  'a share between 0 and 1': '应为 0 到 1 之间的比例',
  'the place is beyond the number of counties': '位次超过了县区数',
  'a survey component needs a closed wave': '调查类考核项须指定已结束的调查轮次',
};

/**
 * Messages with a variable part (a question code, an option id, a disposition code, a time): the
 * whole English message as a pattern and its Chinese, `$1`, `$2` standing for the captured parts
 * in the order they are captured. A captured part goes in as it is (a `$` in it stays a `$`).
 */
export const ISSUE_PATTERNS_ZH: readonly (readonly [RegExp, string])[] = [
  // Campaign definitions (shared/visits/campaign-schemas.ts).
  [/^goods (\S+) listed twice$/, '物品 $1 重复'],
  [/^hardship category (\S+) has two standards$/, '困难类别 $1 有两个慰问标准'],
  [/^aid item (\S+) is used twice$/, '慰问项目 $1 重复'],
  [/^township (\S+) has two budgets$/, '乡镇 $1 有两项预算'],
  // Questionnaire rules (survey/validate-questionnaire.ts, stats/satisfaction-score.ts validateScale).
  [/^duplicate question code (\S+)$/, '题号 $1 重复'],
  [/^duplicate option id (\S+)$/, '选项代码 $1 重复'],
  [/^no question (\S+)$/, '没有题号为 $1 的题目'],
  [/^no active policy (\S+)$/, '政策目录中没有在用的政策 $1'],
  [/^no awareness question (\S+)$/, '本县问卷中没有政策知晓题 $1'],
  [/^option (\S+) is excluded from the base and cannot count as satisfied or dissatisfied$/, '选项 $1 不计入基数，不能算作满意或不满意'],
  [/^option (\S+) is in the base and needs a finite score$/, '选项 $1 计入基数，须填写分值'],
  [/^option (\S+) cannot be both satisfied and dissatisfied$/, '选项 $1 不能既算满意又算不满意'],
  [/^answer (\S+) is not an option of the scale$/, '回答 $1 不是量表中的选项'],
  // Answers and outcomes (fieldwork/interview-path.ts, save-interview.ts, record-disposition.ts, next-case.ts).
  [/^no question (\S+) in this questionnaire version$/, '本问卷版本中没有题目 $1'],
  [/^(\S+) is answered twice$/, '题目 $1 重复作答'],
  [/^(\S+) is an open question: answer with text$/, '$1 是开放题，请填写文字回答'],
  [/^(\S+) is a choice question: answer with optionId$/, '$1 是选择题，请选择一个选项'],
  [/^(\S+) is not a township of this wave$/, '$1 不是本轮调查的乡镇'],
  [/^(\S+) is not an option of (\S+)$/, '$1 不是题目 $2 的选项'],
  [/^(\S+) is skipped by the answers given$/, '按已作的回答，题目 $1 应跳过'],
  [/^(\S+) is not a disposition in use$/, '$1 不是可用的结果代码'],
  [/^(\S+) needs the appointment time$/, '结果 $1 须填写预约时间'],
  [/^(.+) \(Asia\/Shanghai\)$/, '$1（北京时间）'],
  // The assessment (assessment module).
  [/^the weights add up to (\S+), not 1$/, '权重合计为 $1，不等于 1'],
  [/^no data for (\S+) in (.+)$/, '$2 缺少“$1”的数据'],
  [/^wave (\S+) \((.+)\) is not closed$/, '调查轮次 $1（$2）尚未结束'],
  [/^wave (\S+) \((.+)\) is still in fieldwork$/, '调查轮次 $1（$2）仍在实施中'],
  [/^no such wave (\S+) in this county$/, '本县没有调查轮次 $1'],
  [/^no such township (\S+) in this county$/, '本县没有乡镇 $1'],
  [/^no such assessment (\S+) in this county$/, '本县没有考核 $1'],
  [/^row (\d+): (.+)$/, '第 $1 行：$2'],
  [/^row (\d+) repeats (\S+) of (\S+)–(\S+)$/, '第 $1 行与前面的行重复（$3 至 $4 的 $2）'],
  // The wave's period (fieldwork/next-case.ts).
  [/^fieldwork begins on (\S+)$/, '实施期从 $1 开始'],
  [/^fieldwork ended on (\S+)$/, '实施期已于 $1 结束'],
  // A running wave's maximum attempts (survey/update-wave.ts).
  [/^a case has already been called (\S+) times$/, '已有样本拨打过 $1 次'],
  // The working calendar's check (shared/cases/calendar-check.ts).
  [/^(\S+) is not in (\d+)$/, '$1 不在 $2 年内'],
  [/^(\S+) is listed both as a holiday and as a working day$/, '$1 同时被列为节假日和调休上班日'],
  [/^(\S+) is listed twice$/, '$1 重复出现'],
  [/^(\S+) is a weekday: a make-up working day must fall on a Saturday or Sunday$/, '$1 是周一至周五的工作日，调休上班日只能是周六或周日'],
  [/^(\S+) is not in the calendar$/, '$1 不在日历中'],
  [/^(\S+) is not a manual day: official days change by reloading the official data$/, '$1 来自国务院通知数据，不能删除；如需更新请重新载入官方数据'],
  // Visit files (visit-files/store-visit-file.ts, process-image.ts).
  [/^the limit is (\S+ [KM]B) for a photo$/, '照片的上限为 $1'],
  [/^the limit is (\S+ [KM]B) for a signature$/, '签名图片的上限为 $1'],
  [/^the limit is (\S+) megapixels$/, '上限为 $1 百万像素'],
  // Visit records (visits/record-visit.ts) and the aid ledger (visits/void-aid-delivery.ts).
  [/^aid item (\S+) is not in the campaign's standard$/, '慰问项目 $1 不在本活动的慰问标准中'],
  [/^aid item (\S+) is not in the standard of this household's hardship categories$/, '慰问项目 $1 不属于该户困难类别的慰问标准'],
  [/^amount (\S+) fen is not valid$/, '金额 $1 分无效'],
  [/^amount (\S+) fen is above the standard of (\S+) fen$/, '金额 $1 分超过标准 $2 分'],
  [/^goods (\S+) are not in the standard of (\S+)$/, '物品 $1 不在慰问项目 $2 的标准中'],
  [/^goods (\S+): (\S+) is above the standard of (\S+)$/, '物品 $1 的数量 $2 超过标准 $3'],
  [/^file (\S+) has not been uploaded$/, '文件 $1 尚未上传'],
  [/^file (\S+) is a signature, not a photo$/, '文件 $1 是签名，不是照片'],
  [/^file (\S+) is a photo, not a signature$/, '文件 $1 是照片，不是签名'],
  [/^policy (\S+) is unknown or no longer in use$/, '政策 $1 不存在或已停用'],
  [/^hardship category (\S+) is unknown or no longer in use$/, '困难类别 $1 不存在或已停用'],
  [/^the campaign begins on (\S+)$/, '本活动从 $1 开始'],
  [/^late entries were accepted until (\S+)$/, '补录截止于 $1'],
  [/^(\S+) is later than now$/, '$1 晚于现在'],
];

/**
 * The Chinese of one of our English issue messages; undefined when it is not one of ours.
 *
 * @example
 * issueMessageZh('skips go forward only'); // '跳题只能跳到后面的题目'
 * issueMessageZh('duplicate question code Q3'); // '题号 Q3 重复'
 */
export function issueMessageZh(message: string): string | undefined {
  const fixed = ISSUE_MESSAGES_ZH[message];
  if (fixed !== undefined) return fixed;
  for (const [pattern, zh] of ISSUE_PATTERNS_ZH) {
    const match = pattern.exec(message);
    // Built by hand rather than String.replace, so that a `$` inside a captured part is not read as a reference.
    if (match) return zh.replace(/\$(\d)/g, (_, k: string) => match[Number(k)] ?? '');
  }
  return undefined;
}

/**
 * An issue message in the caller's language: ours translated for zh-CN, anything else as it is.
 *
 * @example
 * localizeIssueMessage('Q7 is answered twice', 'zh-CN'); // '题目 Q7 重复作答'
 * localizeIssueMessage('Q7 is answered twice', 'en'); // 'Q7 is answered twice'
 */
export const localizeIssueMessage = (message: string, locale: TLocale): string => (locale === 'zh-CN' ? (issueMessageZh(message) ?? message) : message);
