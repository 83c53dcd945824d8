/**
 * Pure statistics of the satisfaction telephone survey: sample allocation, interval estimates,
 * stratified county figures, AAPOR outcome rates, rankings with their uncertainty, scoring and
 * small-cell suppression, a township against the rest of its county. No I/O; every function is deterministic.
 */
export { allocateSample } from './allocation.ts';
export type { AllocationMethod, AllocationOptions, AllocationResult, AllocationStratum, StratumAllocation } from './allocation.ts';
export { AAPOR_GROUPS, DISPOSITIONS, countDispositions, dispositionGroup, findDisposition } from './aapor-dispositions.ts';
export type { AaporGroup, Disposition, DispositionCounts, RetryDelay } from './aapor-dispositions.ts';
export { aaporRates, estimateEligibility } from './aapor-rates.ts';
export type { AaporRates } from './aapor-rates.ts';
export { DEFAULT_CONFIDENCE } from './interval.ts';
export type { ConfidenceInterval } from './interval.ts';
export { assertConfidence, normalCdf, normalQuantile, normalUpperTail, twoSidedZ } from './normal.ts';
export { adjustPValues, rankEstimates } from './ranking.ts';
export type { MultipleComparisonAdjustment, PairComparison, RankItem, RankOptions, RankedItem, Ranking } from './ranking.ts';
export { respondentIndex, scoreAnswer, summarizeAnswers, validateScale } from './satisfaction-score.ts';
export type { Answer, AnswerOption, AnswerScale, QuestionSummary } from './satisfaction-score.ts';
export { erfc, logGamma, regularizedGammaQ, regularizedIncompleteBeta, regularizedIncompleteBetaXY } from './special-functions.ts';
export { stratifiedMean, stratifiedProportion } from './stratified-estimate.ts';
export type { StratifiedEstimate, StratifiedIntervalMethod, StratifiedOptions, StratumMean, StratumProportion } from './stratified-estimate.ts';
export { studentTCdf, studentTQuantile, twoSidedT } from './student-t.ts';
export { MIN_REPORTABLE_N, isReleased, suppressSmall } from './suppression.ts';
export type { Released, Reportable, Suppressed } from './suppression.ts';
export { tInterval, tIntervalFromSummary } from './t-interval.ts';
export type { MeanEstimate, MeanSummary, TIntervalOptions } from './t-interval.ts';
export { wilsonInterval } from './wilson.ts';
export type { ProportionEstimate, WilsonOptions } from './wilson.ts';
export { compareWaves } from './wave-change.ts';
export type { CompareWavesOptions, WaveChange, WaveChangeVerdict, WaveEstimate } from './wave-change.ts';
export { MissingComponentError, compositeScores } from './composite-score.ts';
export type { ComponentPoints, ComponentScaling, CompositeComponent, CompositeItem, CompositeOptions, CompositeTownship } from './composite-score.ts';
export { REST_OF_COUNTY_ALPHA, compareTownshipsWithRest, compareWithRest, judgeAgainstRest, restOfCounty } from './rest-of-county.ts';
export type { AreaFigure, JudgedComparison, NotComparedReason, RestComparison, RestOfCounty, RestVerdict, TownshipFigure } from './rest-of-county.ts';
