import { Alert } from 'antd';
import type { TDispositionInfo, TDispositionResult, TNextCaseResponse, TReturnedCase } from '../../../shared/schemas/survey-fieldwork.ts';
import type { ApiError, ApiIssue } from '../../api.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { shanghaiMinute, shanghaiWindow } from './time.ts';

export type Recorded = { result: TDispositionResult; code: string };
export type Returned = { masked: string; queue: TReturnedCase['queue'] };

/**
 * When calls may be made again, said as a sentence from the problem's structured members
 * (outside calling hours, before or after the wave's period); undefined for other problems.
 *
 * @example
 * whenCallsAgain(t, problem) ?? problem.issues;
 */
export function whenCallsAgain(t: Translate, p: ApiError): ApiIssue[] | undefined {
  if (p.code === 'outside_calling_hours') {
    const { nextWindow } = p.extensions;
    return [{ path: '', message: nextWindow ? t('fieldwork.next.nextWindow', { window: shanghaiWindow(nextWindow) }) : t('fieldwork.wave.noWindow') }];
  }
  if ((p.code === 'wave_not_started' || p.code === 'wave_ended') && p.extensions.period) {
    return [{ path: '', message: t('fieldwork.next.period', { from: p.extensions.period.startsOn, to: p.extensions.period.endsOn }) }];
  }
  return undefined;
}

/** What the workstation says between cases: the outcome just recorded, the case handed back, or why there is no case. */
export function WorkstationNotices({
  recorded,
  returned,
  empty,
  dispositions,
}: {
  recorded: Recorded | null;
  returned: Returned | null;
  empty: TNextCaseResponse['empty'];
  dispositions: TDispositionInfo[] | undefined;
}) {
  const { t, locale } = useI18n();
  const labelOf = (code: string | null) => {
    const found = dispositions?.find((d) => d.code === code);
    return found ? found.label[locale] : (code ?? '');
  };
  /** What becomes of the number after this outcome: ended, an appointment, or the next try. */
  const whatHappensNext = (result: { finalDisposition: string | null; appointmentAt: string | null; nextCallAt: string | null }) => {
    if (result.finalDisposition) return t('fieldwork.recorded.final', { outcome: labelOf(result.finalDisposition) });
    if (result.appointmentAt) return t('fieldwork.recorded.appointment', { time: shanghaiMinute(result.appointmentAt) });
    if (result.nextCallAt) return t('fieldwork.recorded.nextCall', { time: shanghaiMinute(result.nextCallAt) });
    return null;
  };
  return (
    <>
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
    </>
  );
}
