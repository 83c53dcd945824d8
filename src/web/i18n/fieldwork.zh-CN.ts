/** Interface texts of the survey pages (fieldwork), in Chinese. Keys start with 'survey.' or 'fieldwork.'. */
export const fieldworkZhCN = {
  'fieldwork.placeholder': '',
};
