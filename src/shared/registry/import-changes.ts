/**
 * The fields a re-import can change on records the registry already holds, named in both
 * interface languages, and how their stored values read. Shared by the API, the CLI and the
 * report, so the three say the same thing.
 */
import type { TLocale, TText } from '../locale.ts';

export const IMPORT_CHANGE_FIELDS = {
  name: { 'zh-CN': '姓名', en: 'Name' },
  relationship: { 'zh-CN': '与户主关系', en: 'Relationship' },
  status: { 'zh-CN': '状态', en: 'Status' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  hardship: { 'zh-CN': '困难类别', en: 'Hardship category' },
  member: { 'zh-CN': '新增家庭成员', en: 'New member' },
  village: { 'zh-CN': '村（社区）', en: 'Village' },
  address: { 'zh-CN': '家庭住址', en: 'Address' },
  location: { 'zh-CN': '经纬度', en: 'Coordinates' },
  notes: { 'zh-CN': '备注', en: 'Notes' },
} satisfies Record<string, TText>;

export type TImportChangeField = keyof typeof IMPORT_CHANGE_FIELDS;

const STATUS_WORDS: Record<string, TText> = {
  active: { 'zh-CN': '在册', en: 'registered' },
  inactive: { 'zh-CN': '已注销', en: 'removed' },
};

/**
 * A change as a reader sees it: the field's name and both values in `locale`. Stored values are
 * plain text, except the status (a code) and a hardship label (a category code, named through
 * `categoryName`).
 *
 * @example
 * describeImportChange({ field: 'status', oldValue: 'inactive', newValue: 'active' }, 'zh-CN');
 * // { fieldLabel: '状态', oldValue: '已注销', newValue: '在册' }
 */
export function describeImportChange(
  change: { field: string; oldValue: string; newValue: string },
  locale: TLocale,
  categoryName: (code: string) => string = (code) => code,
): { fieldLabel: string; oldValue: string; newValue: string } {
  const known = Object.hasOwn(IMPORT_CHANGE_FIELDS, change.field) ? IMPORT_CHANGE_FIELDS[change.field as TImportChangeField] : null;
  const value = (v: string) => {
    if (!v) return '';
    if (change.field === 'status') return STATUS_WORDS[v]?.[locale] ?? v;
    if (change.field === 'hardship') return categoryName(v);
    return v;
  };
  return { fieldLabel: known ? known[locale] : change.field, oldValue: value(change.oldValue), newValue: value(change.newValue) };
}
