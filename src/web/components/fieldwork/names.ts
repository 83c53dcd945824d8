import type { TTownshipRef } from '../../../shared/schemas/survey-fieldwork.ts';

/**
 * A township's name in the interface language: the English name where the region has one, else
 * the Chinese (the respondent hears the Chinese name either way).
 *
 * @example
 * townshipName({ code: '370921104', name: '堽城镇', nameEn: 'Gangcheng' }, 'en'); // 'Gangcheng'
 */
export const townshipName = (township: TTownshipRef, locale: 'zh-CN' | 'en') => (locale === 'en' && township.nameEn ? township.nameEn : township.name);
