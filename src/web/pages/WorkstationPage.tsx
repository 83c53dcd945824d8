import { PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Skeleton, Space } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TDispositionInfo, TDispositionResult, TFieldworkCase, TFieldworkWave, TNextCaseResponse, TReturnedCase } from '../../shared/schemas/survey-fieldwork.ts';
import { api, ApiError, type ApiIssue } from '../api.ts';
import { CaseWorkspace } from '../components/fieldwork/CaseWorkspace.tsx';
import { ProblemAlert } from '../components/fieldwork/ProblemAlert.tsx';
import { ShortcutHelp } from '../components/fieldwork/ShortcutHelp.tsx';
import { shanghaiMinute, shanghaiWindow } from '../components/fieldwork/time.ts';
import { useShortcuts } from '../components/fieldwork/useShortcuts.ts';
import { WaveHours, WaveSelect } from '../components/fieldwork/WaveHours.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

/** Problems after which the case is no longer the interviewer's to work on. */
const LET_GO = new Set(['case_not_yours', 'wave_closed', 'wave_not_in_fieldwork', 'not_found']);
/** Problems after which the server's copy of the interview is the one to go on from. */
const RELOAD = new Set(['interview_stale', 'answer_invalid', 'validation_failed']);

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'network_error', ''));

/**
 * 电话访问: the interviewer workstation. "Next case" hands out one number (the server makes sure
 * to nobody else), the case's script is walked from the keyboard with the answers saved as it
 * goes, and the outcome is recorded as an AAPOR disposition. The case in hand is in the URL
 * (?case=ID), so a reload or a reconnect comes back to it and to the question it stopped at.
 */
