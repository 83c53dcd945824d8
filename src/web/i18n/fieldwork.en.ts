import type { fieldworkZhCN } from './fieldwork.zh-CN.ts';

/** Interface texts of the survey pages (fieldwork), in English: exactly the keys of the Chinese file. */
export const fieldworkEn: Record<keyof typeof fieldworkZhCN, string> = {
  'fieldwork.placeholder': '',
};
