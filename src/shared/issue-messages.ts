/**
 * Chinese for the custom validation messages written (in English) in the shared schemas.
 * Zod's own messages are localized by its zh-CN locale; these are ours.
 */
export const ISSUE_MESSAGES_ZH: Record<string, string> = {
  'division code: 6, 9, 12 or 15 digits': '区划代码应为 6、9、12 或 15 位数字',
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
  'must be between the years 1 and 9999': '须在公元 1 年至 9999 年之间',
  'a time: HH:MM, 00:00–23:59': '时间格式为 HH:MM（00:00–23:59）',
  'a time: HH:MM, 00:00–24:00': '时间格式为 HH:MM（00:00–24:00）',
  'the end must be after the start': '结束时间须晚于开始时间',
  'calling hours overlap': '拨打时段不能重叠',
  'at least one share must be above 0': '至少一项比例须大于 0',
  'the end date is before the start date': '结束日期早于开始日期',
  'either standard: true or copyFromVersionId, not both': '须选择“基于标准问卷”或“复制某一版本”之一',
  'a seed: 16–64 lower-case hex digits': '随机种子为 16–64 位小写十六进制数字',
  'exactly one township question (S3) is needed': '问卷须有且只有一道乡镇题（S3）',
  'a single-choice question needs at least two options': '单选题至少需要两个选项',
  'a satisfaction scale needs satisfied and dissatisfied options': '满意度量表须包含“满意”和“不满意”类选项',
  'a domain question names its domain': '分领域满意度题须指明领域',
  'an awareness question names its policy': '政策知晓题须指明政策',
  'only screening questions end an interview': '只有甄别题可以结束访问',
  'skips go forward only': '跳题只能跳到后面的题目',
};
