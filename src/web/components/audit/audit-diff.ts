/**
 * An audit entry's before / after as rows a person reads: one per field, with the field's label,
 * fields unchanged on both sides left out, the reveal purpose left out (shown on its own).
 */
import { ROLE_LABELS, ROLES, type TRole } from '../../../shared/roles.ts';
import { isMessageKey, type Translate } from '../../i18n/index.tsx';
import type { TLocale } from '../../../shared/locale.ts';

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
  inBefore: boolean;
  inAfter: boolean;
}

const fieldsOf = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : value === null || value === undefined ? {} : null;

/**
 * @example
 * auditChanges({ name: '旧村', nameEn: null }, { name: '新村', nameEn: null });
 * // [{ field: 'name', before: '旧村', after: '新村', inBefore: true, inAfter: true }]
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = fieldsOf(before);
  const a = fieldsOf(after);
  // Not an object on one side (a list, a number): one row for the whole value.
  if (b === null || a === null) return [{ field: '', before, after, inBefore: before !== null && before !== undefined, inAfter: after !== null && after !== undefined }];
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'purpose');
  const rows = keys.map((field) => ({ field, before: b[field], after: a[field], inBefore: field in b, inAfter: field in a }));
  const changed = rows.filter((r) => !(r.inBefore && r.inAfter && JSON.stringify(r.before) === JSON.stringify(r.after)));
  return changed.length ? changed : rows;
}

/** @example auditFieldLabel(t, 'idNumberMasked'); // '身份证号（脱敏）' */
export function auditFieldLabel(t: Translate, field: string) {
  const key = `audit.field.${field}`;
  return isMessageKey(key) ? t(key) : field;
}

const isRole = (v: unknown): v is TRole => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/**
 * A recorded value in words: empty, yes/no, a list joined, role codes by their names, anything
 * nested as compact JSON.
 *
 * @example formatAuditValue(t, 'zh-CN', ['county_admin']); // '县级管理员'
 */
export function formatAuditValue(t: Translate, locale: TLocale, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('audit.empty.value');
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (isRole(value)) return ROLE_LABELS[value][locale];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
    return value.length ? value.map((v) => formatAuditValue(t, locale, v)).join(locale === 'en' ? ', ' : '、') : t('audit.empty.value');
  }
  return JSON.stringify(value);
}
