/** The city spot check's hand entry: the form's values as the API wants them, checked by the shared schema. */
import { ZCitySpotCheckInput, type CITY_FIGURES, type TCitySpotCheckInput } from '../../../shared/assessment/assessment-api-schemas.ts';
import type { MessageKey, Translate } from '../../i18n/index.tsx';

export type Figure = (typeof CITY_FIGURES)[number];
/** Rates are shares (0–1) in the API and percentages on the page; the index is 0–100 in both. */
export const isRate = (figure: Figure) => figure !== 'index';

export interface EntryForm {
  period?: [{ format(f: string): string }, { format(f: string): string }];
  figure?: Figure;
  estimate?: number | null;
  n?: number | null;
  lower?: number | null;
  upper?: number | null;
  source?: string;
  cityRank?: number | null;
  cityCounties?: number | null;
}

/** Which message a schema issue on a field gets, in the page's language (the schema's own are English). */
const ISSUE_MESSAGES: Record<string, MessageKey> = {
  periodEnd: 'spotCheck.rule.period',
  periodStart: 'spotCheck.rule.period',
  estimate: 'spotCheck.rule.estimate',
  lower: 'spotCheck.rule.interval',
  upper: 'spotCheck.rule.bothEnds',
  n: 'spotCheck.rule.positive',
  cityRank: 'spotCheck.rule.rank',
  cityCounties: 'spotCheck.rule.positive',
  source: 'common.required',
  figure: 'common.required',
};

/**
 * The hand entry as the API wants it (rates back from percent to a share), checked by the shared
 * schema; on failure the fields to mark with a message in the page's language.
 *
 * @example
 * checkEntry(t, { period: [d1, d2], figure: 'satisfaction', estimate: 92.5, source: '市联系服务办〔2026〕12号' });
 * // { ok: true, body: { …, estimate: 0.925 } }
 */
export function checkEntry(t: Translate, v: EntryForm): { ok: true; body: TCitySpotCheckInput } | { ok: false; fields: { name: keyof EntryForm; errors: string[] }[] } {
  const figure = v.figure;
  const scale = (x: number | null | undefined) => (x === null || x === undefined ? null : figure && isRate(figure) ? Math.round(x * 1e6) / 1e8 : x);
  const candidate = {
    periodStart: v.period?.[0].format('YYYY-MM-DD') ?? '',
    periodEnd: v.period?.[1].format('YYYY-MM-DD') ?? '',
    figure: figure ?? '',
    estimate: scale(v.estimate) ?? Number.NaN,
    n: v.n ?? null,
    lower: scale(v.lower),
    upper: scale(v.upper),
    source: v.source ?? '',
    cityRank: v.cityRank ?? null,
    cityCounties: v.cityCounties ?? null,
  };
  const parsed = ZCitySpotCheckInput.safeParse(candidate);
  if (parsed.success) return { ok: true, body: candidate as TCitySpotCheckInput };
  const byField = new Map<keyof EntryForm, string>();
  for (const issue of parsed.error.issues) {
    const head = String(issue.path[0] ?? '');
    const name = (head === 'periodStart' || head === 'periodEnd' ? 'period' : head) as keyof EntryForm;
    if (!byField.has(name)) byField.set(name, t(ISSUE_MESSAGES[head] ?? 'spotCheck.rule.invalid'));
  }
  return { ok: false, fields: [...byField].map(([name, message]) => ({ name, errors: [message] })) };
}

