/** Default confidence level of every interval in this module. */
export const DEFAULT_CONFIDENCE = 0.95;

/** A two-sided confidence interval at a stated level (0.95 for 95%). */
export interface ConfidenceInterval {
  lower: number;
  upper: number;
  confidence: number;
}
