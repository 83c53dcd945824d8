import { PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Skeleton, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { fieldworkApi } from '../../shared/api/fieldwork.ts';
import type { TDispositionResult, TNextCaseResponse, TReturnedCase } from '../../shared/schemas/survey-fieldwork.ts';
import { call, type ApiError } from '../api.ts';
import { CaseWorkspace } from '../components/fieldwork/CaseWorkspace.tsx';
import { ProblemAlert } from '../components/fieldwork/ProblemAlert.tsx';
import { ShortcutHelp } from '../components/fieldwork/ShortcutHelp.tsx';
import { asApiError, useHeldCase } from '../components/fieldwork/useHeldCase.ts';
import { useShortcuts } from '../components/fieldwork/useShortcuts.ts';
import { WaveHours, WaveSelect } from '../components/fieldwork/WaveHours.tsx';
import { whenCallsAgain, WorkstationNotices, type Recorded, type Returned } from '../components/fieldwork/WorkstationNotices.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

/** Problems after which the case is no longer the interviewer's to work on. */
const LET_GO = new Set(['case_not_yours', 'wave_closed', 'wave_not_in_fieldwork', 'not_found']);
/** Problems after which the server's copy of the interview is the one to go on from. */
const RELOAD = new Set(['interview_stale', 'answer_invalid', 'validation_failed']);

/**
 * 电话访问: the interviewer workstation. "Next case" hands out one number (the server makes sure
 * to nobody else), the case's script is walked from the keyboard with the answers saved as it
 * goes, and the outcome is recorded as an AAPOR disposition. The case in hand is in the URL
 * (?case=ID, see useHeldCase), so a reload or a reconnect comes back to it and to the question it
 * stopped at.
 */
export function WorkstationPage() {
  const { t } = useI18n();
  useTitle(t('fieldwork.title'));
  const { message } = App.useApp();
  const waves = useApi((signal) => call(fieldworkApi.listWaves, {}, { signal }), []);
  const dispositions = useApi((signal) => call(fieldworkApi.listDispositions, {}, { signal }), []);
  const [waveId, setWaveId] = useState<string>();
  const [asking, setAsking] = useState(false);
  const [empty, setEmpty] = useState<TNextCaseResponse['empty']>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [returned, setReturned] = useState<Returned | null>(null);
  const { held, loadingCase, show, letGo, loadCase } = useHeldCase(setProblem);
  const nextButton = useRef<HTMLButtonElement>(null);

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
      const answer = await call(fieldworkApi.nextCase, { body: waveId ? { waveId } : {} });
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

  const problemIssues = problem ? (whenCallsAgain(t, problem) ?? problem.issues) : undefined;

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
      <WorkstationNotices recorded={recorded} returned={returned} empty={empty} dispositions={dispositions.data?.items} />
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
