import type { surveyWordsZhCN } from './survey-words.zh-CN.ts';

/** Interface texts of the survey pages in plain words, in English: exactly the keys of the Chinese file. */
export const surveyWordsEn: Record<keyof typeof surveyWordsZhCN, string> = {
  'words.term.RR1': 'Response rate',
  'words.term.RR1.hint': 'Of the numbers called, the share that gave a complete interview. Numbers never reached all count in the base, so this is the most cautious figure.',
  'words.term.RR3': 'Estimated response rate',
  'words.term.RR3.hint': 'As the response rate, but numbers that could never be confirmed count in the base only by the estimated eligible share e.',
  'words.term.COOP1': 'Cooperation rate',
  'words.term.COOP1.hint': 'Of the people reached who belong to the survey, the share that completed the interview: how willing respondents are.',
  'words.term.REF1': 'Refusal rate',
  'words.term.REF1.hint': 'The share that refused or hung up midway (same base as the response rate).',
  'words.term.CON1': 'Contact rate',
  'words.term.CON1.hint': 'Of the numbers called, the share where someone was reached (same base as the response rate).',
  'words.term.e': 'Share of unconfirmed numbers assumed eligible',
  'words.term.e.hint': 'Of the numbers that could never be confirmed (never answered and the like), the share taken to belong to the survey; used only for the estimated response rate (RR3).',
  'words.term.holm': 'Multiple-comparison correction',
  'words.term.holm.hint': 'Comparing many pairs of townships at once makes a "significant" difference by chance more likely; the Holm method tightens the test to match, so chance differences are not taken for real ones.',
  'words.term.wilson': 'Interval for a proportion',
  'words.term.wilson.hint': 'The 95% interval of a rate such as the satisfaction rate: the true rate lies in it with 95% confidence. The Wilson method stays reliable with small samples and rates near 0% or 100%.',
  'words.term.formula': 'Formula: ',
  'words.term.more': 'What is this?',

  'words.results.rankingMethod': '{of} townships ranked; every pair of townships compared (z-test, significance level {alpha}), with a {holm}.',
  'words.results.methodRates': 'Rates (satisfied, dissatisfied, awareness, visited): of valid answers ("don\'t know" left out); intervals: {wilson}.',
  'words.results.nothingRanked': 'Fewer than two townships have enough answers yet, so there is no ranking to compare.',
  'words.results.allDistinct': 'Between townships next to each other in the ranking, every difference in the index is larger than the sampling error, so the order can be relied on.',
  'words.results.noResultsYet': 'No interviews have been completed in this wave yet, so there are no results.',

  'words.term.withCode': '{label} ({code})',
  'words.e.title': 'Eligible share used by the estimated response rate',
  'words.e.explain': 'Of the numbers that could never be confirmed (never answered and the like), the share taken to belong to the survey. By default it is worked out from the numbers that were confirmed; drag the slider to see the estimated response rate (RR3) with another share, and a supervisor can store it for the wave.',

  'words.wave.adjust': 'Adjust fieldwork',
  'words.wave.adjustTitle': 'Adjust fieldwork: {name}',
  'words.wave.adjustExplain': 'While fieldwork runs, only the end date, the calling hours and the maximum number of calls per number can change; the next case handed out follows the new settings. The questionnaire, the sample and the sampling settings stay as they are. Every change is recorded in the audit log.',
  'words.wave.endsOn': 'End date',
  'words.wave.endsOnHint': 'Not before today or the start date ({startsOn}).',
  'words.wave.maxAttemptsHint': 'Not below the most calls already made to one number. Raising it lets numbers still open be called again; numbers already closed at the old limit stay closed.',
  'words.wave.adjusted': 'Fieldwork adjusted; it applies from the next case',
  'words.wave.runningHint': 'While fieldwork runs, the end date, calling hours and maximum calls can change ("Adjust fieldwork"); the other settings are fixed.',
};
