/**
 * Registries at county and city scale written by SQL (INSERT … SELECT over generate_series),
 * for benchmarks that need the rows but not the importer: a Ningyang-size county (230,000
 * households, about 690,000 residents) takes about a minute instead of the importer's two.
 * Names follow the demo generator's surname weights and given-name characters, with their
 * pinyin and initials as the importer stores them; personal numbers are not encrypted (the
 * search never decrypts a 4-digit tail), but hashes, masks and tails have the real shapes.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { namePinyin } from '../../src/server/modules/registry/index.ts';

// The demo generator's lists (generate-households.ts), weights expanded into a pick table.
const SURNAMES = ['王', '张', '李', '刘', '陈', '杨', '赵', '孙', '徐', '马', '朱', '胡', '郭', '何', '高', '林', '韩', '宋', '于', '董', '孔', '颜', '曹', '丁', '魏', '姜', '吕', '田', '任', '范'];
const SURNAME_WEIGHTS = [12, 11, 10, 8, 5, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const GIVEN = [...'伟强军磊勇涛明刚建国华平东林峰波海兵超鹏志文斌杰庆福顺德宝山芳娟敏静丽艳霞玲红梅英兰燕萍秀凤珍娜婷慧琴云洁颖雪春花菊荣翠'];

const surnamePick = SURNAMES.flatMap((s, i) => Array.from({ length: SURNAME_WEIGHTS[i]! }, () => s));
const table = (chars: string[], surname: boolean) => {
  const forms = chars.map((c) => (surname ? namePinyin(c) : namePinyin(`王${c}`)));
  // A given-name character's reading is taken after a surname, as the importer reads whole names.
  const full = forms.map((f) => (surname ? f.full : f.full.slice(4)));
  return { chars, full, initials: full.map((f) => f[0]!) };
};

/**
 * Fills one county's registry: `households` households spread over its open villages, 1–5
 * residents each (3 on average), a mobile for about 70% of residents, hardship labels for about
 * 6% of households. Deterministic for a seed. Returns the residents written.
 *
 * @example
 * await writeSqlRegistry(db, { countyCode: '370921', households: 230_000, seed: 1 });
 */
export async function writeSqlRegistry(db: Kysely<DB>, o: { countyCode: string; households: number; seed: number }): Promise<number> {
  const s = table(surnamePick, true);
  const g = table(GIVEN, false);
  const c = o.countyCode;
  await sql`SELECT setseed(${o.seed / 1000})`.execute(db);
  const first = await sql<{ id: string }>`SELECT nextval('household_id_seq')::text AS id`.execute(db);
  await sql`
    INSERT INTO household (county_code, village_id, household_no, address)
    SELECT ${c}, v.ids[1 + (n % v.k)], ${c} || lpad(n::text, 9, '0'), '第' || (n % 300 + 1) || '号'
    FROM generate_series(1, ${o.households}) n,
         (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS k FROM region
          WHERE county_code = ${c} AND level = 'village' AND closed_on IS NULL) v`.execute(db);
  // Pick indexes first, then assemble name, pinyin and initials from the same picks.
  const inserted = await sql`
    INSERT INTO resident (county_code, household_id, name, name_pinyin, name_initials, gender, birth_date, relationship,
                          id_number_cipher, id_number_hash, id_number_masked, id_number_tail)
    SELECT ${c}, p.hid,
           (${s.chars}::text[])[p.si] || (${g.chars}::text[])[p.g1] || coalesce((${g.chars}::text[])[p.g2], ''),
           (${s.full}::text[])[p.si] || (${g.full}::text[])[p.g1] || coalesce((${g.full}::text[])[p.g2], ''),
           (${s.initials}::text[])[p.si] || (${g.initials}::text[])[p.g1] || coalesce((${g.initials}::text[])[p.g2], ''),
           CASE WHEN p.m % 2 = 0 THEN 'M' ELSE 'F' END,
           date '1940-01-01' + (random() * 30000)::int,
           CASE WHEN p.m = 1 THEN '户主' ELSE '子' END,
           'bench', md5(${c} || ':' || p.hid || ':' || p.m), '370921********' || p.tail, p.tail
    FROM (SELECT h.id AS hid, m,
                 1 + floor(random() * ${s.chars.length})::int AS si,
                 1 + floor(random() * ${g.chars.length})::int AS g1,
                 CASE WHEN random() < 0.25 THEN NULL ELSE 1 + floor(random() * ${g.chars.length})::int END AS g2,
                 lpad(floor(random() * 10000)::int::text, 4, '0') AS tail
          FROM household h CROSS JOIN LATERAL generate_series(1, 1 + (h.id * 7919 % 5)::int) m
          WHERE h.id >= ${first.rows[0]!.id} AND h.county_code = ${c}) p`.execute(db);
  await sql`
    INSERT INTO resident_phone (county_code, resident_id, kind, phone_cipher, phone_hash, phone_masked, phone_tail)
    SELECT ${c}, x.id, 'mobile', 'bench', md5('phone:' || x.id), '139****' || x.tail, x.tail
    FROM (SELECT r.id, lpad(((hashint8(r.id) % 10000 + 10000) % 10000)::text, 4, '0') AS tail FROM resident r
          WHERE r.county_code = ${c} AND r.household_id >= ${first.rows[0]!.id} AND random() < 0.7) x`.execute(db);
  await sql`
    INSERT INTO household_hardship (county_code, household_id, category_code, valid_from, source)
    SELECT ${c}, h.id, (ARRAY['dibao', 'tekun', 'poverty_monitoring', 'veteran_family', 'serious_illness'])[1 + h.id % 5], date '2025-01-01', 'bench'
    FROM household h WHERE h.county_code = ${c} AND h.id >= ${first.rows[0]!.id} AND random() < 0.06`.execute(db);
  return Number(inserted.numAffectedRows ?? 0);
}

/**
 * Copies a county's region tree (county, townships, villages) as a new county with the division
 * codes' first six digits replaced: the other counties of a city, same shape as Ningyang.
 * Returns the new county's id.
 */
export async function cloneCountyRegions(db: Kysely<DB>, o: { from: string; to: string; name: string }): Promise<string> {
  const county = await sql<{ id: string }>`
    INSERT INTO region (code, name, level, kind, parent_id, path, depth, county_code, opened_on, synthetic)
    SELECT ${o.to}, ${o.name}, level, kind, NULL, '/', depth, ${o.to}, opened_on, true FROM region WHERE code = ${o.from}
    RETURNING id::text`.execute(db);
  const id = county.rows[0]!.id;
  await sql`UPDATE region SET path = '/' || id || '/' WHERE id = ${id}`.execute(db);
  for (const level of ['township', 'village'] as const) {
    await sql`
      INSERT INTO region (code, name, level, kind, parent_id, path, depth, county_code, opened_on, closed_on, synthetic)
      SELECT ${o.to} || substr(r.code, 7), r.name, r.level, r.kind, np.id, '/', r.depth, ${o.to}, r.opened_on, r.closed_on, true
      FROM region r JOIN region p ON p.id = r.parent_id
      JOIN region np ON np.code = ${o.to} || substr(p.code, 7)
      WHERE r.county_code = ${o.from} AND r.level = ${level}`.execute(db);
    await sql`
      UPDATE region r SET path = p.path || r.id || '/' FROM region p
      WHERE p.id = r.parent_id AND r.county_code = ${o.to} AND r.level = ${level}`.execute(db);
  }
  return id;
}
