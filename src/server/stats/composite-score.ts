import { rankEstimates, type RankedItem } from './ranking.ts';
import type { WaveEstimate } from './wave-change.ts';

/**
 * How a component's figure becomes points out of 100 (考核计分):
 * - `fixed`: linear between a worst and a best value set in the scheme (best may be below worst,
 *   e.g. a dissatisfaction rate: 0.30 → 0 points, 0.05 → 100), clamped to 0–100;
 * - `relative`: linear between the lowest and the highest township of the period (the best gets
 *   100, the worst 0); `higherIsBetter` says which end is best.
 */
export type ComponentScaling = { kind: 'fixed'; worst: number; best: number } | { kind: 'relative'; higherIsBetter: boolean };

export interface CompositeComponent {
  key: string;
  /** Share of the composite, 0–1; the weights of a scheme add up to 1. */
  weight: number;
  scaling: ComponentScaling;
}

export interface CompositeTownship {
  id: string;
  /** Each component's figure with its standard error (0 for figures without sampling error); null when the township has no data for it. */
  values: Readonly<Record<string, WaveEstimate | null | undefined>>;
  /** Bonus and penalty points entered by hand (加减分), added after weighting. */
  adjustment?: number;
}

export interface CompositeOptions {
  components: readonly CompositeComponent[];
  townships: readonly CompositeTownship[];
  /** Family-wise level of the ranking's comparisons, default 0.05. */
  alpha?: number;
}

export interface ComponentPoints {
  points: number;
  standardError: number;
}

export interface CompositeItem extends RankedItem {
  components: Record<string, ComponentPoints>;
  adjustment: number;
}

/** A township lacks a component's figure: the scheme cannot be computed until it is entered or the component dropped. */
export class MissingComponentError extends Error {
  constructor(readonly missing: readonly { township: string; component: string }[]) {
    super(`no data for ${missing.map((m) => `${m.component} of ${m.township}`).join(', ')}`);
    this.name = 'MissingComponentError';
  }
}

const WEIGHT_TOLERANCE = 1e-9;

function linearPoints(value: WaveEstimate, worst: number, best: number): ComponentPoints {
  if (best === worst) return { points: 100, standardError: 0 };
  const raw = (100 * (value.estimate - worst)) / (best - worst);
  // Beyond the range the points are pinned at the bound and a small sampling error moves nothing.
  if (raw <= 0) return { points: 0, standardError: 0 };
  if (raw >= 100) return { points: 100, standardError: 0 };
  return { points: raw, standardError: (100 * value.standardError) / Math.abs(best - worst) };
}

/**
 * Each township's composite score (综合得分) from its components' figures, with a standard error
 * carried from the survey components (scaling is linear, so se scales with it; the weighted sum's
 * se is √Σ w²·se², components being independent samples or exact counts), then ranked with the
 * survey's own rule: a pairwise z-test with Holm's adjustment tells which places the uncertainty
 * cannot separate (`notSignificantlyDifferent`, `bestRank`–`worstRank`).
 *
 * Throws RangeError for weights that do not add up to 1 and `MissingComponentError` naming every
 * township and component without a figure.
 *
 * @example
 * compositeScores({
 *   components: [{ key: 'index', weight: 0.6, scaling: { kind: 'fixed', worst: 60, best: 100 } }, { key: 'resolution', weight: 0.4, scaling: { kind: 'fixed', worst: 0.5, best: 1 } }],
 *   townships: [{ id: 'a', values: { index: { estimate: 90, standardError: 2 }, resolution: { estimate: 0.9, standardError: 0 } } }],
 * }).items[0];
 * // => { id: 'a', estimate: 77, standardError: 3, rank: 1 }
 */
export function compositeScores(options: CompositeOptions): { items: CompositeItem[] } {
  const { components, townships, alpha } = options;
  const total = components.reduce((sum, c) => sum + c.weight, 0);
  if (components.length === 0 || components.some((c) => !(c.weight >= 0 && c.weight <= 1)) || Math.abs(total - 1) > WEIGHT_TOLERANCE) {
    throw new RangeError(`the weights must each lie in 0–1 and add up to 1, got ${total}`);
  }
  const missing = townships.flatMap((t) => components.filter((c) => !t.values[c.key]).map((c) => ({ township: t.id, component: c.key })));
  if (missing.length > 0) throw new MissingComponentError(missing);

  const range = new Map<string, { worst: number; best: number }>();
  for (const c of components) {
    if (c.scaling.kind === 'fixed') {
      range.set(c.key, { worst: c.scaling.worst, best: c.scaling.best });
    } else {
      const estimates = townships.map((t) => t.values[c.key]!.estimate);
      const low = Math.min(...estimates);
      const high = Math.max(...estimates);
      range.set(c.key, c.scaling.higherIsBetter ? { worst: low, best: high } : { worst: high, best: low });
    }
  }
  const scored = townships.map((t) => {
    const points: Record<string, ComponentPoints> = {};
    let estimate = t.adjustment ?? 0;
    let variance = 0;
    for (const c of components) {
      const { worst, best } = range.get(c.key)!;
      const p = linearPoints(t.values[c.key]!, worst, best);
      points[c.key] = p;
      estimate += c.weight * p.points;
      variance += (c.weight * p.standardError) ** 2;
    }
    return { id: t.id, estimate, standardError: Math.sqrt(variance), components: points, adjustment: t.adjustment ?? 0 };
  });
  const ranking = rankEstimates({ items: scored.map(({ id, estimate, standardError }) => ({ id, estimate, standardError })), ...(alpha === undefined ? {} : { alpha }) });
  const byId = new Map(scored.map((s) => [s.id, s]));
  return { items: ranking.items.map((r) => ({ ...r, components: byId.get(r.id)!.components, adjustment: byId.get(r.id)!.adjustment })) };
}
