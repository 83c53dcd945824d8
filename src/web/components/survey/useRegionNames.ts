import { useCallback } from 'react';
import { useI18n } from '../../i18n/index.tsx';

/** A township or county as the survey answers name it: Chinese name, English name when known. */
export interface NamedRegion {
  code: string;
  name: string;
  /** region.name_en; null when the region has none. */
  nameEn: string | null;
}

export type RegionNamer = (region: NamedRegion) => string;

/**
 * Names regions in the interface language from what the survey answers carry (each region's
 * `nameEn`; the Chinese name when it has none), with no request of its own.
 *
 * @example
 * const nameOf = useRegionNames();
 * nameOf({ code: '370921104', name: '堽城镇', nameEn: 'Gangcheng Town' }); // 'Gangcheng Town' in English
 */
export function useRegionNames(): RegionNamer {
  const { locale } = useI18n();
  return useCallback((region) => (locale === 'en' ? region.nameEn || region.name : region.name), [locale]);
}
