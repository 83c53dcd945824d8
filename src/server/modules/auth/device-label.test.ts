import { describe, expect, it } from 'vitest';
import { deviceLabelOf } from './sessions.ts';

const ANDROID = 'Mozilla/5.0 (Linux; Android 13; 23021RAAEG Build/TKQ1.221114.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36';

describe('deviceLabelOf', () => {
  it('names a phone by its model, or by its system and browser', () => {
    expect(deviceLabelOf(ANDROID)).toBe('Android · 23021RAAEG');
    // Chrome's reduced user agent hides the model behind "K".
    expect(deviceLabelOf('Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36')).toBe('Android · Chrome');
    expect(deviceLabelOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('iPhone · Safari');
    expect(deviceLabelOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0')).toBe('Windows · Edge');
    expect(deviceLabelOf(null)).toBeNull();
  });
});

