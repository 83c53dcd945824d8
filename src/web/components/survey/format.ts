/**
 * How survey figures are written for county and township officials: indexes and scores with one
 * decimal, rates as percentages with one decimal, the 95% interval beside them, and suppressed
 * cells as words, never as 0.
 */
import type { TEstimate } from '../../../shared/schemas/survey-results.ts';

/** An index or a score (0–100 scale): one decimal. */
export const formatIndex = (value: number) => value.toFixed(1);

/** A share in [0, 1] as a percentage with one decimal: 0.7236 → '72.4%'. */
export const formatPercent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** A count with thousands separators: 12345 → '12,345'. */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** An AAPOR rate (share, or null when its denominator is 0). */
export const formatRate = (share: number | null) => (share === null ? '—' : formatPercent(share));

export type FigureKind = 'index' | 'rate';

/** The number on the figure's own scale as it is displayed (indexes as is, rates × 100), for comparisons. */
const shown = (value: number, kind: FigureKind) => (kind === 'rate' ? value * 100 : value);

/**
 * An estimate's value as displayed, or null when suppressed.
 *
 * @example
 * formatValue({ suppressed: false, n: 80, estimate: 0.7236, … }, 'rate'); // '72.4%'
 */
export function formatValue(e: TEstimate, kind: FigureKind): string | null {
  if (e.suppressed) return null;
  return kind === 'rate' ? formatPercent(e.estimate) : formatIndex(e.estimate);
}

/**
 * The 95% interval as displayed: '± 2.2' when it is symmetric at the displayed precision (a t
 * interval), else the range '83.1–87.5' (Wilson intervals of rates, or a t interval clipped at
 * the end of the scale). Null when suppressed or without an interval.
 *
 * @example
 * formatInterval({ suppressed: false, n: 80, estimate: 85.3, interval: { lower: 83.1, upper: 87.5, confidence: 0.95 }, … }, 'index'); // '± 2.2'
 */
export function formatInterval(e: TEstimate, kind: FigureKind): string | null {
  if (e.suppressed || !e.interval) return null;
  const value = shown(e.estimate, kind);
  const lower = shown(e.interval.lower, kind);
  const upper = shown(e.interval.upper, kind);
  const below = Number((value - lower).toFixed(1));
  const above = Number((upper - value).toFixed(1));
  if (Math.abs(below - above) < 0.05) return `± ${below.toFixed(1)}${kind === 'rate' ? '%' : ''}`;
  return kind === 'rate' ? `${lower.toFixed(1)}%–${upper.toFixed(1)}%` : `${lower.toFixed(1)}–${upper.toFixed(1)}`;
}

/** A colour for a score on a 0–100 scale (red low, amber, green high), for heat-map cells. */
export function scoreColour(score: number): string {
  const x = Math.max(0, Math.min(100, score));
  // 40 and below: red; 90 and above: green; in between through amber.
  const t = Math.max(0, Math.min(1, (x - 40) / 50));
  const hue = Math.round(t * 120);
  return `hsl(${hue}, 70%, 88%)`;
}
