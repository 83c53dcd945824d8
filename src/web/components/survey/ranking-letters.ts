/**
 * The ranking's groups as letters, the way statisticians print them beside a ranking: each
 * group of townships the survey cannot tell apart gets a letter, a township gets the letters of
 * every group it belongs to, and townships that share a letter are not significantly different.
 * A township in no group (significantly different from its neighbours) gets a letter of its own.
 */

const letterOf = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : `${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`);

/**
 * @example
 * rankingLetters(['A', 'B', 'C', 'D'], [['A', 'B'], ['B', 'C']]); // Map { A → 'a', B → 'ab', C → 'b', D → 'c' }
 */
export function rankingLetters(order: readonly string[], groups: readonly (readonly string[])[]): Map<string, string> {
  const position = new Map(order.map((code, i) => [code, i]));
  const grouped = new Set(groups.flat());
  const all = [...groups.map((g) => [...g]), ...order.filter((code) => !grouped.has(code)).map((code) => [code])];
  all.sort((a, b) => Math.min(...a.map((c) => position.get(c) ?? Infinity)) - Math.min(...b.map((c) => position.get(c) ?? Infinity)));
  const letters = new Map<string, string>(order.map((code) => [code, '']));
  all.forEach((group, i) => {
    for (const code of group) if (letters.has(code)) letters.set(code, letters.get(code)! + letterOf(i));
  });
  return letters;
}
