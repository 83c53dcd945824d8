import { departmentsApi } from '../../../shared/api/users.ts';
import { call } from '../../api.ts';
import { localName } from '../../format.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';

/**
 * The county's departments (县直部门) as select options, by id: the list's unit filter and the
 * dispatch dialog's target.
 *
 * @example
 * const departments = useDepartmentOptions();
 * <Select options={departments.options} loading={departments.loading} />
 */
export function useDepartmentOptions(): { options: { value: string; label: string }[]; loading: boolean } {
  const { locale } = useI18n();
  const departments = useApi((signal) => call(departmentsApi.listDepartments, undefined, { signal }), []);
  return { options: (departments.data?.items ?? []).map((d) => ({ value: d.id, label: localName(d, locale) })), loading: departments.loading };
}
