import { useCallback } from 'react';
import { api } from '../../api.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { localName } from '../../format.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { RegionChildren } from '../../types.ts';

/**
 * Names of the regions around the user (their region, its ancestors and children: for county
 * staff the county and its townships) in the interface language. Survey reports carry the
 * Chinese name only; this supplies the English one where the region has it.
 *
 * @example
 * const nameOf = useRegionNames();
 * nameOf({ code: '370921104', name: '堽城镇' }); // 'Gangcheng Town' in English
 */
export function useRegionNames(): (region: { code: string; name: string }) => string {
  const me = useMe();
  const { locale } = useI18n();
  // Only English needs it: Chinese names come with every report.
  const { data } = useApi(
    (signal) => (locale === 'en' ? api.get<RegionChildren>(`/api/regions/${me.region.code}/children`, { includeClosed: 'true' }, { signal }) : Promise.resolve(undefined)),
    [me.region.code, locale],
  );
  return useCallback(
    (region) => {
      if (locale !== 'en' || !data) return region.name;
      const found = [data.parent, ...data.parent.ancestors, ...data.items].find((r) => r.code === region.code);
      return found ? localName(found, locale) : region.name;
    },
    [data, locale],
  );
}
