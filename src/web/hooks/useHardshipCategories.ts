import { useCallback } from 'react';
import { hardshipCategoriesApi } from '../../shared/api/registry.ts';
import { call } from '../api.ts';
import { categoryName } from '../format.ts';
import { useI18n } from '../i18n/index.tsx';
import type { THardshipCategory } from '../types.ts';
import { useApi } from './useApi.ts';

export interface HardshipCategories {
  /** All categories, active or not, in their configured order. */
  all: THardshipCategory[];
  /** Those that may be given to a household today. */
  active: THardshipCategory[];
  /** A category's name in the interface language; an unknown code as is. */
  nameOf(code: string): string;
  loading: boolean;
  reload(): void;
}

/**
 * The county's hardship categories (GET /api/hardship-categories) with their names in the
 * current language.
 *
 * @example
 * const categories = useHardshipCategories();
 * categories.nameOf('dibao'); // '低保户' or 'Minimum living allowance (dibao)'
 */
export function useHardshipCategories(): HardshipCategories {
  const { locale } = useI18n();
  const { data, loading, reload } = useApi((signal) => call(hardshipCategoriesApi.listHardshipCategories, {}, { signal }), []);
  const all = data?.items ?? [];
  const nameOf = useCallback(
    (code: string) => {
      const c = data?.items.find((x) => x.code === code);
      return c ? categoryName(c, locale) : code;
    },
    [data, locale],
  );
  return { all, active: all.filter((c) => c.active), nameOf, loading, reload };
}
