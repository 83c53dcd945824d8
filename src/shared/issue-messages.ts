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
};
