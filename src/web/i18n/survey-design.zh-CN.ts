/** Interface texts of the survey pages (survey-design), in Chinese. Keys start with 'survey.' or 'fieldwork.'. */
export const surveyDesignZhCN = {
  'survey-design.placeholder': '',
};
