/**
 * The outcome picker's order: AAPOR dispositions (from GET /api/fieldwork/dispositions) grouped
 * the way an interviewer thinks of a call (完成 / 拒访 / 未接通 / 不合格 …), the temporary
 * outcomes of one attempt before the final ones in each group.
 */
import type { TDispositionInfo } from '../../../shared/schemas/survey-fieldwork.ts';
import type { MessageKey } from '../../i18n/index.tsx';

export type OutcomeSection = 'complete' | 'refusal' | 'nonContact' | 'notReached' | 'other' | 'notEligible';

/** AAPOR outcome group → the picker's section. */
const SECTION_OF: Record<TDispositionInfo['group'], OutcomeSection> = {
  I: 'complete',
  P: 'complete',
  R: 'refusal',
  NC: 'nonContact',
  UH: 'notReached',
  UO: 'notReached',
  O: 'other',
  NE: 'notEligible',
};

export const SECTIONS: readonly OutcomeSection[] = ['complete', 'notReached', 'nonContact', 'refusal', 'other', 'notEligible'];

export const sectionLabel = (section: OutcomeSection): MessageKey => `fieldwork.outcome.section.${section}`;

/** The code of a complete interview (needs the script to have reached its end). */
export const COMPLETE = '1.1';
/** No eligible respondent: what a screened-out interview is recorded as. */
export const NOT_ELIGIBLE = '4.70';

/**
 * The dispositions by section, temporary outcomes first, then by code.
 *
 * @example
 * groupDispositions(items).find((g) => g.section === 'notReached')?.items[0]?.code; // 'T3.12'
 */
export function groupDispositions(items: readonly TDispositionInfo[]): { section: OutcomeSection; items: TDispositionInfo[] }[] {
  const number = (code: string) => code.replace(/^T/, '').split('.').map(Number);
  const byCode = (a: TDispositionInfo, b: TDispositionInfo) => {
    if (a.final !== b.final) return a.final ? 1 : -1;
    const [x, y] = [number(a.code), number(b.code)];
    return x[0]! - y[0]! || x[1]! - y[1]!;
  };
  return SECTIONS.map((section) => ({ section, items: items.filter((d) => SECTION_OF[d.group] === section).sort(byCode) })).filter((g) => g.items.length > 0);
}

/** What the picker needs beside the code: a scheduled code needs an appointment, other temporary codes may take a callback time. */
export function timeFieldOf(d: TDispositionInfo | undefined): 'appointment' | 'callback' | null {
  if (!d || d.final || !d.retry) return null;
  return d.retry.kind === 'scheduled' ? 'appointment' : 'callback';
}
