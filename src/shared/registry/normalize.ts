/**
 * What people type into spreadsheets: full-width digits and letters (１２３, ＡＢＣ), ideographic
 * and non-breaking spaces, stray spaces around and inside numbers. Normalised before validation.
 */

/**
 * Full-width ASCII (U+FF01–U+FF5E) to half-width, ideographic/no-break spaces to plain spaces,
 * trimmed, inner runs of white space collapsed.
 *
 * @example
 * normalizeText('\u3000张\u3000三 '); // '张 三' (ideographic spaces)
 * normalizeText('３７０９２１'); // '370921'
 */
export function normalizeText(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2002-\u200B\uFEFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A number-like field (ID number, phone): normalised, and every space, dash and dot dropped.
 *
 * @example
 * normalizeDigits(' 138 1234-5678 '); // '13812345678'
 * normalizeDigits('３７０９２１１９８００１０１００１Ｘ'); // '37092119800101001X'
 */
export function normalizeDigits(value: string): string {
  return normalizeText(value).replace(/[\s\-.]/g, '').toUpperCase();
}

/** A person's name: normalised; the inner spaces some people type between characters removed. */
export function normalizeName(value: string): string {
  const text = normalizeText(value);
  // Keep spaces in Latin names (e.g. minority or foreign names in Latin script); drop them between Han characters.
  return text.replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1');
}
