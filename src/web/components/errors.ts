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
 * Puts the server's `issues[]` on the form fields they name (the first segment of `path`, or a
 * field renamed through `rename`). Returns whether any issue found its field.
 *
 * @example
 * applyIssues(form, error, ['username', 'roles', 'regionCode']);
 */
export function applyIssues(form: FormInstance, error: unknown, fields: readonly string[], rename: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || !error.issues.length) return false;
  const byField = new Map<string, string[]>();
  for (const issue of error.issues) {
    const head = issue.path.split('.')[0] ?? '';
    const field = rename[head] ?? head;
    if (!fields.includes(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
