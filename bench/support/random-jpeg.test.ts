import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { randomJpeg, randomJpegSize } from './random-jpeg.ts';

/** The entropy-coded data: from after the SOS segment to before EOI. */
function scanData(jpeg: Buffer): Buffer {
  const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  const length = jpeg.readUInt16BE(sos + 2);
  return jpeg.subarray(sos + 2 + length, jpeg.length - 2);
}

describe('randomJpeg', () => {
  it('makes a JPEG of about the asked size, SOI to EOI, with every FF of the scan stuffed', () => {
    const jpeg = randomJpeg(200 * 1024);
    expect(Math.abs(jpeg.length - 200 * 1024) / (200 * 1024)).toBeLessThan(0.02);
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
    const scan = scanData(jpeg);
    for (let i = scan.indexOf(0xff); i !== -1; i = scan.indexOf(0xff, i + 1)) expect(scan[i + 1]).toBe(0x00);
    // The frame header says what randomJpegSize says.
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    expect({ height: jpeg.readUInt16BE(sof + 5), width: jpeg.readUInt16BE(sof + 7) }).toEqual(randomJpegSize(200 * 1024));
  });

  it('makes a different photo every time', () => {
    const a = randomJpeg(8 * 1024);
    const b = randomJpeg(8 * 1024);
    expect(a.length).toBe(b.length);
    expect(scanData(a).equals(scanData(b))).toBe(false);
  });

  it('decodes without a warning (as the server reads uploads) into a textured grayscale picture', async () => {
    const jpeg = randomJpeg(50 * 1024);
    const image = sharp(jpeg, { failOn: 'warning' });
    const meta = await image.metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, channels: meta.channels }).toEqual({ format: 'jpeg', ...randomJpegSize(50 * 1024), channels: 1 });
    const stats = await image.stats();
    expect(stats.channels[0]!.stdev).toBeGreaterThan(20);
  });
});
