import { describe, expect, it } from 'vitest';
import { findBursts, findNightVisits, findSamePhotos, findSimilarPhotos, hammingDistance, shanghaiHour, surveyGapFlagged, type FlagVisitFact } from './flag-rules.ts';

const at = (hhmm: string, day = '2026-12-01') => {
  // Shanghai time to UTC instant.
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(Date.parse(`${day}T00:00:00Z`) + ((h - 8) * 60 + m) * 60_000).toISOString();
};
const visit = (visitId: string, time: string, o: Partial<FlagVisitFact> = {}): FlagVisitFact => ({ visitId, cadreId: '5', householdId: `h${visitId}`, kind: 'home', visitedAt: at(time), ...o });

describe('findBursts', () => {
  const seven = ['09:00', '09:08', '09:16', '09:24', '09:32', '09:40', '09:48'].map((t, i) => visit(String(100 + i), t));
  it('flags more than six home visits within 60 minutes, not six', () => {
    expect(findBursts(seven.slice(0, 6), { limit: 6, minutes: 60 })).toEqual([]);
    expect(findBursts(seven, { limit: 6, minutes: 60 })).toEqual([
      { key: 'burst:5:100', cadreId: '5', visitIds: ['100', '101', '102', '103', '104', '105', '106'], count: 7, windowStart: at('09:00'), windowEnd: at('09:48') },
    ]);
  });
  it('includes both ends of the window and no more', () => {
    const edge = [...seven.slice(0, 6), visit('200', '10:00')];
    expect(findBursts(edge, { limit: 6, minutes: 60 })).toHaveLength(1);
    const beyond = [...seven.slice(0, 6), visit('200', '10:00'), visit('99', '08:59')].map((v) => (v.visitId === '200' ? { ...v, visitedAt: new Date(Date.parse(at('10:00')) + 1000).toISOString() } : v));
    // 08:59 … 09:40 holds seven within 60 minutes; 09:00 … 10:00:01 only six.
    expect(findBursts(beyond, { limit: 6, minutes: 60 })[0]).toMatchObject({ key: 'burst:5:99', count: 7 });
  });
  it('ignores other kinds, separates cadres, merges overlapping windows, honours the settings', () => {
    const phone = seven.map((v) => ({ ...v, kind: 'phone' }));
    expect(findBursts(phone, { limit: 6, minutes: 60 })).toEqual([]);
    const twoCadres = seven.map((v, i) => ({ ...v, cadreId: i % 2 ? '6' : '5' }));
    expect(findBursts(twoCadres, { limit: 6, minutes: 60 })).toEqual([]);
    const long = Array.from({ length: 12 }, (_, i) => visit(String(300 + i), `${String(9 + Math.floor((i * 8) / 60)).padStart(2, '0')}:${String((i * 8) % 60).padStart(2, '0')}`));
    const flags = findBursts(long, { limit: 6, minutes: 60 });
    expect(flags).toHaveLength(1);
    expect(flags[0]!.visitIds).toHaveLength(12);
    expect(flags[0]!.count).toBe(8);
    expect(findBursts(seven, { limit: 3, minutes: 20 })).toEqual([]);
    expect(findBursts(seven, { limit: 2, minutes: 20 })).toMatchObject([{ count: 3, visitIds: seven.map((v) => v.visitId) }]);
    const apart = [...seven, ...['15:00', '15:05', '15:10', '15:15', '15:20', '15:25', '15:30'].map((t, i) => visit(String(400 + i), t))];
    expect(findBursts(apart, { limit: 6, minutes: 60 }).map((f) => f.key)).toEqual(['burst:5:100', 'burst:5:400']);
  });
  it('keeps the same key whatever the input order', () => {
    expect(findBursts([...seven].reverse(), { limit: 6, minutes: 60 })).toEqual(findBursts(seven, { limit: 6, minutes: 60 }));
  });
});

describe('findNightVisits', () => {
  it('flags in-person visits from 22:00 to 06:00 Shanghai time, grouped by cadre and evening', () => {
    const visits = [visit('1', '21:59'), visit('2', '22:00'), visit('3', '23:30'), { ...visit('4', '02:00', { visitedAt: at('02:00', '2026-12-02') }) }, visit('5', '05:59', { visitedAt: at('05:59', '2026-12-02') }), visit('6', '06:00', { visitedAt: at('06:00', '2026-12-02') }), visit('7', '23:00', { kind: 'phone' }), visit('8', '23:10', { cadreId: '7', kind: 'field' })];
    expect(findNightVisits(visits, { fromHour: 22, toHour: 6 })).toEqual([
      { key: 'night:5:2026-12-01', cadreId: '5', night: '2026-12-01', visitIds: ['2', '3', '4', '5'] },
      { key: 'night:7:2026-12-01', cadreId: '7', night: '2026-12-01', visitIds: ['8'] },
    ]);
  });
  it('reads the hour in Asia/Shanghai', () => {
    expect(shanghaiHour('2026-12-01T14:00:00Z')).toBe(22);
    expect(shanghaiHour('2026-12-01T22:00:00Z')).toBe(6);
  });
});

