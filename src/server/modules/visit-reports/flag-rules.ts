/**
 * The signs of paper visits (疑似"虚假走访"线索, issue 10, point 7), as pure functions over facts
 * the database gives: each returns candidate flags with their evidence and a stable key. They
 * are for the county's review, never automatic penalties: a flag is a question, the review says
 * whether it was explained or confirmed.
 *
 * Times: Asia/Shanghai is UTC+8 all year (China has kept no daylight saving since 1991), so a
 * visit's Shanghai hour and date are read from the instant plus eight hours.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ms = (at: string | Date) => (typeof at === 'string' ? Date.parse(at) : at.getTime());
const byTimeThenId = <T extends { visitId: string; at: number }>(a: T, b: T) => a.at - b.at || cmpId(a.visitId, b.visitId);
/** Ids are decimal strings: shorter is smaller. */
const cmpId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** What the rules need of a visit. */
export interface FlagVisitFact {
  visitId: string;
  cadreId: string;
  householdId: string;
  kind: string;
  visitedAt: string | Date;
}

export interface BurstFlag {
  key: string;
  cadreId: string;
  /** Every visit of the run of overlapping busy windows, in time order. */
  visitIds: string[];
  /** The most home visits within one window. */
  count: number;
  windowStart: string;
  windowEnd: string;
}

/**
 * A cadre logging implausibly many home visits (入户) in a short time: more than `limit` whose
 * visit times lie within `minutes` of each other (both ends included). Overlapping busy windows
 * of one cadre form one flag, keyed by the cadre and the first visit of the run.
 *
 * @example
 * // seven home visits by cadre 5 between 09:00 and 09:48
 * findBursts(visits, { limit: 6, minutes: 60 });
 * // [{ key: 'burst:5:101', cadreId: '5', count: 7, visitIds: ['101', …], windowStart: '…T01:00:00.000Z', windowEnd: '…T01:48:00.000Z' }]
 */
export function findBursts(visits: readonly FlagVisitFact[], o: { limit: number; minutes: number }): BurstFlag[] {
  const span = o.minutes * 60_000;
  const perCadre = new Map<string, { visitId: string; at: number }[]>();
  for (const v of visits) {
    if (v.kind !== 'home') continue;
    let list = perCadre.get(v.cadreId);
    if (!list) perCadre.set(v.cadreId, (list = []));
    list.push({ visitId: v.visitId, at: ms(v.visitedAt) });
  }
  const flags: BurstFlag[] = [];
  for (const [cadreId, list] of [...perCadre].sort(([a], [b]) => cmpId(a, b))) {
    list.sort(byTimeThenId);
    let run: { from: number; to: number; count: number } | null = null;
    const close = () => {
      if (!run) return;
      const items = list.slice(run.from, run.to + 1);
      flags.push({
        key: `burst:${cadreId}:${items[0]!.visitId}`,
        cadreId,
        visitIds: items.map((i) => i.visitId),
        count: run.count,
        windowStart: new Date(items[0]!.at).toISOString(),
        windowEnd: new Date(items.at(-1)!.at).toISOString(),
      });
      run = null;
    };
    let j = 0;
    for (let i = 0; i < list.length; i++) {
      if (j < i) j = i;
      while (j + 1 < list.length && list[j + 1]!.at - list[i]!.at <= span) j++;
      const count = j - i + 1;
      if (count <= o.limit) continue;
      if (run && i <= run.to) {
        run.to = Math.max(run.to, j);
        run.count = Math.max(run.count, count);
      } else {
        close();
        run = { from: i, to: j, count };
      }
    }
    close();
  }
  return flags;
}

export interface NightFlag {
  key: string;
  cadreId: string;
  /** The evening's date (a visit at 02:00 belongs to the night that began the day before). */
  night: string;
  visitIds: string[];
}

/** The Shanghai hour (0–23) of an instant. */
export const shanghaiHour = (at: string | Date) => new Date(ms(at) + SHANGHAI_OFFSET_MS).getUTCHours();

/**
 * Visits in person at night: from `fromHour` (22:00) to `toHour` (06:00) Asia/Shanghai, phone
 * calls (电话) excepted. One flag per cadre and night.
 *
 * @example
 * findNightVisits([{ visitId: '9', cadreId: '5', householdId: '1', kind: 'home', visitedAt: '2026-12-01T15:30:00Z' }], { fromHour: 22, toHour: 6 });
 * // [{ key: 'night:5:2026-12-01', cadreId: '5', night: '2026-12-01', visitIds: ['9'] }] (23:30 in Shanghai)
 */
