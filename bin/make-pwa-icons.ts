/**
 * Draws the phone app's icons (连心走访, issue 10) as PNG files in src/web/public/icons: a white
 * heart on the brand's red, plain, maskable (the heart inside the 80 % safe zone) and Apple's
 * touch icon. No image library and no font: the heart is an implicit curve, supersampled, and the
 * PNG is written with node:zlib, so the icons can be drawn again on any machine.
 *
 * @example
 * npx tsx bin/make-pwa-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/web/public/icons');
const RED = [0xb7, 0x1c, 0x22] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** An 8-bit RGB PNG of `size`×`size` pixels from `rgb` (row-major, 3 bytes a pixel). */
function png(size: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) raw.set(rgb.subarray(y * size * 3, (y + 1) * size * 3), y * (size * 3 + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Inside the heart (x²+y²−1)³ − x²y³ ≤ 0, which spans about x ∈ [−1.14, 1.14], y ∈ [−1, 1.25]. */
const inHeart = (x: number, y: number) => (x * x + y * y - 1) ** 3 - x * x * y ** 3 <= 0;

/** The icon at `size` pixels; the heart's width is `scale` of the icon's. */
function drawIcon(size: number, scale: number): Buffer {
  const rgb = new Uint8Array(size * size * 3);
  const samples = 4;
  const half = 1.14 / scale; // heart units per half icon
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size - 0.5) * 2 * half;
          const y = -((py + (sy + 0.5) / samples) / size - 0.5) * 2 * half + 0.1;
          if (inHeart(x, y)) hits++;
        }
      }
      const a = hits / (samples * samples);
      for (let c = 0; c < 3; c++) rgb[(py * size + px) * 3 + c] = Math.round(RED[c]! * (1 - a) + WHITE[c]! * a);
    }
  }
  return png(size, rgb);
}

fs.mkdirSync(OUT, { recursive: true });
const icons: [string, number, number][] = [
  ['icon-192.png', 192, 0.62],
  ['icon-512.png', 512, 0.62],
  ['maskable-512.png', 512, 0.5],
  ['apple-touch-icon-180.png', 180, 0.58],
];
for (const [name, size, scale] of icons) fs.writeFileSync(path.join(OUT, name), drawIcon(size, scale));
console.log(`icons written to ${OUT}`);
