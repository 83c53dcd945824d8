import { useCallback, useMemo } from 'react';
import { useI18n } from '../../i18n/index.tsx';

/** A township or county as the survey answers name it: Chinese name, English name when known. */
export interface NamedRegion {
  code: string;
  name: string;
  /** region.name_en; null when the region has none, absent where an answer carries only the Chinese. */
  nameEn?: string | null;
}

export type RegionNamer = (region: NamedRegion) => string;

const NONE: readonly NamedRegion[] = [];

/**
 * Names regions in the interface language from what the survey answers carry (each region's
 * `nameEn`; the Chinese name when it has none), with no request of its own. `known` lends English
 * names to answers that name a region in Chinese only (the appointments list), by code; keep it
 * stable (useMemo) so the namer is too.
 *
 * @example
 * const nameOf = useRegionNames();
 * nameOf({ code: '370921104', name: '堽城镇', nameEn: 'Gangcheng Town' }); // 'Gangcheng Town' in English
 */
export function useRegionNames(known: readonly NamedRegion[] = NONE): RegionNamer {
  const { locale } = useI18n();
  const english = useMemo(() => new Map(known.flatMap((r) => (r.nameEn ? [[r.code, r.nameEn] as const] : []))), [known]);
  return useCallback((region) => (locale === 'en' ? region.nameEn || english.get(region.code) || region.name : region.name), [english, locale]);
}
