/** Display helpers shared by the pages: names in the current language, labels of codes. */
import type { TLocale } from '../shared/locale.ts';
import { ROLE_LABELS, type TRole } from '../shared/roles.ts';
import { isMessageKey, type Translate } from './i18n/index.tsx';

/** A region's or department's name in the interface language (the Chinese name when there is no English one). */
export const localName = (x: { name: string; nameEn: string | null }, locale: TLocale) => (locale === 'en' && x.nameEn ? x.nameEn : x.name);

export const roleLabel = (role: TRole, locale: TLocale) => ROLE_LABELS[role][locale];

export function levelLabel(t: Translate, level: string) {
  const key = `level.${level}`;
  return isMessageKey(key) ? t(key) : level;
}

export function kindLabel(t: Translate, kind: string | null) {
  if (!kind) return '—';
  const key = `kind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

export function auditActionLabel(t: Translate, action: string) {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function entityTypeLabel(t: Translate, type: string) {
  const key = `audit.entityType.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

/** A region is closed from its closing date on (a date in the future only announces it). */
export const isClosed = (r: { closedOn: string | null }, today: string) => r.closedOn !== null && r.closedOn <= today;

/** The heading of a list of regions of a level: "乡镇（街道）", "Villages and communities". */
export function levelPluralLabel(t: Translate, level: string) {
  const key = `levelPlural.${level}`;
  return isMessageKey(key) ? t(key) : level;
}

export function genderLabel(t: Translate, gender: string) {
  const key = `gender.${gender}`;
  return isMessageKey(key) ? t(key) : gender;
}

/** "王村 · 堽城镇": where a household is. */
export const placeName = (p: { village: { name: string }; township: { name: string } }) => `${p.village.name} · ${p.township.name}`;

/** A hardship category's name in the interface language. */
export const categoryName = (c: { name: string; nameEn: string }, locale: TLocale) => (locale === 'en' ? c.nameEn : c.name);
