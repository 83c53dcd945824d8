/**
 * What can be wrong with one row of a household-registry import, in both interface languages.
 * Issues are stored per row (import_issue.problem holds the code) and shown in the job's report,
 * in the web page and on the command line; the messages are written for the person who fixes
 * the spreadsheet, so they say what to change.
 */
import type { TLocale, TText } from '../locale.ts';

export const IMPORT_ISSUE_MESSAGES = {
  required_missing: { 'zh-CN': '必填项为空。', en: 'This value is required.' },
  too_long: { 'zh-CN': '内容过长。', en: 'The value is too long.' },
  name_invalid: { 'zh-CN': '姓名只能包含汉字、字母、间隔号“·”和空格。', en: 'A name may contain only Chinese characters, letters, the separator “·” and spaces.' },
  name_invisible_character: {
    'zh-CN': '姓名中有不可见字符或改变文字方向的字符（如零宽空格，显示为 [U+200B]），请删除后重新录入。',
    en: 'The name contains invisible or direction-changing characters (such as a zero-width space, shown as [U+200B]); delete them and type the name again.',
  },
  household_no_invalid: { 'zh-CN': '户编号只能包含字母、数字、汉字及 - _ / . #，且不超过 40 个字符。', en: 'A household number may contain only letters, digits, Chinese characters and - _ / . #, up to 40 characters.' },
  id_format: { 'zh-CN': '身份证号应为 18 位（前 17 位为数字，最后一位为数字或 X）。', en: 'An ID number has 18 characters: 17 digits, then a digit or X.' },
  id_birth_date: { 'zh-CN': '身份证号中的出生日期不存在或晚于今天。', en: 'The birth date inside the ID number does not exist or is in the future.' },
  id_check_character: { 'zh-CN': '身份证号校验码不正确（可能有数字录错）。', en: 'The ID number’s check character is wrong (a digit was probably mistyped).' },
  number_lost_digits: {
    'zh-CN': '该号码被 Excel 存成了数值（科学计数法），后几位已丢失。请将该列设为“文本”格式后重新录入。',
    en: 'Excel stored this number as a numeric value (scientific notation) and its last digits are lost. Format the column as Text and enter it again.',
  },
  gender_invalid: { 'zh-CN': '性别应为“男”或“女”。', en: 'Gender must be 男/M (male) or 女/F (female).' },
  gender_mismatch: { 'zh-CN': '性别与身份证号不一致（身份证号第 17 位奇数为男、偶数为女）。', en: 'The gender does not match the ID number (its 17th digit is odd for men, even for women).' },
  birth_date_invalid: { 'zh-CN': '出生日期无法识别，请写成 1980-01-01 的形式。', en: 'The birth date cannot be read; write it as 1980-01-01.' },
  birth_date_mismatch: { 'zh-CN': '出生日期与身份证号不一致。', en: 'The birth date does not match the ID number.' },
  phone_format: {
    'zh-CN': '电话号码无效：手机号为 1 开头的 11 位数字，固定电话为区号加 7–8 位号码（如 0538-5621234）。',
    en: 'Not a valid phone number: mobiles have 11 digits starting with 1; landlines an area code and 7–8 digits (e.g. 0538-5621234).',
  },
  too_many_phones: { 'zh-CN': '一个单元格最多填写 5 个电话号码。', en: 'At most 5 phone numbers per cell.' },
  village_missing: { 'zh-CN': '没有填写村代码或村（社区）名称。', en: 'Neither a village code nor a village name is given.' },
  village_not_found: { 'zh-CN': '在您的管辖范围内找不到这个村（社区）。', en: 'No such village or community in your area.' },
  village_closed: { 'zh-CN': '该村（社区）已撤销（撤并），请使用并入后的村。', en: 'This village is closed (merged); use the village it was merged into.' },
  village_ambiguous: { 'zh-CN': '辖区内有多个同名的村（社区），请填写乡镇或村代码。', en: 'Several villages in your area have this name; give the township or the village code.' },
  village_mismatch: { 'zh-CN': '村名称与村代码不一致。', en: 'The village name does not match the village code.' },
  township_not_found: { 'zh-CN': '在您的管辖范围内找不到这个乡镇（街道）。', en: 'No such township in your area.' },
  hardship_unknown: { 'zh-CN': '没有这个困难类别（可填写名称或代码，多个用顿号分隔）。', en: 'Unknown hardship category (give names or codes, several separated by 、 or commas).' },
  gps_invalid: { 'zh-CN': '经纬度应为十进制度数，例如 116.8 和 35.77。', en: 'Coordinates must be decimal degrees, e.g. 116.8 and 35.77.' },
  gps_incomplete: { 'zh-CN': '经度和纬度须同时填写。', en: 'Give both longitude and latitude, or neither.' },
  gps_out_of_range: { 'zh-CN': '经纬度不在中国境内，请检查。', en: 'The coordinates are not in China; check them.' },
  gps_swapped: { 'zh-CN': '经度和纬度可能填反了。', en: 'Longitude and latitude seem to be swapped.' },
  row_extra_cells: { 'zh-CN': '这一行的单元格比表头多（可能有多余的逗号，导致各列错位）。', en: 'This row has more cells than the header (a stray comma may have shifted the columns).' },
  id_duplicate_in_file: { 'zh-CN': '同一身份证号在文件中出现了不止一次。', en: 'This ID number appears more than once in the file.' },
  household_village_conflict: { 'zh-CN': '同一户编号出现在不同的村（社区）。', en: 'The same household number appears in different villages.' },
  conflict_outside_scope: {
    'zh-CN': '本行与您管辖范围以外的已有登记冲突，已转县级管理员核实处理（如属迁入本辖区，由县里办理迁户；如属录入错误，请改正本行）。',
    en: 'This row conflicts with an existing record outside your area. It has been passed to the county administrators (if the family or person is moving into your area, the county moves them; if it is a typing error, correct this row).',
  },
  // Reports of imports from before conflict_outside_scope: the same neutral message.
  household_out_of_scope: {
    'zh-CN': '本行与您管辖范围以外的已有登记冲突，已转县级管理员核实处理（如属迁入本辖区，由县里办理迁户；如属录入错误，请改正本行）。',
    en: 'This row conflicts with an existing record outside your area. It has been passed to the county administrators (if the family or person is moving into your area, the county moves them; if it is a typing error, correct this row).',
  },
  id_in_other_household: { 'zh-CN': '此人已登记在另一户（户编号不同）；迁户请在系统中办理，不要通过导入。', en: 'This person is already registered in another household (a different household number); move people in the app, not by import.' },
  household_incomplete: {
    'zh-CN': '本行没有导入：同一户的其他行有问题，整户需一并改正后导入。',
    en: 'Not imported: other rows of the same household have problems, and a household is imported only as a whole.',
  },
  template_example_row: {
    'zh-CN': '这是导入模板中的示例行，请删除后再导入。',
    en: 'This is the template’s example row; delete it before importing.',
  },
  issues_truncated: { 'zh-CN': '问题过多，仅列出前面的部分；请先改正这些问题后再导入。', en: 'Too many problems: only the first ones are listed. Correct these and import again.' },
} satisfies Record<string, TText>;

