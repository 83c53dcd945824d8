/** Interface texts of the registry lists (totals, pages, the paired cadre) and the household title, in Chinese. Keys start with 'registryLists.'. */
export const registryListsZhCN = {
  'registryLists.total': '共 {count} 人',
  'registryLists.totalCapped': '超过 {count} 人',
  'registryLists.totalCappedHelp': '人数只统计到 {count}，缩小区划或加上条件即可看到确切人数',
  'registryLists.range': '第 {from}–{to} 条',
  'registryLists.pairedCadre': '结对干部',
  'registryLists.unpaired': '未结对',
  'registryLists.householdTitle': '{head}户 · {no}',
};
