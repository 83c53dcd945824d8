/**
 * The interview in the browser: the answers and the position in the script, saved to the server
 * as the interview goes (PUT …/interview, one save at a time, each with a fresh submission id and
 * the revision of the last answer), so that a reload or a reconnect resumes where it stopped.
 * A save whose answer never came (network down) is sent again as it was, so the server records it
 * once; a save the server calls stale (another tab or a reconnect saved first) makes the case load
 * again from the server, which has everything that was saved. An optional open answer emptied is
 * taken back on the server too (`{ questionCode, clear: true }`).
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { fieldworkApi } from '../../../shared/api/fieldwork.ts';
import type { TAnswerInput, TFieldworkCase, TSaveInterviewRequest } from '../../../shared/schemas/survey-fieldwork.ts';
import { ApiError, call } from '../../api.ts';
import { nextPosition, previousPosition, resumePosition, walkPath, type LocalAnswer, type PathState, type Position } from './interviewPath.ts';
import { newSubmissionId } from './submissionId.ts';

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline';

/** A change not yet on the server: an answer given, or one taken back. */
type PendingAnswer = LocalAnswer | { clear: true };

interface InFlight {
  body: TSaveInterviewRequest;
  /** The local changes the body carries: an answer changed meanwhile stays pending. */
  sent: Map<string, PendingAnswer>;
}

interface Store {
  answers: Map<string, LocalAnswer>;
  /** Changes not yet on the server. */
  pending: Map<string, PendingAnswer>;
  /** Text being typed into open questions, not yet an answer. */
  drafts: Map<string, string>;
  position: Position;
  positionDirty: boolean;
  revision: number;
  saving: boolean;
  offline: boolean;
  retry: InFlight | null;
  chain: Promise<void>;
  /** False once the workspace is gone: late answers must not touch it. */
  alive: boolean;
}

function initialStore(c: TFieldworkCase): Store {
  const answers = new Map<string, LocalAnswer>();
  for (const a of c.interview?.answers ?? []) {
    if (a.optionId !== null) answers.set(a.questionCode, { optionId: a.optionId });
    else if (a.text !== null) answers.set(a.questionCode, { text: a.text });
  }
  return {
    answers,
    pending: new Map(),
    drafts: new Map(),
    position: resumePosition(c.questionnaire.definition, c.interview),
    positionDirty: false,
    revision: c.interview?.revision ?? 0,
    saving: false,
    offline: false,
    retry: null,
    chain: Promise.resolve(),
    alive: true,
  };
}

export interface InterviewModel {
  position: Position;
  /** The position right now, for key handlers that may run before the next render. */
  livePosition(): Position;
  answers: ReadonlyMap<string, LocalAnswer>;
  drafts: ReadonlyMap<string, string>;
  path: PathState;
  saveState: SaveState;
  choose(code: string, optionId: string): void;
  draft(code: string, text: string): void;
  /** Moves on; 'needs-answer' when the question is required and unanswered. */
  goOn(): 'moved' | 'needs-answer';
  goBack(): void;
  /** Sends what is not saved yet and waits; false when something could not be saved. */
  flush(): Promise<boolean>;
}

export interface InterviewOptions {
  fieldworkCase: TFieldworkCase;
  /**
   * A save the server refused (interview_stale, answer_invalid, case_not_yours, wave_closed …):
   * the workspace stops saving; the page loads the case again or lets it go.
   */
  onProblem(error: ApiError): void;
}

const RETRY_MS = 3000;

/**
 * The interview of one case held by the interviewer. Mount it afresh (React `key`) for every case
 * loaded from the server.
 *
 * @example
 * const interview = useInterview({ fieldworkCase, onProblem });
 * interview.choose('S1', 'yes'); interview.goOn();
 */
