/**
 * The questionnaire editor's form values back into a definition the API takes: hidden fields of
 * another kind or role dropped, empty optional texts removed, unset scores null.
 */
import type { TAnswerOption, TQuestion, TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';

/** What the form holds: the definition's shape, with fields possibly missing or empty while editing. */
export type DraftQuestion = Partial<Omit<TQuestion, 'options'>> & { options?: Partial<TAnswerOption>[] };
export type DraftDefinition = Partial<Omit<TQuestionnaireDefinition, 'questions'>> & { questions?: DraftQuestion[] };

const filled = (text: { 'zh-CN'?: string; en?: string } | undefined) => Boolean(text && ((text['zh-CN'] ?? '').trim() || (text.en ?? '').trim()));

function option(o: Partial<TAnswerOption>): TAnswerOption {
  return {
    id: (o.id ?? '').trim(),
    label: o.label ?? { 'zh-CN': '', en: '' },
    score: typeof o.score === 'number' ? o.score : null,
    excludedFromBase: Boolean(o.excludedFromBase),
    satisfied: Boolean(o.satisfied),
    dissatisfied: Boolean(o.dissatisfied),
    screensOut: Boolean(o.screensOut),
    ...(o.skipTo ? { skipTo: o.skipTo } : {}),
  };
}

/**
 * @example
 * normalizeDefinition(form.getFieldsValue(true).definition); // ready for PUT /api/survey/questionnaire-versions/:id
 */
export function normalizeDefinition(d: DraftDefinition): TQuestionnaireDefinition {
  const empty = { 'zh-CN': '', en: '' };
  return {
    title: d.title ?? empty,
    introduction: d.introduction ?? empty,
    closing: d.closing ?? empty,
    questions: (d.questions ?? []).map((q): TQuestion => {
      const kind = q.kind ?? 'single';
      const role = q.role ?? 'other';
      return {
        code: (q.code ?? '').trim(),
        kind,
        role,
        ...(role === 'domain' && q.domain ? { domain: q.domain } : {}),
        ...(role === 'awareness' && filled(q.policy) ? { policy: q.policy! } : {}),
        // The catalogue code has no field in the editor yet: kept as loaded, so saving a draft does not drop it.
        ...(role === 'awareness' && q.policyCode ? { policyCode: q.policyCode } : {}),
        text: q.text ?? empty,
        ...(filled(q.note) ? { note: q.note! } : {}),
        options: kind === 'single' ? (q.options ?? []).map(option) : [],
        required: q.required ?? true,
      };
    }),
  };
}

/** A code for a new question that the definition does not use yet: Q14, Q15, … */
export function nextQuestionCode(questions: readonly DraftQuestion[]): string {
  const used = new Set(questions.map((q) => q.code));
  for (let n = questions.length + 1; ; n++) if (!used.has(`Q${n}`)) return `Q${n}`;
}

/** Where an issue path points, for the list above the editor: the question's index, or null for the questionnaire as a whole. */
export function issueQuestionIndex(path: string): number | null {
  const match = /^definition\.questions\.(\d+)(\.|$)/.exec(path);
  return match ? Number(match[1]) : null;
}
