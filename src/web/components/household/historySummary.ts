import type { Translate } from '../../i18n/index.tsx';
import type { HouseholdHistoryEntry } from '../../types.ts';

type Fields = Record<string, unknown>;

const COUNTS = [
  ['residentsInserted', 'history.residentsInserted'],
  ['residentsUpdated', 'history.residentsUpdated'],
  ['phonesAdded', 'history.phonesAdded'],
  ['labelsAdded', 'history.labelsAdded'],
] as const;

const fieldsOf = (value: unknown): Fields => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {});
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * What a household change was about, in a line: the category, the cadres, the dates, the reason.
 * The audit entry's `before`/`after` are free-form; the known fields are picked out, in order.
 *
 * @example
 * historySummary(t, nameOf, { action: 'household.pairing_transferred', before: { cadre: 'a' }, after: { cadre: 'b', reason: '调岗' }, … });
 * // 'a → b · 原因：调岗'
 */
export function historySummary(t: Translate, nameOf: (code: string) => string, entry: HouseholdHistoryEntry): string {
  const before = fieldsOf(entry.before);
  const after = fieldsOf(entry.after);
  const parts: string[] = [];
  const category = text(after.categoryCode) || text(before.categoryCode);
  if (category) parts.push(nameOf(category));
  const cadre = text(after.cadre);
  if (cadre) parts.push(text(before.cadre) ? `${text(before.cadre)} → ${cadre}` : cadre);
  else if (text(before.cadre)) parts.push(text(before.cadre));
  const role = text(after.role) || text(before.role);
  if (role === 'responsible' || role === 'helper') parts.push(t(`pairing.role.${role}`));
  const from = text(after.validFrom) || text(after.startedOn);
  if (from) parts.push(t('hardship.since', { date: from }));
  if (text(after.validTo)) parts.push(`${t('hardship.validTo')} ${text(after.validTo)}`);
  if (text(after.endedOn)) parts.push(`${t('pairing.endOn')} ${text(after.endedOn)}`);
  if (text(after.source)) parts.push(`${t('hardship.source')}：${text(after.source)}`);
  if (text(after.reason)) parts.push(t('event.detail.reason', { reason: text(after.reason) }));
  // An import's counts (household.imported).
  for (const [field, key] of COUNTS) {
    const n = Number(after[field] ?? 0);
    if (n > 0) parts.push(t(key, { n }));
  }
  return parts.join(' · ');
}
