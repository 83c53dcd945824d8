import type { registryListsZhCN } from './registry-lists.zh-CN.ts';

/** Interface texts of the registry lists (totals, pages, the paired cadre) and the household title, in English: exactly the keys of the Chinese file. */
export const registryListsEn: Record<keyof typeof registryListsZhCN, string> = {
  'registryLists.total': '{count} residents',
  'registryLists.totalCapped': 'More than {count} residents',
  'registryLists.totalCappedHelp': 'Residents are counted up to {count}; narrow the region or add a filter to see the exact number',
  'registryLists.range': '{from}–{to}',
  'registryLists.pairedCadre': 'Paired cadre',
  'registryLists.unpaired': 'Not paired',
  'registryLists.householdTitle': "{head}'s household · {no}",
};
