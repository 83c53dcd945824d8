import { App, Col, Row } from 'antd';
import { useRef, useState } from 'react';
import { fieldworkApi } from '../../../shared/api/fieldwork.ts';
import type { TDispositionInfo, TDispositionResult, TFieldworkCase, TReturnedCase } from '../../../shared/schemas/survey-fieldwork.ts';
import { ApiError, call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CaseCard } from './CaseCard.tsx';
import { InterviewScript, optionsOf } from './InterviewScript.tsx';
import { pickByDigits } from './interviewPath.ts';
import { OutcomeCard, type OutcomeHandle, type OutcomeInput } from './OutcomeCard.tsx';
import { newSubmissionId } from './submissionId.ts';
import { openTelLink } from './telLink.ts';
import { useInterview } from './useInterview.ts';
import { useShortcuts } from './useShortcuts.ts';

/** Digits typed within this many milliseconds make one number (township 12 of 13). */
const DIGIT_PAUSE_MS = 1000;

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'network_error', ''));

interface Props {
  fieldworkCase: TFieldworkCase;
  dispositions: readonly TDispositionInfo[];
  /** Anything the server refused: the page shows it and keeps, reloads or lets go of the case. */
  onProblem(error: ApiError): void;
  onRecorded(result: TDispositionResult, code: string): void;
  /** The case went back to the queue undialled. */
  onReturned(result: TReturnedCase): void;
}

/**
 * One case in hand: the number and its history with the dial action, the script with its
 * answers saved as it goes, and the outcome. Mounted afresh for every case loaded from the
 * server. Keys: D dials, 1–9 answer, Enter goes on, ← / Backspace goes back, R jumps to the outcome,
 * T hands the case back (before dialling; asks first, Enter confirms).
 */
export function CaseWorkspace({ fieldworkCase, dispositions, onProblem, onRecorded, onReturned }: Props) {
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const interview = useInterview({ fieldworkCase, onProblem });
  const [dialedAt, setDialedAt] = useState(fieldworkCase.dialedAt);
  const [dialing, setDialing] = useState(false);
  const [returning, setReturning] = useState(false);
  const confirming = useRef(false);
  const [needsAnswer, setNeedsAnswer] = useState(false);
  const outcome = useRef<OutcomeHandle>(null);
  const digits = useRef({ buffer: '', at: 0 });
  // One outcome, one submission id: sent again unchanged after a lost answer, it is recorded once.
  const submission = useRef<{ key: string; id: string } | null>(null);
  const caseId = fieldworkCase.id;
  const { position, path } = interview;

  const dial = async () => {
    if (dialing) return;
    setDialing(true);
    try {
      const answer = await call(fieldworkApi.dialCase, { params: { id: caseId } });
      if (answer.kind === 'tel') openTelLink(answer.uri);
      setDialedAt(answer.dialedAt);
    } catch (e) {
      onProblem(asApiError(e));
    } finally {
      setDialing(false);
    }
  };

  const giveBack = async () => {
    setReturning(true);
    try {
      onReturned(await call(fieldworkApi.returnCase, { params: { id: caseId } }));
    } catch (e) {
      onProblem(asApiError(e));
    } finally {
      setReturning(false);
    }
  };

  /** Asks first: a case handed back may go to someone else at once. Enter confirms, Esc keeps it. */
  const askToReturn = () => {
    if (dialedAt || returning || confirming.current) return;
    confirming.current = true;
    void modal.confirm({
      title: t('fieldwork.return.confirm'),
      content: t('fieldwork.return.confirmHint'),
      okText: t('fieldwork.return.ok'),
      cancelText: t('common.cancel'),
      autoFocusButton: 'ok',
      okButtonProps: { 'data-testid': 'confirm-return' } as Record<string, string>,
      onOk: giveBack,
      afterClose: () => {
        confirming.current = false;
      },
    });
  };

  const goOn = () => {
    if (interview.livePosition().at === 'end') {
      outcome.current?.focusSubmit();
      return;
    }
    setNeedsAnswer(interview.goOn() === 'needs-answer');
  };

  const record = async (input: OutcomeInput) => {
    // The answers first: a complete is judged on what the server has.
    if (!(await interview.flush())) throw new ApiError(0, 'network_error', '');
    const key = JSON.stringify(input);
    if (submission.current?.key !== key) submission.current = { key, id: newSubmissionId() };
    try {
      const result = await call(fieldworkApi.recordDisposition, { params: { id: caseId }, body: { ...input, submissionId: submission.current.id } });
      onRecorded(result, input.code);
    } catch (e) {
      const error = asApiError(e);
      // 422s and "dial first" belong to the outcome card; a lost case or a closed wave is the page's business.
      if ((error.status === 409 && error.code !== 'not_dialled') || error.status === 404) onProblem(error);
      else throw error;
    }
  };

  useShortcuts((key) => {
    // The hand-back question is open: its own buttons take the keys (Enter, Esc).
    if (confirming.current) return false;
    if (key === 'd') {
      void dial();
      return true;
    }
    if (key === 'r') {
      outcome.current?.focusPicker();
      return true;
    }
    if (key === 't') {
      askToReturn();
      return true;
    }
    if (key === 'Enter') {
      goOn();
      return true;
    }
    if (key === 'Backspace' || key === 'ArrowLeft') {
      setNeedsAnswer(false);
      interview.goBack();
      return true;
    }
    const now = interview.livePosition();
    if (/^\d$/.test(key) && now.at === 'question') {
      const question = fieldworkCase.questionnaire.definition.questions.find((q) => q.code === now.code);
      if (!question || question.kind === 'open') return false;
      const options = optionsOf(question, fieldworkCase.questionnaire.townships, locale);
      const at = Date.now();
      const { choice, buffer } = pickByDigits(at - digits.current.at < DIGIT_PAUSE_MS ? digits.current.buffer : '', key, options.length);
      digits.current = { buffer, at };
      if (choice) {
        interview.choose(question.code, options[choice - 1]!.id);
        setNeedsAnswer(false);
      }
      return true;
    }
    return false;
  });

  const atEnd = position.at === 'end';
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <CaseCard fieldworkCase={fieldworkCase} dialedAt={dialedAt} dialing={dialing} onDial={() => void dial()} returning={returning} onReturn={askToReturn} />
      </Col>
      <Col xs={24} lg={15}>
        <InterviewScript fieldworkCase={fieldworkCase} interview={interview} needsAnswer={needsAnswer} onGoOn={goOn} />
        <OutcomeCard
          handle={outcome}
          dispositions={dispositions}
          canComplete={atEnd && !path.screenedOut && path.missing.length === 0 && interview.answers.size > 0}
          screenedOut={path.screenedOut}
          atEnd={atEnd}
          dialed={dialedAt !== null}
          onSubmit={record}
        />
      </Col>
    </Row>
  );
}

