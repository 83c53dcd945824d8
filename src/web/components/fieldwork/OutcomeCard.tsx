import { Alert, Button, Card, DatePicker, Form, Input, Select, Tag, Typography, type RefSelectProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { TDispositionInfo, TRecordDispositionRequest } from '../../../shared/schemas/survey-fieldwork.ts';
import { ApiError } from '../../api.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { COMPLETE, groupDispositions, NOT_ELIGIBLE, sectionLabel, timeFieldOf } from './dispositions.ts';
import { ProblemAlert } from './ProblemAlert.tsx';
import { beforeShanghaiToday, shanghaiInstant } from './time.ts';

export interface OutcomeHandle {
  focusPicker(): void;
  focusSubmit(): void;
}

export type OutcomeInput = Omit<TRecordDispositionRequest, 'submissionId'>;

interface Props {
  dispositions: readonly TDispositionInfo[];
  /** The script reached its end with every required question answered: '1.1' may be recorded. */
  canComplete: boolean;
  /** A screening answer ended the interview: the outcome is 'not eligible'. */
  screenedOut: boolean;
  /** The script is at its end: the expected outcome is picked and the submit button takes the keys. */
  atEnd: boolean;
  /** This attempt has been dialled: only then may an outcome that says a call was made be recorded. */
  dialed: boolean;
  /** Records the outcome; throws ApiError to keep the card and show the server's explanation. */
  onSubmit(input: OutcomeInput): Promise<void>;
  handle: Ref<OutcomeHandle>;
}

/** "60–120 分钟", "2 天": the default delay before a temporary outcome's next attempt. */
function delayText(t: Translate, min: number, max: number) {
  const unit = (m: number) => (m % 1440 === 0 ? { n: m / 1440, key: 'fieldwork.outcome.days' as const } : m % 60 === 0 && m >= 60 ? { n: m / 60, key: 'fieldwork.outcome.hours' as const } : { n: m, key: 'fieldwork.outcome.minutes' as const });
  const a = unit(min);
  const b = unit(max);
  if (min === max) return t(a.key, { n: a.n });
  if (a.key === b.key) return t(a.key, { n: `${a.n}–${b.n}` });
  return `${t(a.key, { n: a.n })}–${t(b.key, { n: b.n })}`;
}

/**
 * The outcome of the attempt (访问结果): an AAPOR disposition picked from groups an interviewer
 * recognises, the appointment a scheduled code needs or an optional callback time (Asia/Shanghai),
 * and a note. Complete is offered only once the script has reached its end; every outcome but
 * "not attempted" only once the number has been dialled (the server refuses it before too).
 */
export function OutcomeCard({ dispositions, canComplete, screenedOut, atEnd, dialed, onSubmit, handle }: Props) {
  const { t, locale } = useI18n();
  const [code, setCode] = useState<string>();
  const [appointment, setAppointment] = useState<Dayjs | null>(null);
  const [callback, setCallback] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const [problem, setProblem] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const picker = useRef<RefSelectProps>(null);
  const submit = useRef<HTMLButtonElement>(null);

  useImperativeHandle(handle, () => ({ focusPicker: () => picker.current?.focus(), focusSubmit: () => submit.current?.focus() }), []);

  // At the end of the script the expected outcome is picked and Enter records it.
  useEffect(() => {
    if (!atEnd) return;
    if (canComplete) setCode(COMPLETE);
    else if (screenedOut) setCode(NOT_ELIGIBLE);
    submit.current?.focus();
  }, [atEnd, canComplete, screenedOut]);
  // Going back into the script takes "complete" away again.
  useEffect(() => {
    if (!canComplete && code === COMPLETE) setCode(undefined);
  }, [canComplete, code]);

  const chosen = dispositions.find((d) => d.code === code);
  const timeField = timeFieldOf(chosen);

  const record = async () => {
    setInvalid(undefined);
    setProblem(undefined);
    if (!chosen) return setInvalid(t('fieldwork.outcome.chooseCode'));
    if (chosen.needsDial && !dialed) return setInvalid(t('fieldwork.outcome.dialFirst'));
    if (chosen.code === COMPLETE && !canComplete) return setInvalid(t('fieldwork.outcome.completeNotYet'));
    if (timeField === 'appointment' && !appointment) return setInvalid(t('fieldwork.outcome.appointmentRequired'));
    const input: OutcomeInput = {
      code: chosen.code,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(timeField === 'appointment' && appointment ? { appointmentAt: shanghaiInstant(appointment) } : {}),
      ...(timeField === 'callback' && callback ? { callbackAt: shanghaiInstant(callback) } : {}),
    };
    setSubmitting(true);
    try {
      await onSubmit(input);
    } catch (e) {
      setProblem(e instanceof ApiError ? e : new ApiError(0, 'network_error', ''));
    } finally {
      setSubmitting(false);
    }
  };

  const options = groupDispositions(dispositions).map((group) => ({
    label: t(sectionLabel(group.section)),
    title: t(sectionLabel(group.section)),
    options: group.items.map((d) => ({
      value: d.code,
      search: `${d.code} ${d.label['zh-CN']} ${d.label.en}`,
      disabled: (d.code === COMPLETE && !canComplete) || (d.needsDial && !dialed),
      label: (
        <span data-testid={`outcome-${d.code}`}>
          {d.label[locale]} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.code}</Typography.Text>
          {!d.final && (
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              {t('fieldwork.outcome.retry')}
            </Tag>
          )}
        </span>
      ),
    })),
  }));

  return (
    <Card title={t('fieldwork.outcome.title')} extra={<kbd style={{ opacity: 0.7 }}>R</kbd>} data-testid="outcome">
      {problem && <ProblemAlert error={problem} testId="outcome-problem" />}
      {!dialed && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="outcome-dial-first">
          {t('fieldwork.outcome.dialFirst')}
        </Typography.Paragraph>
      )}
      {/* No <form>: Enter in the date picker or the search box must not record the outcome by itself. */}
      <Form layout="vertical" component={false} requiredMark={false}>
        <Form.Item label={t('fieldwork.outcome.code')} htmlFor="outcome-code" style={{ marginBottom: 12 }}>
          <Select
            id="outcome-code"
            ref={picker}
            value={code}
            onChange={(value: string) => {
              setCode(value);
              setInvalid(undefined);
            }}
            options={options}
            showSearch={{ optionFilterProp: 'search' }}
            placeholder={t('fieldwork.outcome.codeHint')}
            data-testid="outcome-code"
            listHeight={360}
          />
        </Form.Item>
        {chosen && !chosen.final && chosen.retry && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }} data-testid="outcome-retry">
            {chosen.retry.kind === 'scheduled'
              ? t('fieldwork.outcome.retryScheduled')
              : t('fieldwork.outcome.retryAfter', { delay: delayText(t, chosen.retry.minMinutes, chosen.retry.maxMinutes) })}
            {chosen.finalCode && ` ${t('fieldwork.outcome.becomesFinal', { outcome: dispositions.find((d) => d.code === chosen.finalCode)?.label[locale] ?? chosen.finalCode })}`}
          </Typography.Paragraph>
        )}
        {timeField && (
          <Form.Item
            label={t(timeField === 'appointment' ? 'fieldwork.outcome.appointmentAt' : 'fieldwork.outcome.callbackAt')}
            htmlFor="outcome-time"
            style={{ marginBottom: 12 }}
            extra={t('fieldwork.outcome.timeZone')}
          >
            <DatePicker
              id="outcome-time"
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              value={timeField === 'appointment' ? appointment : callback}
              onChange={(value) => (timeField === 'appointment' ? setAppointment(value) : setCallback(value))}
              disabledDate={beforeShanghaiToday}
              style={{ width: '100%' }}
              data-testid={timeField === 'appointment' ? 'appointment-at' : 'callback-at'}
            />
          </Form.Item>
        )}
        <Form.Item label={t('fieldwork.outcome.note')} htmlFor="outcome-note" style={{ marginBottom: 12 }}>
          <Input.TextArea id="outcome-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="outcome-note" />
        </Form.Item>
        {invalid && <Alert type="warning" showIcon title={invalid} role="alert" style={{ marginBottom: 12 }} data-testid="outcome-invalid" />}
        <Button ref={submit} type="primary" loading={submitting} onClick={() => void record()} block data-testid="record-outcome">
          {t('fieldwork.outcome.record')}
        </Button>
      </Form>
    </Card>
  );
}
