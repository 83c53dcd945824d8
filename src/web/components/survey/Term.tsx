import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { Fragment, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

/** The statisticians' terms the survey pages show, by the code specialists know them by. */
export type TermCode = 'RR1' | 'RR3' | 'COOP1' | 'REF1' | 'CON1' | 'e' | 'holm' | 'wilson';

const CODES: Record<TermCode, string> = { RR1: 'RR1', RR3: 'RR3', COOP1: 'COOP1', REF1: 'REF1', CON1: 'CON1', e: 'e', holm: 'Holm', wilson: 'Wilson' };
/** The AAPOR rates also have their formula (survey.rate.*), shown under the plain explanation. */
const FORMULAS: Partial<Record<TermCode, MessageKey>> = { RR1: 'survey.rate.RR1', RR3: 'survey.rate.RR3', COOP1: 'survey.rate.COOP1', REF1: 'survey.rate.REF1', CON1: 'survey.rate.CON1' };

/**
 * A term in plain words with its code kept for specialists and a (?) that explains it on hover
 * (or on tap, on a phone: the icon is focusable): 应答率（RR1）ⓘ.
 *
 * @example
 * <Statistic title={<Term code="RR1" />} value="42.0%" />
 */
export function Term({ code }: { code: TermCode }) {
  const { t } = useI18n();
  const formula = FORMULAS[code];
  const hint = (
    <span data-testid={`term-hint-${code}`}>
      {t(`words.term.${code}.hint`)}
      {formula && (
        <>
          <br />
          {t(formula)}
        </>
      )}
    </span>
  );
  return (
    <span data-testid={`term-${code}`} style={{ whiteSpace: 'normal' }}>
      {t('words.term.withCode', { label: t(`words.term.${code}`), code: CODES[code] })}
      <Tooltip title={hint}>
        <QuestionCircleOutlined tabIndex={0} role="img" aria-label={t('words.term.more')} style={{ marginInlineStart: 4, color: 'rgba(0,0,0,0.45)', cursor: 'help' }} />
      </Tooltip>
    </span>
  );
}

/**
 * A translated sentence with terms in it: `{holm}` in the text becomes <Term code="holm" />.
 *
 * @example
 * withTerms(t('words.results.methodRates')); // "…区间为" <Term code="wilson" /> "。"
 */
export function withTerms(text: string): ReactNode {
  return text.split(/\{(\w+)\}/).map((part, i) => (i % 2 === 1 && part in CODES ? <Term key={i} code={part as TermCode} /> : <Fragment key={i}>{part}</Fragment>));
}
