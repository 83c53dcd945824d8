/**
 * Zod's own messages ("expected string, received number") in the caller's language. The edge
 * (route.ts) parses every request with it; a use case that checks stored data against a shared
 * schema (publishing a draft) passes the request's locale the same way.
 */
import { z } from 'zod';
import type { TLocale } from '../../shared/locale.ts';

const ERROR_MAPS = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError };

/**
 * @example
 * ZQuestionnaireDefinition.safeParse(stored, { error: zodErrorMap('zh-CN') });
 */
export const zodErrorMap = (locale: TLocale) => ERROR_MAPS[locale];
