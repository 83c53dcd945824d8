/**
 * The server's `issues[]` on nested form fields: a path such as
 * 'definition.questions.3.options.1.skipTo' names the form field
 * ['questions', 3, 'options', 1, 'skipTo'] (FormModal's `nestedIssues` mode; its default only knows top-level fields).
 */
import type { FormInstance } from 'antd';
import type { TLocale } from '../../../shared/locale.ts';
import { PROBLEM_MESSAGES, type TProblemCode } from '../../../shared/problem.ts';
import { ApiError, type ApiIssue } from '../../api.ts';
import type { Translate } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';

export type FieldPath = (string | number)[];

/**
 * An issue path as a form name path, without `strip` at its start; numeric segments become indexes.
 *
 * @example
 * issueFieldPath('definition.questions.3.text.zh-CN', 'definition'); // ['questions', 3, 'text', 'zh-CN']
 */
export function issueFieldPath(path: string, strip?: string): FieldPath {
  let segments = path.split('.').filter(Boolean);
  if (strip && segments[0] === strip) segments = segments.slice(1);
  return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts each issue on the field it names when that field's first segment is in `roots` (after
 * `rename` of the first segment); returns the issues no shown field took, to be listed above the form.
 *
 * @example
 * const rest = applyNestedIssues(form, error, ['callingHours', 'name'], { rename: { endsOn: 'period' } });
 */
export function applyNestedIssues(form: FormInstance, error: unknown, roots: readonly string[], o: { strip?: string; rename?: Record<string, string> } = {}): ApiIssue[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, { name: FieldPath; errors: string[]; issues: ApiIssue[] }>();
  const rest: ApiIssue[] = [];
  for (const issue of error.issues) {
    const name = issueFieldPath(issue.path, o.strip);
    const head = String(name[0] ?? '');
    if (o.rename?.[head]) name[0] = o.rename[head]!;
    if (!name.length || !roots.includes(String(name[0]))) {
      rest.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [], issues: [] };
    entry.errors.push(issue.message);
    entry.issues.push(issue);
    byField.set(key, entry);
  }
  const entries = [...byField.values()];
  form.setFields(entries.map(({ name, errors }) => ({ name, errors })));
  // A path with no field on screen (a whole list, a refinement of an object) is listed instead.
  for (const entry of entries) {
    if (!form.getFieldsError([entry.name])[0]?.errors.length) rest.push(...entry.issues);
  }
  return rest;
}

/**
 * The server's message without the issues it appends (they are shown on their fields or in a
 * list): the problem code's own message when the error carries issues, else errorText.
 *
 * @example
 * problemText(t, 'zh-CN', error); // '问卷内容不符合规则，请按提示修改。'
 */
export function problemText(t: Translate, locale: TLocale, error: unknown): string {
  if (error instanceof ApiError && error.issues.length && Object.prototype.hasOwnProperty.call(PROBLEM_MESSAGES, error.code)) {
    return PROBLEM_MESSAGES[error.code as TProblemCode][locale];
  }
  return errorText(t, error);
}