export function WorkstationPage() {
  const { t, locale } = useI18n();
  useTitle(t('fieldwork.title'));
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const caseParam = params.get('case');
  const waves = useApi((signal) => api.get<{ items: TFieldworkWave[] }>('/api/fieldwork/waves', undefined, { signal }), []);
  const dispositions = useApi((signal) => api.get<{ items: TDispositionInfo[] }>('/api/fieldwork/dispositions', undefined, { signal }), []);
  const [waveId, setWaveId] = useState<string>();
  // `version` remounts the workspace whenever the case comes (again) from the server.
  const [held, setHeld] = useState<{ case: TFieldworkCase; version: number } | null>(null);
  const [loadingCase, setLoadingCase] = useState(false);
  const [asking, setAsking] = useState(false);
  const [empty, setEmpty] = useState<TNextCaseResponse['empty']>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [recorded, setRecorded] = useState<{ result: TDispositionResult; code: string } | null>(null);
  const [returned, setReturned] = useState<{ masked: string; queue: TReturnedCase['queue'] } | null>(null);
  const versions = useRef(0);
  const nextButton = useRef<HTMLButtonElement>(null);

  const show = useCallback(
    (c: TFieldworkCase) => {
      setHeld({ case: c, version: ++versions.current });
      setParams({ case: c.id }, { replace: true });
    },
    [setParams],
  );

  const letGo = useCallback(() => {
    setHeld(null);
    setParams({}, { replace: true });
  }, [setParams]);

  const loadCase = useCallback(
    async (id: string) => {
      setLoadingCase(true);
      try {
        show(await api.get<TFieldworkCase>(`/api/fieldwork/cases/${id}`));
        return true;
      } catch (e) {
        setProblem(asApiError(e));
        letGo();
        return false;
      } finally {
        setLoadingCase(false);
      }
    },
    [show, letGo],
  );

  // A reload (or a link) with ?case=ID: the case comes back from the server with its interview.
  useEffect(() => {
    if (caseParam && held?.case.id !== caseParam) void loadCase(caseParam);
    else if (!caseParam && held) setParams({ case: held.case.id }, { replace: true });
    // Only the address decides; `held` follows from it.
  }, [caseParam]);

  // After an outcome or a hand-back, "next case" takes Enter as well as N.
  useEffect(() => {
    if (recorded || returned) nextButton.current?.focus();
  }, [recorded, returned]);

  const next = async () => {
    if (held) {
      void message.info(t('fieldwork.next.recordFirst'));
      return;
    }
    if (asking) return;
    setAsking(true);
    setProblem(null);
    setEmpty(null);
    setReturned(null);
    try {
      const answer = await api.post<TNextCaseResponse>('/api/fieldwork/next-case', waveId ? { waveId } : {});
      setRecorded(null);
      if (answer.case) show(answer.case);
      else setEmpty(answer.empty);
    } catch (e) {
      setRecorded(null);
      setProblem(asApiError(e));
    } finally {
      setAsking(false);
    }
  };

  useShortcuts((key) => {
    if (key !== 'n') return false;
    void next();
    return true;
  });

  const onProblem = (error: ApiError) => {
    setProblem(error);
    if (LET_GO.has(error.code)) letGo();
    else if (RELOAD.has(error.code) && held) {
      void loadCase(held.case.id).then((ok) => ok && void message.warning(t('fieldwork.reloaded')));
    }
  };

  const onRecorded = (result: TDispositionResult, code: string) => {
    setProblem(null);
    setRecorded({ result, code });
    letGo();
  };

  const onReturned = (result: TReturnedCase) => {
    setProblem(null);
    setRecorded(null);
    setReturned({ masked: held?.case.phoneMasked ?? '', queue: result.queue });
    letGo();
  };

  if (waves.error && !waves.loading) return <LoadError error={waves.error} title={t('fieldwork.title')} onRetry={waves.reload} />;
  if (dispositions.error && !dispositions.loading) return <LoadError error={dispositions.error} title={t('fieldwork.title')} onRetry={dispositions.reload} />;

  /** What becomes of the number after this outcome: ended, an appointment, or the next try. */
  const whatHappensNext = (result: { finalDisposition: string | null; appointmentAt: string | null; nextCallAt: string | null }) => {
    if (result.finalDisposition) return t('fieldwork.recorded.final', { outcome: labelOf(result.finalDisposition) });
    if (result.appointmentAt) return t('fieldwork.recorded.appointment', { time: shanghaiMinute(result.appointmentAt) });
    if (result.nextCallAt) return t('fieldwork.recorded.nextCall', { time: shanghaiMinute(result.nextCallAt) });
    return null;
  };
  const labelOf = (code: string | null) => {
    const found = dispositions.data?.items.find((d) => d.code === code);
    return found ? found.label[locale] : (code ?? '');
  };
  // When calls may be made again, said as a sentence from the problem's structured members.
  const whenAgain = (p: ApiError): ApiIssue[] | undefined => {
    if (p.code === 'outside_calling_hours') {
      const { nextWindow } = p.extensions;
      return [{ path: '', message: nextWindow ? t('fieldwork.next.nextWindow', { window: shanghaiWindow(nextWindow) }) : t('fieldwork.wave.noWindow') }];
    }
    if ((p.code === 'wave_not_started' || p.code === 'wave_ended') && p.extensions.period) {
      return [{ path: '', message: t('fieldwork.next.period', { from: p.extensions.period.startsOn, to: p.extensions.period.endsOn }) }];
    }
    return undefined;
  };
  const problemIssues = problem ? (whenAgain(problem) ?? problem.issues) : undefined;

  return (
    <div data-testid="workstation-page" data-case-id={held?.case.id ?? ''}>
      <PageHeader
        title={t('fieldwork.title')}
        extra={
          <Space wrap>
            <WaveSelect waves={waves.data?.items ?? []} value={waveId} onChange={setWaveId} />
            <Button ref={nextButton} type="primary" icon={<PhoneOutlined />} loading={asking} disabled={Boolean(held)} onClick={() => void next()} data-testid="next-case">
              {t('fieldwork.next.button')} <kbd style={{ opacity: 0.7 }}>N</kbd>
            </Button>
          </Space>
        }
      />
      <ShortcutHelp />
      {waves.data && (waves.data.items.length ? <WaveHours waves={waves.data.items} /> : <Alert type="info" showIcon title={t('fieldwork.wave.none')} style={{ marginBottom: 16 }} data-testid="no-wave" />)}
      {problem && <ProblemAlert error={problem} {...(problemIssues ? { issues: problemIssues } : {})} onClose={() => setProblem(null)} />}
      {recorded && (
        <Alert
          type="success"
          showIcon
          role="status"
          data-testid="recorded"
          data-code={recorded.code}
          style={{ marginBottom: 16 }}
          title={t('fieldwork.recorded.title', { outcome: labelOf(recorded.code) })}
          description={
            <>
              {whatHappensNext(recorded.result)}{' '}
              {t('fieldwork.recorded.next')}
            </>
          }
        />
      )}
      {returned && (
        <Alert
          type="info"
          showIcon
          role="status"
          data-testid="returned"
          data-queue={returned.queue}
          style={{ marginBottom: 16 }}
          title={t('fieldwork.returned', { masked: returned.masked, queue: t(`fieldwork.case.reason.${returned.queue}`) })}
        />
      )}
      {empty && (
        <Alert
          type="info"
          showIcon
          data-testid="empty-state"
          data-reason={empty.reason}
          style={{ marginBottom: 16 }}
          title={empty.message[locale]}
          description={empty.nextCallAt ? t('fieldwork.next.nextCallAt', { time: shanghaiMinute(empty.nextCallAt) }) : undefined}
        />
      )}
      {held && dispositions.data ? (
        <CaseWorkspace key={held.version} fieldworkCase={held.case} dispositions={dispositions.data.items} onProblem={onProblem} onRecorded={onRecorded} onReturned={onReturned} />
      ) : loadingCase || (held && !dispositions.data) ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        !empty && !recorded && !returned && <Empty description={t('fieldwork.next.hint')} style={{ marginTop: 48 }} data-testid="no-case" />
      )}
    </div>
  );
}
