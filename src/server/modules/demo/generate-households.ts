/**
 * A synthetic county registry for demos and benchmarks: realistic family structures, valid ID
 * numbers and phones, hardship rates of a rural Shandong county. Deterministic for a seed.
 * Everything is invented; nothing describes a real person.
 */
import { idCheckCharacter } from '../../../shared/registry/id-number.ts';
import type { ImportField } from '../../../shared/registry/import-columns.ts';
import { demoVillages, DEMO_COUNTY_CODE } from './seed-demo.ts';
import { seededRandom } from './random.ts';

export type GeneratedRow = Record<ImportField, string>;

// Surnames weighted roughly by their frequency in Shandong; given-name characters common in rural registers.
const SURNAMES = ['王', '张', '李', '刘', '陈', '杨', '赵', '孙', '徐', '马', '朱', '胡', '郭', '何', '高', '林', '韩', '宋', '于', '董', '孔', '颜', '曹', '丁', '魏', '姜', '吕', '田', '任', '范'];
const SURNAME_WEIGHTS = [12, 11, 10, 8, 5, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const MALE_CHARS = ['伟', '强', '军', '磊', '勇', '涛', '明', '刚', '建', '国', '华', '平', '东', '林', '峰', '波', '海', '兵', '超', '鹏', '志', '文', '斌', '杰', '庆', '福', '顺', '德', '宝', '山'];
const FEMALE_CHARS = ['芳', '娟', '敏', '静', '丽', '艳', '霞', '玲', '红', '梅', '英', '兰', '燕', '萍', '秀', '凤', '珍', '娜', '婷', '慧', '琴', '云', '洁', '颖', '雪', '春', '花', '菊', '荣', '翠'];

/** Share of households carrying each hardship category (category code → probability). */
const HOUSEHOLD_HARDSHIP: Record<string, number> = {
  dibao: 0.03,
  tekun: 0.005,
  poverty_monitoring: 0.01,
  veteran_family: 0.01,
  serious_illness: 0.015,
};
/**
 * The categories' Chinese names, as the registry migration seeds them: county files name
 * categories in Chinese (the importer reads codes too, but no office writes `disability`).
 */
export const DEMO_HARDSHIP_NAMES: Record<string, string> = {
  dibao: '低保户',
  tekun: '特困供养（五保）',
  disability: '残疾人',
  elderly_alone: '独居老人',
  left_behind_child: '留守儿童',
  serious_illness: '重病',
  poverty_monitoring: '脱贫监测户',
  veteran_family: '优抚对象',
};
const DISABILITY_RATE = 0.06; // of persons, per the 2006 national disability survey order of magnitude

export interface GenerateOptions {
  households: number;
  seed?: number;
  /** 'today' for ages; fixed in tests so files do not change with the calendar. */
  today?: string;
  /** Only the villages of this township (its 9-digit code): a township's own file. */
  township?: string;
}

/**
 * @example
 * for (const row of generateHouseholds({ households: 10, seed: 1 })) console.log(row.name, row.idNumber);
 */
export function* generateHouseholds(options: GenerateOptions): Generator<GeneratedRow> {
  const rnd = seededRandom(options.seed ?? 2026);
  const today = options.today ?? '2026-11-29';
  const thisYear = Number(today.slice(0, 4));
  const villages = demoVillages().filter((v) => options.township === undefined || v.townshipCode === options.township);
  if (!villages.length) throw new Error(`no demo township with code ${options.township}`);
  const sequenceByDate = new Map<string, number>();
  const totalWeight = SURNAME_WEIGHTS.reduce((a, b) => a + b, 0);
  const surname = () => {
    let x = rnd.next() * totalWeight;
    for (let i = 0; i < SURNAMES.length; i++) if ((x -= SURNAME_WEIGHTS[i]!) < 0) return SURNAMES[i]!;
    return SURNAMES[0]!;
  };
  const givenName = (gender: 'M' | 'F') => {
    const chars = gender === 'M' ? MALE_CHARS : FEMALE_CHARS;
    return rnd.next() < 0.25 ? rnd.pick(chars) : rnd.pick(chars) + rnd.pick(chars);
  };
  const birthDate = (age: number) => {
    const month = String(rnd.int(1, 12)).padStart(2, '0');
    const day = String(rnd.int(1, 28)).padStart(2, '0');
    const date = `${thisYear - age}-${month}-${day}`;
    // Not yet had this year's birthday: born the year before.
    return date <= today ? date : `${thisYear - age - 1}-${month}-${day}`;
  };
  // Sequence numbers per birth date and gender keep ID numbers unique (odd male, even female).
  const idFor = (birth: string, gender: 'M' | 'F') => {
    const key = `${birth}${gender}`;
    const n = (sequenceByDate.get(key) ?? 0) + 1;
    sequenceByDate.set(key, n);
    const sequence = 2 * n - (gender === 'M' ? 1 : 0);
    if (sequence > 999) throw new Error('too many people born on one day for unique ID numbers');
    const first17 = `${DEMO_COUNTY_CODE}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return first17 + idCheckCharacter(first17);
  };
  const mobile = () => `1${rnd.pick(['3', '5', '7', '8', '9'])}${rnd.int(0, 9)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
  const landline = () => `0538-${rnd.int(5, 8)}${String(rnd.int(0, 999_999)).padStart(6, '0')}`;

  const perVillage = new Map<string, number>();
  for (let h = 0; h < options.households; h++) {
    const village = villages[Math.floor(rnd.next() * villages.length)]!;
    const serial = (perVillage.get(village.code) ?? 0) + 1;
    perVillage.set(village.code, serial);
    const householdNo = `${village.code}${String(serial).padStart(4, '0')}`;
    const address = `${village.townshipName}${village.name}${serial}号`;
    const lat = (35.6 + rnd.next() * 0.35).toFixed(6);
    const lng = (116.6 + rnd.next() * 0.45).toFixed(6);

    // Family structure: elderly living alone, couples, nuclear families, three generations.
    const shape = rnd.next();
    const headAge = shape < 0.08 ? rnd.int(68, 92) : rnd.int(24, 80);
    const headGender: 'M' | 'F' = rnd.next() < 0.85 ? 'M' : 'F';
    const family: { name: string; relationship: string; gender: 'M' | 'F'; age: number }[] = [];
    const familyName = surname();
    family.push({ name: familyName + givenName(headGender), relationship: '户主', gender: headGender, age: headAge });
    if (shape >= 0.08) {
      const spouseGender = headGender === 'M' ? 'F' : 'M';
      if (rnd.next() < 0.88) family.push({ name: surname() + givenName(spouseGender), relationship: '配偶', gender: spouseGender, age: Math.max(20, headAge + rnd.int(-5, 3)) });
      const children = headAge < 30 ? rnd.int(0, 2) : headAge < 60 ? rnd.int(1, 2) : rnd.int(0, 1);
      for (let c = 0; c < children; c++) {
        const gender: 'M' | 'F' = rnd.next() < 0.52 ? 'M' : 'F';
        const age = Math.max(0, headAge - rnd.int(22, 34));
        family.push({ name: familyName + givenName(gender), relationship: gender === 'M' ? '子' : '女', gender, age });
      }
      if (headAge < 55 && rnd.next() < 0.18) {
        const gender: 'M' | 'F' = rnd.next() < 0.45 ? 'M' : 'F';
        family.push({ name: (gender === 'M' ? familyName : surname()) + givenName(gender), relationship: gender === 'M' ? '父亲' : '母亲', gender, age: Math.min(95, headAge + rnd.int(22, 32)) });
      }
      if (headAge >= 55 && rnd.next() < 0.2) {
        const gender: 'M' | 'F' = rnd.next() < 0.52 ? 'M' : 'F';
        family.push({ name: familyName + givenName(gender), relationship: gender === 'M' ? '孙子' : '孙女', gender, age: rnd.int(2, 16) });
      }
    }

    const labels: string[] = [];
    for (const [code, p] of Object.entries(HOUSEHOLD_HARDSHIP)) if (rnd.next() < p) labels.push(code);
    if (family.length === 1 && headAge >= 65) labels.push('elderly_alone');
    const hasLandline = rnd.next() < 0.1;

    for (const [i, person] of family.entries()) {
      const birth = birthDate(person.age);
      const personal: string[] = [];
      if (rnd.next() < DISABILITY_RATE) personal.push('disability');
      // Children whose parents work away from home: the registry's "left-behind" label.
      if (person.age < 16 && family.every((m) => m.age < 16 || m.age >= 55) && rnd.next() < 0.5) personal.push('left_behind_child');
      yield {
        township: village.townshipName,
        village: village.name,
        villageCode: village.code,
        householdNo,
        address,
        name: person.name,
        relationship: person.relationship,
        idNumber: idFor(birth, person.gender),
        gender: person.gender === 'M' ? '男' : '女',
        birthDate: birth,
        mobile: person.age >= 18 && person.age <= 78 && rnd.next() < 0.85 ? mobile() : '',
        landline: i === 0 && hasLandline ? landline() : '',
        hardship: [...(i === 0 ? labels : []), ...personal].map((code) => DEMO_HARDSHIP_NAMES[code] ?? code).join('、'),
        longitude: i === 0 ? lng : '',
        latitude: i === 0 ? lat : '',
        notes: '',
      };
    }
  }
}
