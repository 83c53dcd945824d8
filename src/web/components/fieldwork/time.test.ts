import { describe, expect, it } from 'vitest';
import { townshipName } from './names.ts';
import { shanghaiWindow } from './time.ts';

describe('workstation wording', () => {
  it('says a calling window in Shanghai time, a window to midnight ending at 24:00', () => {
    expect(shanghaiWindow({ from: '2026-12-01T06:00:00.000Z', to: '2026-12-01T12:30:00.000Z' })).toBe('2026-12-01 14:00–20:30');
    expect(shanghaiWindow({ from: '2026-12-01T12:00:00.000Z', to: '2026-12-01T16:00:00.000Z' })).toBe('2026-12-01 20:00–24:00');
    // 00:30–01:00 on 2 December in Shanghai is still 1 December in UTC.
    expect(shanghaiWindow({ from: '2026-12-01T16:30:00.000Z', to: '2026-12-01T17:00:00.000Z' })).toBe('2026-12-02 00:30–01:00');
  });

  it('names a township in English only where it has an English name', () => {
    const gangcheng = { code: '370921104', name: '堽城镇', nameEn: 'Gangcheng' };
    expect(townshipName(gangcheng, 'en')).toBe('Gangcheng');
    expect(townshipName(gangcheng, 'zh-CN')).toBe('堽城镇');
    expect(townshipName({ ...gangcheng, nameEn: null }, 'en')).toBe('堽城镇');
  });
});
