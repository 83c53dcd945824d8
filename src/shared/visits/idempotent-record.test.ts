import { describe, expect, it } from 'vitest';
import { MAX_CANONICAL_DEPTH, MAX_DIFF_PATHS, canonicalJson, compareRecords } from './idempotent-record.ts';
import { ZVisitRecord } from './visit-schemas.ts';

const ID = '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd';

describe('canonical JSON', () => {
  it('orders keys, drops undefined properties, keeps null', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[1,2]},"b":1}');
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { z: 1, y: 2 }))).toBe('{"y":2,"z":1}');
  });

  it('orders keys by UTF-16 code unit, Chinese and astral characters included', () => {
    expect(canonicalJson({ 乙: 1, 甲: 2, B: 3, a: 4, '😀': 5, '\uFFFF': 6 })).toBe('{"B":3,"a":4,"乙":1,"甲":2,"😀":5,"\uFFFF":6}');
    // U+4E59 乙 before U+7532 甲; the astral 😀 (U+1F600, units D83D DE00) before U+FFFF: code units, not code points.
  });

  it('writes numbers one way and refuses what JSON cannot hold', () => {
    expect(canonicalJson([-0, 0, 1e21, 0.1 + 0.2, 50000, 1.5e-7])).toBe('[0,0,1e+21,0.30000000000000004,50000,1.5e-7]');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 10n, () => 1, Symbol('s'), new Date(0), new Map(), new (class Thing {})()]) {
      expect(() => canonicalJson({ x: [bad] }), String(typeof bad)).toThrow(TypeError);
    }
    expect(() => canonicalJson({ aid: [{ amountFen: Number.NaN }] })).toThrow('aid[0].amountFen: NaN is not a JSON number');
  });

  it('escapes strings as JSON does and does not normalise Unicode', () => {
    expect(canonicalJson('换行\n"引号"\u2028')).toBe(JSON.stringify('换行\n"引号"\u2028'));
    expect(canonicalJson('\uD800')).toBe('"\\ud800"'); // a lone surrogate, well-formed
    expect(canonicalJson('é')).not.toBe(canonicalJson('e\u0301'));
  });

  it('refuses nesting past its depth (and so cycles)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_CANONICAL_DEPTH; i += 1) deep = [deep];
    expect(() => canonicalJson(deep)).not.toThrow();
    expect(() => canonicalJson([deep])).toThrow('nested deeper');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(TypeError);
  });

  it('is the same text whatever the key order, and survives a JSON round trip (property loop)', () => {
    let seed = 3;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    const make = (depth: number): unknown => {
      const kind = depth > 3 ? rand(4) : rand(6);
      if (kind === 0) return rand(2) === 0 ? null : rand(2) === 1;
      if (kind === 1) return (rand(2000) - 1000) / (1 + rand(7));
      if (kind === 2) return ['张三', 'a"b', '😀', '', 'x\u0000y'][rand(5)];
      if (kind === 3) return rand(100000);
      if (kind === 4) return Array.from({ length: rand(4) }, () => make(depth + 1));
      return Object.fromEntries(Array.from({ length: rand(5) }, (_, i) => [`k${rand(10)}${i}`, make(depth + 1)]));
    };
    const shuffle = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(shuffle);
      if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v).map(([k, x]) => [k, shuffle(x)] as const);
        entries.reverse();
        return Object.fromEntries(rand(2) ? entries : [...entries, ['gone', undefined]]);
      }
      return v;
    };
    for (let i = 0; i < 300; i += 1) {
      const v = make(0);
      const c = canonicalJson(v);
      expect(canonicalJson(shuffle(v))).toBe(c);
      expect(canonicalJson(JSON.parse(JSON.stringify(v ?? null)))).toBe(c);
      expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(v ?? null)));
    }
  });
});

describe('comparing a record with the stored one', () => {
  const body = {
    clientId: ID,
    campaignId: '7',
    householdId: '1024',
    visitedAt: '2026-12-01T02:30:00Z',
    kind: 'home',
    situation: '生活困难，需要帮助',
    aid: [{ itemCode: 'cash', amountFen: 50000 }],
    acknowledgement: { kind: 'signed', signatureSha256: 'a'.repeat(64) },
  };

  it('is new with nothing stored, the same on a resend however it is spelled', () => {
    const stored = ZVisitRecord.parse(body);
    expect(compareRecords(stored, undefined)).toEqual({ outcome: 'new' });
    expect(compareRecords(ZVisitRecord.parse(body), stored)).toEqual({ outcome: 'same' });
    // Through JSON (the stored jsonb), with another key order, instant spelling, spaces and empty lists.
    const respelled = { ...Object.fromEntries(Object.entries(body).reverse()), companions: [], visitedAt: '2026-12-01T02:30:00.000Z', situation: ' 生活困难，需要帮助 ' };
    expect(compareRecords(ZVisitRecord.parse(respelled), JSON.parse(JSON.stringify(stored)))).toEqual({ outcome: 'same' });
  });

  it('is different when anything changes, and says where', () => {
    const stored = ZVisitRecord.parse(body);
    expect(compareRecords(ZVisitRecord.parse({ ...body, aid: [{ itemCode: 'cash', amountFen: 40000 }] }), stored)).toEqual({ outcome: 'different', paths: ['aid[0].amountFen'] });
    expect(compareRecords(ZVisitRecord.parse({ ...body, visitedAt: '2026-12-01T02:30:00.001Z' }), stored)).toEqual({ outcome: 'different', paths: ['visitedAt'] });
    expect(compareRecords(ZVisitRecord.parse({ ...body, campaignId: undefined, aid: [], acknowledgement: undefined }), stored)).toEqual({
      outcome: 'different',
      paths: ['acknowledgement', 'aid[0]', 'campaignId'],
    });
    expect(compareRecords({ a: [1] }, { a: { 0: 1 } })).toEqual({ outcome: 'different', paths: ['a'] });
    expect(compareRecords({ a: null }, {})).toEqual({ outcome: 'different', paths: ['a'] });
    expect(compareRecords(1, 2)).toEqual({ outcome: 'different', paths: ['(record)'] });
  });

  it('lists at most a bounded number of differences', () => {
    const a = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i]));
    const b = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${String(i).padStart(2, '0')}`, -i - 1]));
    const r = compareRecords(a, b);
    expect(r.outcome === 'different' && r.paths).toEqual(Array.from({ length: MAX_DIFF_PATHS }, (_, i) => `k${String(i).padStart(2, '0')}`));
  });
});
