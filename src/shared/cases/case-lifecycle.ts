/**
 * The life of a case (办理流程), as data: which steps each status allows, who takes them, and where
 * they lead. Pure; the server's use cases check a step with `assertStep`-style calls on this
 * table and answer 409 `case_step_not_allowed` with `allowedSteps(status)` when it does not fit.
 *
 *   registered ──dispatch──► dispatched ──accept──► accepted ──note──► in_progress
 *        ▲                     │  │  ▲                 │                   │
 *        └──────return─────────┘  │  └──escalate───────┴───────────────────┤ (one level up:
 *                                 │                                        │  village → township
 *   resolved ◄──────resolve───────┴────────────────────────────────────────┘  → department)
 *      │ callback: solved ──► called_back ──close──► closed
 *      │ callback: not solved ──► dispatched again to the same unit (重办, reopened)
 *      └ close after N unanswered call-back attempts
 *   merge: any open status ──► merged (handled and counted once, in the case it joined)
 */
import { z } from 'zod';

export const CASE_STATUSES = ['registered', 'dispatched', 'accepted', 'in_progress', 'resolved', 'called_back', 'closed', 'merged'] as const;
export const ZCaseStatus = z.enum(CASE_STATUSES);
export type TCaseStatus = z.infer<typeof ZCaseStatus>;

/** Where a case came from (受理渠道). */
export const CASE_CHANNELS = ['window', 'phone', 'visit', 'survey', 'hotline_12345', 'open311', 'resident_page'] as const;
export const ZCaseChannel = z.enum(CASE_CHANNELS);
export type TCaseChannel = z.infer<typeof ZCaseChannel>;

/** The three levels of 三级联动. */
export const CASE_LEVELS = ['village', 'township', 'department'] as const;
export const ZCaseLevel = z.enum(CASE_LEVELS);
export type TCaseLevel = z.infer<typeof ZCaseLevel>;

/** The steps a person takes on a case (the deadline sweep's automatic escalation is not one). */
export const CASE_STEPS = ['dispatch', 'accept', 'note', 'resolve', 'escalate', 'return', 'callback', 'close', 'merge'] as const;
export const ZCaseStep = z.enum(CASE_STEPS);
export type TCaseStep = z.infer<typeof ZCaseStep>;

/**
 * Who takes a step: the dispatcher (派单人: the township admin for cases in the township, the county
 * admin for any case of the county), or the unit the case is assigned to (承办单位: the village's
 * cadres, the township admin, the department's handlers).
 */
export const STEP_TAKER: Record<TCaseStep, 'dispatcher' | 'unit'> = {
  dispatch: 'dispatcher',
  accept: 'unit',
  note: 'unit',
  resolve: 'unit',
  escalate: 'unit',
  return: 'unit',
  callback: 'dispatcher',
  close: 'dispatcher',
  merge: 'dispatcher',
};

const OPEN: readonly TCaseStatus[] = ['registered', 'dispatched', 'accepted', 'in_progress'];

/** The statuses each step may start from. */
export const STEP_FROM: Record<TCaseStep, readonly TCaseStatus[]> = {
  dispatch: ['registered', 'dispatched', 'accepted', 'in_progress'], // from a unit: the dispatcher re-routes (改派)
  accept: ['dispatched'],
  note: ['accepted', 'in_progress'],
  resolve: ['accepted', 'in_progress'],
  escalate: ['dispatched', 'accepted', 'in_progress'],
  return: ['dispatched', 'accepted'],
  callback: ['resolved'],
  close: ['resolved', 'called_back'], // from resolved only after the allowed unanswered call-back attempts
  merge: OPEN,
};

/**
 * The status a step leads to. `callback` depends on the resident's answer (solved → called_back,
 * not solved → dispatched again, 重办; an unanswered attempt leaves it resolved); `escalate`
 * leads to dispatched (the level above) or registered when the level above has to choose the unit.
 *
 * @example
 * nextStatus('accepted', 'resolve'); // 'resolved'
 * nextStatus('resolved', 'callback', { solved: false }); // 'dispatched'
 */
export function nextStatus(from: TCaseStatus, step: TCaseStep, outcome: { solved?: boolean | null; dispatchedUp?: boolean } = {}): TCaseStatus {
  switch (step) {
    case 'dispatch':
      return 'dispatched';
    case 'accept':
      return 'accepted';
    case 'note':
      return 'in_progress';
    case 'resolve':
      return 'resolved';
    case 'escalate':
      return outcome.dispatchedUp === false ? 'registered' : 'dispatched';
    case 'return':
      return 'registered';
    case 'callback':
      if (outcome.solved === true) return 'called_back';
      if (outcome.solved === false) return 'dispatched';
      return from;
    case 'close':
      return 'closed';
    case 'merge':
      return 'merged';
  }
}

/**
 * The steps a status allows (for the 409 answer and the buttons on the case page).
 *
 * @example
 * allowedSteps('dispatched'); // ['dispatch', 'accept', 'escalate', 'return', 'merge']
 */
export function allowedSteps(status: TCaseStatus): TCaseStep[] {
  return CASE_STEPS.filter((step) => STEP_FROM[step].includes(status));
}

/** Whether a step may start from a status. */
export const isStepAllowed = (status: TCaseStatus, step: TCaseStep): boolean => STEP_FROM[step].includes(status);

/** Statuses of a case still being handled (for duplicates, workbench counts and the sweep). */
export const OPEN_CASE_STATUSES = OPEN;

/**
 * The level one step up from a unit's level (上报): a village's case goes to its township, a
 * township's to the county department responsible (or back to the county's dispatcher when the
 * category names none); a department is the top and cannot escalate.
 *
 * @example
 * escalationLevel('village'); // 'township'
 * escalationLevel('department'); // null
 */
export function escalationLevel(level: TCaseLevel): TCaseLevel | null {
  if (level === 'village') return 'township';
  if (level === 'township') return 'department';
  return null;
}
