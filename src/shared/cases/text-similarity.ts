/**
 * How alike two residents' problems read (for the intake's duplicate check, 重复诉求提示). Pure.
 * Chinese has no spaces between words, so words are not a unit to compare: the text is folded
 * (full-width to half-width, lower case, punctuation and spaces dropped) and cut into overlapping
 * character pairs (bigrams, 村口 口路 路灯 …); the score is the Dice coefficient of the two multisets
 * of pairs, 2·|A∩B| / (|A|+|B|), from 0 (nothing shared) to 1 (the same text).
 */

/**
 * A score at or above this marks a likely duplicate. Low on purpose: candidates are already the
 * same resident or phone, same category, open and recent, and offering one too many costs the
 * clerk one click ("register anyway") while missing one splits a problem in two.
 */
export const DUPLICATE_SIMILARITY_THRESHOLD = 0.3;

/**
 * The text folded for comparison: NFKC (full-width letters and digits to half-width), lower case,
 * and only letters and digits kept (punctuation, symbols and spaces carry no meaning here).
 *
 * @example
 * foldText('村口 路灯，不亮！ＡＢ'); // '村口路灯不亮ab'
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The overlapping character pairs of a folded text, counted. A text of one character is its own
 * single "pair" so that it still compares equal to itself.
 *
 * @example
 * bigrams('路灯灯'); // Map { '路灯' => 1, '灯灯' => 1 }
 */
export function bigrams(text: string): Map<string, number> {
  const chars = [...foldText(text)];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  return out;
}

/**
 * The Dice coefficient of two texts' character pairs: 1 for the same text (after folding), 0
 * when they share no pair or either is empty.
 *
 * @example
 * textSimilarity('村口路灯不亮', '村口的路灯不亮了'); // ≈ 0.67
 * textSimilarity('路灯不亮', '低保申请'); // 0
 */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let sizeX = 0;
  let sizeY = 0;
  for (const n of x.values()) sizeX += n;
  for (const n of y.values()) sizeY += n;
  if (sizeX === 0 || sizeY === 0) return 0;
  let shared = 0;
  for (const [pair, n] of x) shared += Math.min(n, y.get(pair) ?? 0);
  return (2 * shared) / (sizeX + sizeY);
}

/**
 * How alike two cases read: title and description together, so a short title alone does not
 * decide.
 *
 * @example
 * caseTextSimilarity({ title: '路灯不亮', description: '村口路灯坏了' }, { title: '村口路灯坏', description: '路灯不亮两周' }) >= 0.3; // true
 */
export function caseTextSimilarity(a: { title: string; description: string }, b: { title: string; description: string }): number {
  return textSimilarity(`${a.title} ${a.description}`, `${b.title} ${b.description}`);
}
