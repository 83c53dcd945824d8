import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifInstant, readCaptureTime } from './exif-capture-time.ts';
import { sniffImage } from './sniff-image.ts';

describe('capture time from EXIF', () => {
  it('reads a time without an offset as Asia/Shanghai, and honours an offset', () => {
    expect(exifInstant('2026:11:20 10:15:30', null)?.toISOString()).toBe('2026-11-20T02:15:30.000Z');
    expect(exifInstant('2026:11:20 10:15:30', '-05:00')?.toISOString()).toBe('2026-11-20T15:15:30.000Z');
    // A malformed offset is ignored rather than trusted.
    expect(exifInstant('2026:11:20 10:15:30', '+8')?.toISOString()).toBe('2026-11-20T02:15:30.000Z');
  });

  it('refuses times that never were or that a camera writes when unset', () => {
    for (const bad of ['0000:00:00 00:00:00', '2026:02:31 10:00:00', '2026:13:01 10:00:00', '2026:11:20 24:00:00', '2026-11-20', '    :  :     :  :  ']) {
      expect(exifInstant(bad, null), bad).toBeNull();
    }
  });

  it('reads DateTimeOriginal from both byte orders of a real block, and nothing from a damaged one', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .jpeg()
      .withExif({ IFD2: { DateTimeOriginal: '2026:12:01 08:00:00', OffsetTimeOriginal: '+08:00' } })
      .toBuffer();
    const { exif } = await sharp(jpeg).metadata();
    expect(readCaptureTime(exif!)?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    for (let cut = 0; cut < exif!.length; cut += 7) expect(() => readCaptureTime(exif!.subarray(0, cut))).not.toThrow();
    expect(readCaptureTime(Buffer.from('Exif\0\0MM\0\x2a\xff\xff\xff\xff', 'latin1'))).toBeNull();
    const noTime = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).jpeg().withExif({ IFD0: { Make: 'x' } }).toBuffer();
    expect(readCaptureTime((await sharp(noTime).metadata()).exif!)).toBeNull();
  });
});

describe('sniffImage', () => {
  it('knows JPEG, PNG and WebP by their first bytes and nothing else', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImage(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImage(Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});