export function findNightVisits(visits: readonly FlagVisitFact[], o: { fromHour: number; toHour: number }): NightFlag[] {
  const groups = new Map<string, NightFlag & { at: number[] }>();
  for (const v of visits) {
    if (v.kind === 'phone') continue;
    const hour = shanghaiHour(v.visitedAt);
    const atNight = o.fromHour > o.toHour ? hour >= o.fromHour || hour < o.toHour : hour >= o.fromHour && hour < o.toHour;
    if (!atNight) continue;
    // The night is named by the evening it began: shift back by the hours after midnight it may last.
    const night = new Date(ms(v.visitedAt) + SHANGHAI_OFFSET_MS - o.toHour * 3_600_000).toISOString().slice(0, 10);
    const key = `night:${v.cadreId}:${night}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, cadreId: v.cadreId, night, visitIds: [], at: [] }));
    g.visitIds.push(v.visitId);
    g.at.push(ms(v.visitedAt));
  }
  return [...groups.values()]
    .sort((a, b) => cmpId(a.cadreId, b.cadreId) || (a.night < b.night ? -1 : a.night > b.night ? 1 : 0))
    .map(({ at, ...flag }) => {
      const order = flag.visitIds.map((id, k) => ({ visitId: id, at: at[k]! })).sort(byTimeThenId);
      return { ...flag, visitIds: order.map((x) => x.visitId) };
    });
}

/** A photo as a visit holds it, with the stored file's difference hash when it has one. */
export interface FlagPhotoFact {
  visitId: string;
  householdId: string;
  sha256: string;
  /** 64-bit difference hash, 16 hex digits (`stored_file.perceptual_hash`). */
  perceptualHash: string | null;
}

export interface SamePhotoFlag {
  key: string;
  sha256: string;
  households: number;
  visitIds: string[];
}

/**
 * The same file (same SHA-256) on visits to different households. One household photographed
 * twice with the same file is not a sign.
 *
 * @example
 * findSamePhotos([{ visitId: '1', householdId: 'a', sha256: 'ab…', perceptualHash: null }, { visitId: '2', householdId: 'b', sha256: 'ab…', perceptualHash: null }]);
 * // [{ key: 'same_photo:ab…', sha256: 'ab…', households: 2, visitIds: ['1', '2'] }]
 */
export function findSamePhotos(photos: readonly FlagPhotoFact[]): SamePhotoFlag[] {
  const bySha = new Map<string, FlagPhotoFact[]>();
  for (const p of photos) {
    const list = bySha.get(p.sha256);
    if (list) list.push(p);
    else bySha.set(p.sha256, [p]);
  }
  const flags: SamePhotoFlag[] = [];
  for (const [sha256, list] of [...bySha].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const households = new Set(list.map((p) => p.householdId)).size;
    if (households < 2) continue;
    flags.push({ key: `same_photo:${sha256}`, sha256, households, visitIds: [...new Set(list.map((p) => p.visitId))].sort(cmpId) });
  }
  return flags;
}

const HASH = /^[0-9a-f]{16}$/;

/**
 * The Hamming distance of two 64-bit hashes written as 16 hex digits.
 *
 * @example
 * hammingDistance('0000000000000000', '0000000000000003'); // 2
 */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x > 0n) {
    x &= x - 1n;
    n++;
  }
  return n;
}

export interface SimilarPhotoFlag {
  key: string;
  /** The two files, in order. */
  sha256: [string, string];
  distance: number;
  visitIds: string[];
}

/**
 * Near-identical photos: two different files whose difference hashes differ in at most
 * `maxDistance` bits (6 of 64 by default), on visits to different households. Candidates come
 * from `maxDistance + 1` bands of the hash (two hashes that close agree on at least one band,
 * by pigeonhole), so the work grows with the photos, not with their pairs; each candidate is
 * then measured exactly. A file without a hash is left out. One flag per pair of files.
 *
 * @example
 * findSimilarPhotos(photos, { maxDistance: 6 }); // [{ key: 'similar_photo:aa…:bb…', distance: 3, … }]
 */
export function findSimilarPhotos(photos: readonly FlagPhotoFact[], o: { maxDistance: number }): SimilarPhotoFlag[] {
  const files = new Map<string, { hash: string; households: Set<string>; visits: Set<string> }>();
  for (const p of photos) {
    if (p.perceptualHash === null || !HASH.test(p.perceptualHash)) continue;
    let f = files.get(p.sha256);
    if (!f) files.set(p.sha256, (f = { hash: p.perceptualHash, households: new Set(), visits: new Set() }));
    f.households.add(p.householdId);
    f.visits.add(p.visitId);
  }
  const bands = o.maxDistance + 1;
  const width = Math.ceil(64 / bands);
  const buckets = new Map<string, string[]>();
  for (const [sha, f] of files) {
    const bits = BigInt(`0x${f.hash}`);
    for (let b = 0; b < bands; b++) {
      const lo = b * width;
      if (lo >= 64) break;
      const size = Math.min(width, 64 - lo);
      const value = (bits >> BigInt(lo)) & ((1n << BigInt(size)) - 1n);
      const key = `${b}:${value}`;
      const list = buckets.get(key);
      if (list) list.push(sha);
      else buckets.set(key, [sha]);
    }
  }
  const seen = new Set<string>();
  const flags: SimilarPhotoFlag[] = [];
  for (const list of buckets.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = list[i]! < list[j]! ? [list[i]!, list[j]!] : [list[j]!, list[i]!];
        const pair = `${a}:${b}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const fa = files.get(a)!;
        const fb = files.get(b)!;
        const distance = hammingDistance(fa.hash, fb.hash);
        if (distance > o.maxDistance) continue;
        // Different households: some household of one photo is not the only household of the other.
        const differ = [...fa.households].some((h) => [...fb.households].some((k) => k !== h));
        if (!differ) continue;
        flags.push({ key: `similar_photo:${pair}`, sha256: [a, b], distance, visitIds: [...new Set([...fa.visits, ...fb.visits])].sort(cmpId) });
      }
    }
  }
  return flags.sort((x, y) => (x.key < y.key ? -1 : 1));
}

/**
 * Whether a township's visit logs claim more than its residents report: the logs' coverage
 * above the upper bound of the survey's interval for "has a cadre visited your home this year".
 * A suppressed survey figure (too few answers) or a township without targets is never flagged.
 *
 * @example
 * surveyGapFlagged(0.98, { lower: 0.61, upper: 0.74 }); // true
 * surveyGapFlagged(0.7, { lower: 0.61, upper: 0.74 }); // false
 */
export function surveyGapFlagged(logCoverage: number | null, interval: { lower: number; upper: number } | null): boolean {
  return logCoverage !== null && interval !== null && logCoverage > interval.upper;
}
