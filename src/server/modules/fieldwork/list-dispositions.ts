/** The AAPOR dispositions the workstation offers, with their retry rules, in both languages. */
import type { TDispositionInfo } from '../../../shared/schemas/survey-fieldwork.ts';
import { DISPOSITIONS } from '../../stats/index.ts';

/**
 * @example
 * listDispositions().items.find((d) => d.code === 'T3.13')?.retry; // { kind: 'after', minMinutes: 60, maxMinutes: 120 }
 */
export function listDispositions(): { items: TDispositionInfo[] } {
  return {
    items: DISPOSITIONS.map((d) => ({ code: d.code, group: d.group, final: d.final, finalCode: d.finalCode, retry: d.retry, needsDial: d.needsDial, label: { 'zh-CN': d.zh, en: d.en } })),
  };
}
