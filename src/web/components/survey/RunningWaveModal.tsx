import { Alert, DatePicker, Form, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TWave } from '../../../shared/schemas/survey.ts';
import { localDate } from '../../../shared/time.ts';
import { surveyApi } from '../../../shared/api/survey.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FormModal } from '../FormModal.tsx';
import { CallingHoursList } from './WaveFormModal.tsx';

interface RunningWaveValues {
  endsOn: string;
  callingHours: { from: string; to: string }[];
  maxAttempts: number;
}

const dateProps = {
  getValueProps: (value: unknown) => ({ value: typeof value === 'string' ? dayjs(value) : value }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};

/**
 * 调整实施安排: what a supervisor may still change once fieldwork runs — the end date, the
 * calling hours and the maximum calls per number (PATCH /api/survey/waves/:id). The server checks
 * the end date against today and the start, and the maximum against the calls already made;
 * its issues land on the fields.
 */
export function RunningWaveModal({ wave, onClose, onDone }: { wave: TWave; onClose(): void; onDone(w: TWave): void }) {
  const { t } = useI18n();
  const earliest = [localDate(), wave.startsOn].sort()[1]!;
  return (
    <FormModal<RunningWaveValues>
      nestedIssues
      title={t('words.wave.adjustTitle', { name: wave.name })}
      width={560}
      okText={t('common.save')}
      initialValues={{ endsOn: wave.endsOn, callingHours: wave.callingHours, maxAttempts: wave.maxAttempts }}
      fields={['endsOn', 'callingHours', 'maxAttempts']}
      onClose={onClose}
      data-testid="running-wave-form"
      onSubmit={async (v) => {
        const body = { endsOn: v.endsOn, callingHours: v.callingHours.map((r) => ({ from: r.from.trim(), to: r.to.trim() })), maxAttempts: v.maxAttempts };
        onDone(await call(surveyApi.updateWave, { params: { id: wave.id }, body }));
      }}
    >
      <Alert type="info" showIcon title={t('words.wave.adjustExplain')} style={{ marginBottom: 16 }} />
      <Form.Item name="endsOn" label={t('words.wave.endsOn')} extra={t('words.wave.endsOnHint', { startsOn: wave.startsOn })} rules={[{ required: true, message: t('common.required') }]} {...dateProps}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') < earliest} data-testid="running-ends-on" />
      </Form.Item>
      <CallingHoursList />
      <Form.Item name="maxAttempts" label={t('survey.wave.maxAttempts')} extra={t('words.wave.maxAttemptsHint')} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
