import type { importUxZhCN } from './import-ux.zh-CN.ts';

/** Interface texts of the import page's template, grouped problems and confirmed changes, in English: exactly the keys of the Chinese file. */
export const importUxEn: Record<keyof typeof importUxZhCN, string> = {
  'import.status.awaiting_confirmation': 'To confirm',
  'import.status.confirmed': 'Confirmed',
  'import.status.expired': 'Expired',

  'import.template': 'Download the template',
  'import.templateHint': 'The template has the headers and one example row; villages, townships and hardship categories can be picked from drop-down lists. Delete the example row before filling it in.',

  'import.groups.title': 'Problems by kind',
  'import.groups.count': '{count} rows',
  'import.groups.rows': 'Rows: {rows}',
  'import.groups.more': 'and more',
  'import.groups.values': 'Values: ',
  'import.groups.showAll': 'Show all {count} rows',
  'import.groups.hide': 'Hide',
  'import.groups.notStored': '{count} more problems are not listed (too many); correct the ones above and import again.',
  'import.groups.column': 'Column: {column}',

  'import.changes.title': 'Changes to records already registered',
  'import.changes.writtenTitle': 'Changes made to records already registered',
  'import.changes.awaiting': 'This file would change {count} items of households or people already registered; nothing is written yet. Check each change, then confirm.',
  'import.changes.confirm': 'Confirm and write these changes',
  'import.changes.confirmTitle': 'Write {count} changes?',
  'import.changes.confirmBody': 'The changes are recorded in the audit log. If the registry changed in the meantime, they are refused and you preview again.',
  'import.changes.cancel': 'Not now',
  'import.changes.row': 'Row',
  'import.changes.household': 'Household no.',
  'import.changes.person': 'Person',
  'import.changes.field': 'Field',
  'import.changes.before': 'Before',
  'import.changes.after': 'After',
  'import.changes.none': '(none)',
  'import.changes.confirmed': 'These changes were confirmed and written.',
  'import.changes.openConfirmed': 'See the result',
  'import.changes.expired': 'This preview expired, or the registry changed since; nothing was written. Upload the file again and check the changes.',
  'import.changes.confirms': 'This import wrote the changes of an earlier preview, as confirmed.',
  'import.changes.openPreview': 'See the preview',

  'import.result.awaiting': 'The file has no problems but changes what is registered: check the changes below and confirm them',
  'import.result.confirmed': 'Changes confirmed; the result is in the import that wrote them',
  'import.result.expired': 'The preview expired; nothing was written',
};
