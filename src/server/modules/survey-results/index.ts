/**
 * The survey results module's front door: a wave's progress (AAPOR rates) and results (stratified,
 * suppressed, ranked), and the waves that have results.
 */
export { computeWaveResults } from './compute-wave-results.ts';
/** The survey's "cannot be told apart" groups, used as well by the cases' three-rate ranking. */
export { rankingGroups } from './compute-wave-results.ts';
export { loadWave, viewerOf } from './find-report-wave.ts';
export { resultsQuestionnaire } from './read-questionnaire.ts';
export type { ResultsViewer } from './find-report-wave.ts';
export { computeWaveProgress, getWaveProgress } from './get-wave-progress.ts';
export { listResultsWaves } from './list-results-waves.ts';
export { surveyResultsWorkbench } from './workbench.ts';
/** Tests and the benchmark start from a cold cache of closed waves' results with it. */
export { forgetWaveResults } from './wave-results-memo.ts';
export { warmClosedWaves } from './warm-closed-waves.ts';
