/**
 * What every detector of signs of gaming hands back: flag drafts with their evidence, which
 * townships it looked at, and the small helpers that write the evidence in both languages.
 */
import type { TGamingEvidence, TGamingSignal } from '../../../shared/assessment/gaming-schemas.ts';

/** Family-wise level of each detector's tests across the townships of a wave (Holm). */
export const GAMING_ALPHA = 0.05;

export type Text = { 'zh-CN': string; en: string };
export type Measure = TGamingEvidence['measures'][number];

export interface GamingFlagDraft {
  townshipCode: string;
  signal: TGamingSignal;
  severity: 'watch' | 'review';
  evidence: TGamingEvidence;
}

/** A township the detectors looked at, or why they did not. */
export interface TownshipAssessment {
  townshipCode: string;
  assessed: boolean;
  /** Why not assessed: too few interviews in this wave or the previous one, or no previous wave. */
  reason: 'too_few_interviews' | 'no_previous_wave' | null;
}

/** '12.5%' for 0.125, '—' for null. */
export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
/** '84.3' for 84.31, '—' for null. */
export const num = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));
/** A text in both languages. */
export const L = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });
export const PREV = L('本乡镇上一轮', 'this township, previous wave');
export const REST = L('全县其他乡镇（本轮）', 'rest of the county, this wave');
/** One measure of a flag's evidence: what it is, and the township's figure against its reference. */
export const measure = (key: string, label: Text, figures: Omit<Measure, 'key' | 'label'>): Measure => ({ key, label, ...figures });
