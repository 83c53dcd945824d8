import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;
export const DEFAULT_LOCALE: TLocale = 'zh-CN';

/** A text in both interface languages. */
export type TText = Record<TLocale, string>;

/**
 * Picks the interface language from an Accept-Language header: English only when the caller
 * prefers it over Chinese; Chinese otherwise.
 *
 * @example
 * pickLocale('en-US,en;q=0.9,zh;q=0.8'); // 'en'
 * pickLocale(undefined); // 'zh-CN'
 */
export function pickLocale(acceptLanguage: string | undefined): TLocale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((x) => x.tag && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  }
  return DEFAULT_LOCALE;
}
