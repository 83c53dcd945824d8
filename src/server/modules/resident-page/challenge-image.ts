/**
 * The human check's picture (人机验证): an arithmetic question drawn as SVG strokes — never as
 * <text>, which a script would simply read — each character jittered, tilted and scaled, under
 * crossing curves and specks. It stops scripted floods of the public form; it is not meant to
 * defeat a determined OCR effort (the per-address rate limit bounds what that could do).
 */
import crypto from 'node:crypto';

/** Stroke glyphs in a 10 × 16 box: polylines, 'Z' closes one. */
const GLYPHS: Record<string, string> = {
  '0': 'M5,1 L9,4 L9,12 L5,15 L1,12 L1,4 Z',
  '1': 'M3,4 L6,1 L6,15 M3,15 L9,15',
  '2': 'M1,4 L4,1 L7,1 L9,4 L9,6 L1,15 L9,15',
  '3': 'M1,2 L9,2 L5,7 L8,9 L9,12 L6,15 L2,15 L1,13',
  '4': 'M7,15 L7,1 L1,11 L9,11',
  '5': 'M9,1 L2,1 L1,7 L6,6 L9,9 L9,12 L6,15 L1,14',
  '6': 'M8,1 L3,5 L1,10 L2,14 L5,15 L8,14 L9,11 L7,8 L3,8 L1,10',
  '7': 'M1,1 L9,1 L4,15',
  '8': 'M5,1 L8,3 L8,6 L5,8 L2,6 L2,3 Z M5,8 L9,11 L8,14 L5,15 L2,14 L1,11 Z',
  '9': 'M9,6 L7,8 L3,8 L1,5 L2,2 L5,1 L8,2 L9,6 L8,11 L4,15',
  '+': 'M1,8 L9,8 M5,4 L5,12',
  '-': 'M1,8 L9,8',
  '=': 'M1,6 L9,6 M1,10 L9,10',
  '?': 'M2,4 L4,1 L7,1 L9,4 L5,8 L5,11 M5,14 L5,15',
};

const WIDTH = 200;
const HEIGHT = 64;
const COLORS = ['#1d4f91', '#7a2e8c', '#0f6b4f', '#8c4a0f', '#333333'];

/** A random number in [min, max) from the system's cryptographic source. */
const rand = (min: number, max: number) => min + (crypto.randomInt(0, 1_000_000) / 1_000_000) * (max - min);
const pick = <T>(items: readonly T[]): T => items[crypto.randomInt(0, items.length)]!;

export interface ArithmeticQuestion {
  /** What is drawn, e.g. '37+6=?'. */
  text: string;
  answer: number;
}

/**
 * A new question: a two-digit number plus or minus a one-digit one (answers 1–58), so one guess
 * per picture wins about once in fifty.
 *
 * @example
 * arithmeticQuestion(); // { text: '37+6=?', answer: 43 }
 */
export function arithmeticQuestion(): ArithmeticQuestion {
  const a = crypto.randomInt(10, 50);
  const b = crypto.randomInt(1, 10);
  const plus = crypto.randomInt(0, 2) === 0;
  return { text: `${a}${plus ? '+' : '-'}${b}=?`, answer: plus ? a + b : a - b };
}

/** One glyph's path, moved, tilted and scaled into place, its points jittered. */
function glyphPath(glyph: string, x: number): string {
  const scale = rand(2.2, 2.8);
  const angle = (rand(-18, 18) * Math.PI) / 180;
  const y = rand(6, HEIGHT - 16 * scale - 4);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return glyph.replace(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g, (_m, gx: string, gy: string) => {
    const px = (Number(gx) - 5 + rand(-0.5, 0.5)) * scale;
    const py = (Number(gy) - 8 + rand(-0.5, 0.5)) * scale;
    return `${(x + 5 * scale + px * cos - py * sin).toFixed(1)},${(y + 8 * scale + px * sin + py * cos).toFixed(1)}`;
  });
}

/**
 * Draws the question as an SVG document (strokes only: no text element, no font).
 *
 * @example
 * const svg = challengeSvg('37+6=?'); // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export function challengeSvg(text: string): string {
  const parts: string[] = [`<rect width="${WIDTH}" height="${HEIGHT}" fill="#f4f6fa"/>`];
  for (let i = 0; i < 4; i += 1) {
    const c = `M${rand(0, 20).toFixed(1)},${rand(0, HEIGHT).toFixed(1)} C${rand(40, 80).toFixed(1)},${rand(0, HEIGHT).toFixed(1)} ${rand(120, 160).toFixed(1)},${rand(0, HEIGHT).toFixed(1)} ${rand(180, WIDTH).toFixed(1)},${rand(0, HEIGHT).toFixed(1)}`;
    parts.push(`<path d="${c}" stroke="${pick(COLORS)}" stroke-width="${rand(0.8, 1.8).toFixed(1)}" fill="none" opacity="0.55"/>`);
  }
  const step = (WIDTH - 16) / text.length;
  [...text].forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new Error(`no glyph for ${ch}`);
    const d = glyphPath(glyph, 8 + i * step + rand(-2, 2));
    parts.push(`<path d="${d}" stroke="${pick(COLORS)}" stroke-width="${rand(2.2, 3.2).toFixed(1)}" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`);
  });
  for (let i = 0; i < 40; i += 1) {
    parts.push(`<circle cx="${rand(0, WIDTH).toFixed(1)}" cy="${rand(0, HEIGHT).toFixed(1)}" r="${rand(0.5, 1.6).toFixed(1)}" fill="${pick(COLORS)}" opacity="0.6"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${parts.join('')}</svg>`;
}
