/**
 * Villages and hardship categories: what a registry row may name, within the importer's scope,
 * looked up loosely (suffixes such as 村 / 社区 / 镇 and spacing do not matter). Pure.
 */
import { headerKey } from './import-columns.ts';
import { clean } from './import-cells.ts';
import { normalizeText } from './normalize.ts';

export interface ImportVillage {
  id: string;
  code: string;
  name: string;
  countyCode: string;
  path: string;
  townshipId: string;
  /** Closed (merged, 撤并) villages are known so that the issue can say so. */
  open: boolean;
}

export interface ImportTownship {
  id: string;
  name: string;
}

export interface ImportCategory {
  code: string;
  name: string;
  nameEn: string;
}

/** A name compared loosely: normalised, without spaces, and without the usual suffix. */
const placeKey = (name: string, suffixes: RegExp) => clean(name).replace(/\s+/g, '').replace(suffixes, '').toLowerCase();
/** Every row names its village (and township): their keys are computed once per name. */
function memo(fn: (name: string) => string, max = 10_000) {
  const cache = new Map<string, string>();
  return (name: string) => {
    let key = cache.get(name);
    if (key === undefined) {
      if (cache.size >= max) cache.clear();
      key = fn(name);
      cache.set(name, key);
    }
    return key;
  };
}
const villageKey = memo((name) => placeKey(name, /(村民委员会|村委会|居民委员会|居委会|社区|村)$/));
const townshipKey = memo((name) => placeKey(name, /(街道办事处|街道|镇|乡)$/));
const categoryKey = (name: string) => headerKey(normalizeText(name)).replace(/[()（）]/g, '');

/**
 * What the rows of one import may refer to: the villages and townships inside the importer's
 * scope (a few hundred per county; nothing outside it, so an issue cannot reveal what exists
 * elsewhere) and the active hardship categories.
 *
 * @example
 * const directory = new ImportDirectory(villages, townships, categories);
 * directory.villagesNamed('东庄', '堽城镇').villages; // the 东庄村 of 堽城镇
 * directory.categoryCode('特困供养(五保)'); // 'tekun'
 */
export class ImportDirectory {
  readonly #byCode = new Map<string, ImportVillage>();
  readonly #byName = new Map<string, ImportVillage[]>();
  readonly #townships = new Map<string, string[]>();
  readonly #categories = new Map<string, string>();

  constructor(villages: readonly ImportVillage[], townships: readonly ImportTownship[], categories: readonly ImportCategory[]) {
    for (const v of villages) {
      this.#byCode.set(v.code, v);
      const key = villageKey(v.name);
      this.#byName.set(key, [...(this.#byName.get(key) ?? []), v]);
    }
    for (const t of townships) {
      const key = townshipKey(t.name);
      this.#townships.set(key, [...(this.#townships.get(key) ?? []), t.id]);
    }
    for (const c of categories) for (const name of [c.code, c.name, c.nameEn]) this.#categories.set(categoryKey(name), c.code);
    // Offices write the short forms too: 低保 for 低保户, 残疾 for 残疾人, 特困供养 or 五保 for
    // 特困供养（五保）. A short form two categories share is left out rather than guessed.
    const loose = new Map<string, string | null>();
    for (const c of categories) {
      const bracket = /^(.+?)[(（](.+)[)）]$/.exec(normalizeText(c.name).trim());
      const forms = bracket ? [bracket[1]!, bracket[2]!] : [c.name];
      for (const form of forms) for (const f of [form, form.replace(/(户|人|对象)$/, '')]) {
        const key = categoryKey(f);
        if (!key || this.#categories.has(key)) continue;
        loose.set(key, loose.has(key) && loose.get(key) !== c.code ? null : c.code);
      }
    }
    for (const [key, code] of loose) if (code) this.#categories.set(key, code);
  }

  villageByCode(code: string) {
    return this.#byCode.get(code);
  }

  villagesNamed(name: string, township?: string): { townshipFound: boolean; villages: ImportVillage[] } {
    const villages = this.#byName.get(villageKey(name)) ?? [];
    if (township === undefined) return { townshipFound: true, villages };
    const ids = this.#townships.get(townshipKey(township));
    if (!ids) return { townshipFound: false, villages: [] };
    return { townshipFound: true, villages: villages.filter((v) => ids.includes(v.townshipId)) };
  }

  sameVillageName(a: string, b: string) {
    return villageKey(a) === villageKey(b);
  }

  categoryCode(token: string) {
    return this.#categories.get(categoryKey(token));
  }
}
