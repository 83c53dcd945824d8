import type { surveyDesignZhCN } from './survey-design.zh-CN.ts';

/** Interface texts of the survey pages (survey-design), in English: exactly the keys of the Chinese file. */
export const surveyDesignEn: Record<keyof typeof surveyDesignZhCN, string> = {
  'survey-design.placeholder': '',
};