const sha = (c: string) => c.repeat(64);
describe('photo flags', () => {
  it('flags the same file on different households only', () => {
    const photos = [
      { visitId: '1', householdId: 'a', sha256: sha('a'), perceptualHash: null },
      { visitId: '2', householdId: 'a', sha256: sha('a'), perceptualHash: null },
      { visitId: '3', householdId: 'b', sha256: sha('b'), perceptualHash: null },
      { visitId: '4', householdId: 'c', sha256: sha('b'), perceptualHash: null },
    ];
    expect(findSamePhotos(photos)).toEqual([{ key: `same_photo:${sha('b')}`, sha256: sha('b'), households: 2, visitIds: ['3', '4'] }]);
  });
  it('measures Hamming distance', () => {
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('0123456789abcdef', '0123456789abcdef')).toBe(0);
  });
  it('flags near-identical files (≤ 6 bits) on different households, in any band', () => {
    const base = '0f0f0f0f0f0f0f0f';
    // Six bits flipped spread over the whole hash: every band but one differs.
    const six = (BigInt(`0x${base}`) ^ 0x8010_0400_2000_8001n).toString(16).padStart(16, '0');
    const seven = (BigInt(`0x${base}`) ^ 0x8010_0400_2001_8001n).toString(16).padStart(16, '0');
    expect(hammingDistance(base, six)).toBe(6);
    expect(hammingDistance(base, seven)).toBe(7);
    const photos = [
      { visitId: '1', householdId: 'a', sha256: sha('1'), perceptualHash: base },
      { visitId: '2', householdId: 'b', sha256: sha('2'), perceptualHash: six },
      { visitId: '3', householdId: 'c', sha256: sha('3'), perceptualHash: seven },
      { visitId: '4', householdId: 'a', sha256: sha('4'), perceptualHash: base },
      { visitId: '5', householdId: 'd', sha256: sha('5'), perceptualHash: null },
      { visitId: '6', householdId: 'e', sha256: sha('6'), perceptualHash: 'not-a-hash' },
    ];
    const flags = findSimilarPhotos(photos, { maxDistance: 6 });
    // 1–2 (6 bits, households a and b), 2–3 (1 bit), 2–4 (6 bits, b and a); 1–4 is the same household; 1–3 and 3–4 are 7 bits.
    expect(flags.map((f) => [f.sha256, f.distance])).toEqual([
      [[sha('1'), sha('2')], 6],
      [[sha('2'), sha('3')], 1],
      [[sha('2'), sha('4')], 6],
    ]);
    expect(flags[0]!.key).toBe(`similar_photo:${sha('1')}:${sha('2')}`);
    expect(findSimilarPhotos(photos, { maxDistance: 7 }).map((f) => f.distance)).toContain(7);
  });
  it('finds every close pair the brute force finds (random hashes)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const hex = () => Array.from({ length: 16 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
    const photos: { visitId: string; householdId: string; sha256: string; perceptualHash: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const base: string = i % 3 === 0 || photos.length === 0 ? hex() : photos[photos.length - 1]!.perceptualHash!;
      let bits: bigint = BigInt(`0x${base}`);
      for (let k = 0; k < Math.floor(rnd() * 9); k++) bits ^= 1n << BigInt(Math.floor(rnd() * 64));
      photos.push({ visitId: String(i + 1), householdId: `h${i}`, sha256: String(i).padStart(64, '0'), perceptualHash: bits.toString(16).padStart(16, '0') });
    }
    const brute: string[] = [];
    for (let i = 0; i < photos.length; i++) for (let j = i + 1; j < photos.length; j++) if (hammingDistance(photos[i]!.perceptualHash, photos[j]!.perceptualHash) <= 6) brute.push(`similar_photo:${photos[i]!.sha256}:${photos[j]!.sha256}`);
    expect(brute.length).toBeGreaterThan(20);
    expect(findSimilarPhotos(photos, { maxDistance: 6 }).map((f) => f.key)).toEqual(brute.sort());
  });
});

describe('surveyGapFlagged', () => {
  it('flags log coverage above the interval’s upper bound only', () => {
    expect(surveyGapFlagged(0.98, { lower: 0.61, upper: 0.74 })).toBe(true);
    expect(surveyGapFlagged(0.74, { lower: 0.61, upper: 0.74 })).toBe(false);
    expect(surveyGapFlagged(0.5, { lower: 0.61, upper: 0.74 })).toBe(false);
    expect(surveyGapFlagged(null, { lower: 0.61, upper: 0.74 })).toBe(false);
    expect(surveyGapFlagged(1, null)).toBe(false);
  });
});
