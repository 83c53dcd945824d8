import { describe, expect, it } from 'vitest';
import { categoryLookup, parseBatchRow, resolveRegion, type BatchDirectory } from './parse-batch-row.ts';

const dir: BatchDirectory = {
  categories: categoryLookup([{ code: 'env-road-light', name: '道路与路灯', name_en: 'Roads and street lights' }]),
  townships: [
    { code: '370921104', name: '堽城镇' },
    { code: '370921105', name: '蒋集镇' },
  ],
  villages: [
    { code: '370921104201', name: '王家村', townshipCode: '370921104' },
    { code: '370921105201', name: '王家村', townshipCode: '370921105' },
    { code: '370921104202', name: '东庄村', townshipCode: '370921104' },
  ],
};

describe('resolveRegion', () => {
  it('reads codes, 「乡镇/村」, names run together, bare names and the split columns', () => {
    expect(resolveRegion(dir, { region: '３７０９２１１０４２０２' })).toEqual({ ok: true, code: '370921104202' });
    expect(resolveRegion(dir, { region: '堽城镇/王家村' })).toEqual({ ok: true, code: '370921104201' });
    expect(resolveRegion(dir, { region: '蒋集镇王家村' })).toEqual({ ok: true, code: '370921105201' });
    expect(resolveRegion(dir, { region: '堽城 东庄' })).toEqual({ ok: true, code: '370921104202' });
    expect(resolveRegion(dir, { region: '东庄村' })).toEqual({ ok: true, code: '370921104202' });
    expect(resolveRegion(dir, { region: '蒋集镇' })).toEqual({ ok: true, code: '370921105' });
    expect(resolveRegion(dir, { township: '蒋集镇', village: '王家村' })).toEqual({ ok: true, code: '370921105201' });
  });

  it('says what is wrong', () => {
    expect(resolveRegion(dir, { region: '王家村' })).toMatchObject({ ok: false, problem: { 'zh-CN': expect.stringContaining('多个乡镇') } });
    expect(resolveRegion(dir, { region: '370921999' })).toMatchObject({ ok: false });
    expect(resolveRegion(dir, { region: '堽城镇/西庄村' })).toMatchObject({ ok: false, problem: { 'zh-CN': '乡镇“堽城镇”下没有村“西庄村”' } });
    expect(resolveRegion(dir, {})).toMatchObject({ ok: false });
  });
});

describe('parseBatchRow', () => {
  it('makes the intake: category by name, title from the content, phone and urgency read', () => {
    const row = parseBatchRow(dir, { externalRef: ' ＳＤ－０００１ ', category: '道路与路灯', region: '堽城镇/王家村', description: '村口路灯坏了两周，晚上看不见路，老人出门不方便，请尽快派人修理好', contactPhone: '１３９１２３４５６７８', urgent: '是' });
    expect(row).toEqual({
      ok: true,
      externalRef: 'SD-0001',
      intake: { categoryCode: 'env-road-light', regionCode: '370921104201', title: '村口路灯坏了两周，晚上看不见路，老人出门不方便，请尽快派人修…', description: '村口路灯坏了两周，晚上看不见路，老人出门不方便，请尽快派人修理好', urgent: true, contactPhone: '13912345678' },
    });
  });

  it('collects every problem of a row in both languages', () => {
    const row = parseBatchRow(dir, { externalRef: 'A B?', category: 'nope', region: '', contactPhone: '123', urgent: '也许' });
    expect(row.ok).toBe(false);
    if (row.ok) return;
    expect(row.problems.map((p) => p['zh-CN'])).toHaveLength(6);
    expect(row.problems.every((p) => p.en.length > 0)).toBe(true);
  });
});
