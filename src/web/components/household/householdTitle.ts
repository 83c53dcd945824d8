import type { Translate } from '../../i18n/index.tsx';
import type { THouseholdDetail } from '../../types.ts';

/** The relationship a household's head is registered with (the importer's and the form's word). */
const HEAD = '户主';

/**
 * A household as people name it: by its head (户主), then its number — "张三户 · 370921104201001".
 * A household without an active head (the head moved out or died) falls back to its number.
 *
 * @example
 * householdTitle(t, household); // '张三户 · 370921104201001'
 */
export function householdTitle(t: Translate, household: Pick<THouseholdDetail, 'householdNo' | 'members'>): string {
  const head = household.members.find((m) => m.relationship === HEAD);
  return head ? t('registryLists.householdTitle', { head: head.name, no: household.householdNo }) : t('household.title', { no: household.householdNo });
}
