/**
 * Distinct JPEG photos for the visit-sync benchmark, made in about a millisecond each without an
 * image encoder: a baseline grayscale JPEG whose DCT coefficients are random. Every 8×8 block has
 * a zero DC difference and 63 AC coefficients of magnitude 8–15 with random signs and values, so
 * the picture is a random texture (a decoder sees an ordinary JPEG; re-encoding it costs what a
 * photo of its size costs) and two photos made with different random bytes differ everywhere.
 *
 * The Huffman tables are the file's own (a JPEG may define any): DC has one symbol, category 0
 * ("no change", code `0`); AC has two, run 0 size 4 (code `0`, then 4 bits of value) and
 * end-of-block (code `10`, never needed since every block codes all 63 coefficients). A block
 * is therefore exactly 1 + 63 × 5 = 316 bits, which is how the size is aimed at.
 */
import crypto from 'node:crypto';

const BLOCK_BITS = 1 + 63 * 5;

/** A JPEG marker segment: FF, the marker, a 2-byte length that counts itself, the payload. */
function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

function headers(width: number, height: number): Buffer {
  const bytes = [
    0xff, 0xd8, // SOI
    // APP0 JFIF 1.01, no density, no thumbnail.
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    // DQT: table 0, 8-bit precision, every step 4 (a contrast like a photo's: pixels spread over most of 0–255).
    ...segment(0xdb, [0x00, ...Array.from({ length: 64 }, () => 4)]),
    // SOF0: 8-bit samples, height, width, one component (id 1, 1×1 sampling, quantisation table 0).
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    // DHT DC table 0: one code of length 1 → symbol 0 (difference 0).
    ...segment(0xc4, [0x00, 1, ...Array.from({ length: 15 }, () => 0), 0x00]),
    // DHT AC table 0: one code of length 1 → 0x04 (run 0, size 4), one of length 2 → 0x00 (end of block).
    ...segment(0xc4, [0x10, 1, 1, ...Array.from({ length: 14 }, () => 0), 0x04, 0x00]),
    // SOS: one component (1) with tables DC 0 / AC 0, spectral selection 0–63, no approximation.
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
  ];
  return Buffer.from(bytes);
}

/** Width and height (multiples of 8, width 640) of a random-texture JPEG of about `bytes` bytes. */
export function randomJpegSize(bytes: number): { width: number; height: number } {
  const width = 640;
  const blocks = Math.max(1, Math.round((bytes * 8) / BLOCK_BITS));
  return { width, height: Math.max(8, Math.ceil(blocks / (width / 8)) * 8) };
}

/**
 * A distinct baseline JPEG of about `bytes` bytes (within a few hundred bytes, above 2 KB):
 * 640 pixels wide, grayscale, random texture.
 *
 * @example
 * const photo = randomJpeg(200 * 1024); // ≈ 204,800 bytes, FF D8 … FF D9
 */
export function randomJpeg(bytes: number): Buffer {
  const { width, height } = randomJpegSize(bytes);
  const blocks = (width / 8) * (height / 8);
  const random = crypto.randomBytes(Math.ceil((blocks * 63) / 2));
  // Entropy-coded data: ≈ 39.5 bytes a block, plus a stuffed 00 after each FF (about 1 in 256).
  const out = Buffer.allocUnsafe(Math.ceil((blocks * BLOCK_BITS) / 8) * 2 + 16);
  let o = 0;
  let acc = 0;
  let n = 0;
  const put = (value: number, bits: number) => {
    acc = (acc << bits) | value;
    n += bits;
    while (n >= 8) {
      n -= 8;
      const b = (acc >>> n) & 0xff;
      out[o++] = b;
      if (b === 0xff) out[o++] = 0x00;
    }
    acc &= (1 << n) - 1;
  };
  let r = 0;
  for (let b = 0; b < blocks; b++) {
    put(0, 1); // DC: difference 0
    for (let k = 0; k < 63; k += 1) {
      const byte = random[r >> 1]!;
      const nibble = r & 1 ? byte & 0x0f : byte >> 4;
      r++;
      put(nibble, 5); // code 0 (run 0, size 4) then the 4 value bits
    }
  }
  if (n > 0) put((1 << (8 - n)) - 1, 8 - n); // pad the last byte with 1 bits
  return Buffer.concat([headers(width, height), out.subarray(0, o), Buffer.from([0xff, 0xd9])]);
}
