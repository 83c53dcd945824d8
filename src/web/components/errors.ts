import type { FormInstance } from 'antd';
import { ApiError } from '../api.ts';
import type { Translate } from '../i18n/index.tsx';

/** What to tell the user about a failed call: the server's `detail` (already in their language) or ours. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.detail) return error.detail;
    if (error.code === 'network_error') return t('errors.network');
    return t('errors.http', { status: error.status });
  }
  return t('errors.network');
}

/**
 * Problems without `issues[]` that are still about one field: shown on that field too, when the
 * form has it. (The message is the server's `detail`.)
 */
export const PROBLEM_FIELDS: Record<string, string> = {
  username_taken: 'username',
  region_code_taken: 'code',
  region_invalid_code: 'code',
  region_invalid_parent: 'newParentCode',
  region_invalid_successor: 'successorCode',
  department_required: 'departmentCode',
  role_not_grantable: 'roles',
  wrong_password: 'currentPassword',
  password_too_weak: 'newPassword',
  hardship_category_unknown: 'categoryCode',
  hardship_label_exists: 'categoryCode',
  resident_not_in_household: 'residentId',
  cadre_not_eligible: 'cadreId',
  pairing_exists: 'role',
};

/**
 * Puts the server's `issues[]` on the form fields they name (the first segment of `path`, or a
 * field renamed through `rename`), or a field-specific problem on its field (PROBLEM_FIELDS).
 * Returns whether anything found its field.
 *
 * @example
 * applyIssues(form, error, ['username', 'roles', 'regionCode']);
 */
export function applyIssues(form: FormInstance, error: unknown, fields: readonly string[], rename: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError)) return false;
  const byField = new Map<string, string[]>();
  const field = PROBLEM_FIELDS[error.code];
  if (!error.issues.length && field && fields.includes(field) && error.detail) byField.set(field, [error.detail]);
  for (const issue of error.issues) {
    const head = issue.path.split('.')[0] ?? '';
    const name = rename[head] ?? head;
    if (!fields.includes(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
