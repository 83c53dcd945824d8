/**
 * The tile map's colour scale: five steps from red (worse) to green (better) between the lowest
 * and highest value of the chosen metric among the townships; a tile without a figure is grey
 * and hatched.
 */
import type { TTileMetric } from '../../../shared/dashboard/dashboard-schemas.ts';

export const SCALE = ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'] as const;
export const NO_DATA = 'repeating-linear-gradient(45deg, #d9d9d9 0 6px, #f5f5f5 6px 12px)';

/** Whether a higher figure is better: not for dissatisfaction and task counts. */
export const HIGHER_IS_BETTER: Record<TTileMetric, boolean> = {
  index: true,
  dissatisfaction: false,
  response: true,
  resolution: true,
  satisfaction: true,
  coverage: true,
  openTasks: false,
  overdueTasks: false,
  awareness: true,
};

/** Shares are shown as percentages, the index on its 0–100 scale, tasks as counts. */
export const METRIC_KIND: Record<TTileMetric, 'index' | 'share' | 'count'> = {
  index: 'index',
  dissatisfaction: 'share',
  response: 'share',
  resolution: 'share',
  satisfaction: 'share',
  coverage: 'share',
  openTasks: 'count',
  overdueTasks: 'count',
  awareness: 'share',
};

/**
 * The colour step of a value between min and max (all values equal: the middle step).
 *
 * @example
 * tileStep(80, 60, 80, true); // => 4
 * tileStep(80, 60, 80, false); // => 0
 */
export function tileStep(value: number, min: number, max: number, higherIsBetter: boolean): number {
  const share = max === min ? 0.5 : (value - min) / (max - min);
  const step = Math.min(SCALE.length - 1, Math.floor((higherIsBetter ? share : 1 - share) * SCALE.length));
  return Math.max(0, step);
}

export function formatMetric(metric: TTileMetric, value: number | null): string {
  if (value === null) return '—';
  const kind = METRIC_KIND[metric];
  return kind === 'share' ? `${(value * 100).toFixed(1)}%` : kind === 'index' ? value.toFixed(1) : String(value);
}