export function useInterview({ fieldworkCase, onProblem }: InterviewOptions): InterviewModel {
  const definition = fieldworkCase.questionnaire.definition;
  const caseId = fieldworkCase.id;
  const ref = useRef<Store | null>(null);
  if (!ref.current) ref.current = initialStore(fieldworkCase);
  const s = ref.current;
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const callbacks = useRef({ onProblem });
  callbacks.current = { onProblem };

  const currentQuestionOf = useCallback(
    (position: Position): string | null => {
      if (position.at === 'question') return position.code;
      if (position.at === 'end') return null;
      return walkPath(definition, s.answers).onPath[0] ?? null;
    },
    [definition, s],
  );

  const saveOnce = useCallback(async (): Promise<void> => {
    if (!s.alive) return;
    let flight = s.retry;
    if (!flight) {
      // Nothing to say at the intro before the first answer (null would mean "after the last question").
      if (!s.pending.size && (!s.positionDirty || s.position.at === 'intro')) {
        s.positionDirty = false;
        return;
      }
      const skipped = new Set(walkPath(definition, s.answers).skipped);
      const sent = new Map([...s.pending].filter(([code]) => !skipped.has(code)));
      const answers: TAnswerInput[] = [...sent].map(([questionCode, a]) =>
        'clear' in a ? { questionCode, clear: true } : 'optionId' in a ? { questionCode, optionId: a.optionId } : { questionCode, text: a.text },
      );
      flight = { sent, body: { submissionId: newSubmissionId(), baseRevision: s.revision, answers, currentQuestion: currentQuestionOf(s.position) } };
    }
    s.saving = true;
    rerender();
    try {
      const state = await call(fieldworkApi.saveInterview, { params: { id: caseId }, body: flight.body });
      if (!s.alive) return;
      s.retry = null;
      s.offline = false;
      s.revision = state.revision;
      for (const [code, answer] of flight.sent) if (s.pending.get(code) === answer) s.pending.delete(code);
      if (flight.body.currentQuestion === currentQuestionOf(s.position)) s.positionDirty = false;
      if (s.pending.size || s.positionDirty) void schedule();
    } catch (e) {
      if (!s.alive) return;
      const error = e instanceof ApiError ? e : new ApiError(0, 'network_error', '');
      if (error.status === 0 || error.status >= 500) {
        // The save may or may not have arrived: the same submission again is recorded once.
        s.retry = flight;
        s.offline = true;
        setTimeout(() => void schedule(), RETRY_MS);
        return;
      }
      s.retry = null;
      s.pending.clear();
      s.positionDirty = false;
      s.alive = false;
      callbacks.current.onProblem(error);
    } finally {
      if (s.alive) {
        s.saving = false;
        rerender();
      }
    }
    // `schedule` (below) is stable for the store's life, like everything this callback uses.
  }, [caseId, currentQuestionOf, definition, s]);

  const schedule = useCallback((): Promise<void> => {
    s.chain = s.chain.then(saveOnce, saveOnce);
    return s.chain;
  }, [s, saveOnce]);

  useEffect(() => {
    const online = () => void schedule();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
    };
  }, [schedule]);
  // When the workspace goes (another case), late answers belong to nobody.
  useEffect(() => {
    s.alive = true;
    return () => {
      s.alive = false;
    };
  }, [s]);

  /** Answers the skip logic no longer reaches are dropped, as the server drops them. */
  const prune = () => {
    for (const code of walkPath(definition, s.answers).skipped) {
      s.answers.delete(code);
      s.pending.delete(code);
      s.drafts.delete(code);
    }
  };

  const move = (to: Position) => {
    s.position = to;
    s.positionDirty = true;
    void schedule();
    rerender();
  };

  return {
    position: s.position,
    livePosition: () => s.position,
    answers: s.answers,
    drafts: s.drafts,
    path: walkPath(definition, s.answers),
    saveState: s.saving ? 'saving' : s.offline ? 'offline' : s.pending.size || (s.positionDirty && s.position.at !== 'intro') ? 'pending' : 'saved',
    choose(code, optionId) {
      const answer = { optionId };
      s.answers.set(code, answer);
      s.pending.set(code, answer);
      prune();
      rerender();
    },
    draft(code, text) {
      s.drafts.set(code, text);
      rerender();
    },
    goOn() {
      const position = s.position;
      if (position.at === 'end') return 'moved';
      if (position.at === 'question') {
        const question = definition.questions.find((q) => q.code === position.code);
        if (question?.kind === 'open') {
          const before = s.answers.get(question.code);
          const text = (s.drafts.get(question.code) ?? (before && 'text' in before ? before.text : '')).trim();
          if (text) {
            if (!before || !('text' in before) || before.text !== text) {
              const answer = { text };
              s.answers.set(question.code, answer);
              s.pending.set(question.code, answer);
            }
          } else if (question.required) {
            return 'needs-answer';
          } else if (before) {
            // Emptied: the earlier answer no longer stands, here or on the server.
            s.answers.delete(question.code);
            s.pending.set(question.code, { clear: true });
          }
        } else if (question?.required && !s.answers.has(question.code)) {
          return 'needs-answer';
        }
      }
      move(nextPosition(definition, s.answers, position));
      return 'moved';
    },
    goBack() {
      if (s.position.at === 'intro') return;
      move(previousPosition(definition, s.answers, s.position));
    },
    async flush() {
      await schedule();
      return s.alive && !s.offline && !s.retry && s.pending.size === 0;
    },
  };
}