export type TImportIssueCode = keyof typeof IMPORT_ISSUE_MESSAGES;

/** @example isImportIssueCode('phone_format'); // true */
export const isImportIssueCode = (code: string): code is TImportIssueCode => Object.hasOwn(IMPORT_ISSUE_MESSAGES, code);

/**
 * The message for an issue code in a language; an unknown code (from a newer version) is shown as is.
 *
 * @example
 * importIssueMessage('id_check_character', 'en'); // 'The ID number’s check character is wrong …'
 */
export function importIssueMessage(code: string, locale: TLocale): string {
  return isImportIssueCode(code) ? IMPORT_ISSUE_MESSAGES[code][locale] : code;
}

/** An import job's status in words, for the report and the command line (the web has its own dictionary). */
export const IMPORT_STATUS_TEXT = {
  running: { 'zh-CN': '导入中', en: 'Running' },
  succeeded: { 'zh-CN': '已导入', en: 'Imported' },
  succeeded_partly: { 'zh-CN': '已导入（有问题的户未导入）', en: 'Imported (households with problems left out)' },
  rejected: { 'zh-CN': '未导入', en: 'Not imported' },
  failed: { 'zh-CN': '失败', en: 'Failed' },
  awaiting_confirmation: { 'zh-CN': '待确认改动（尚未写入）', en: 'Changes to confirm (nothing written yet)' },
  confirmed: { 'zh-CN': '改动已确认', en: 'Changes confirmed' },
  expired: { 'zh-CN': '预览已过期', en: 'Preview expired' },
} satisfies Record<string, TText>;
