import { DeleteOutlined, FileDoneOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TWave } from '../../../shared/schemas/survey.ts';
import { localDate } from '../../../shared/time.ts';
import { surveyApi } from '../../../shared/api/survey.ts';
import { call } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';
import { FormModal } from '../FormModal.tsx';

export interface WaveFormValues {
  questionnaireVersionId: string;
  name: string;
  period: [string, string];
  callingHours: { from: string; to: string }[];
  maxAttempts: number;
  quotaOn: boolean;
  quota: { mobile: number; landline: number };
  allocation: 'proportional' | 'equal' | 'neyman';
  minPerTownship: number;
  targetCompletes: number;
  numbersPerComplete: number;
  replicateCount: number;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const ALLOCATIONS = ['proportional', 'equal', 'neyman'] as const;

/** The form's values as the API's wave settings (ZCreateWaveRequest / ZUpdateWaveRequest). */
export function waveRequest(v: WaveFormValues) {
  return {
    questionnaireVersionId: v.questionnaireVersionId,
    name: v.name.trim(),
    startsOn: v.period[0],
    endsOn: v.period[1],
    callingHours: v.callingHours.map((r) => ({ from: r.from.trim(), to: r.to.trim() })),
    maxAttempts: v.maxAttempts,
    phoneQuota: v.quotaOn ? { mobile: v.quota.mobile, landline: v.quota.landline } : null,
    allocation: v.allocation,
    minPerTownship: v.minPerTownship,
    targetCompletes: v.targetCompletes,
    numbersPerComplete: v.numbersPerComplete,
    replicateCount: v.replicateCount,
  };
}

/** A new wave's defaults: this quarter, the usual calling hours, mobile : landline = 6 : 4, 100 completes per township. */
export function defaultWaveValues(townships: number): Partial<WaveFormValues> {
  const today = dayjs(localDate());
  const quarter = Math.floor(today.month() / 3) + 1;
  return {
    // In words, as the demo's and the county's own waves are named (第四季度, never 第4季度).
    name: `${today.year()}年第${'一二三四'[quarter - 1]}季度群众满意度调查`,
    period: [today.format('YYYY-MM-DD'), today.add(30, 'day').format('YYYY-MM-DD')],
    callingHours: [
      { from: '09:00', to: '11:30' },
      { from: '14:00', to: '20:30' },
    ],
    maxAttempts: 5,
    quotaOn: true,
    quota: { mobile: 6, landline: 4 },
    allocation: 'proportional',
    minPerTownship: 50,
    targetCompletes: Math.max(1, townships) * 100,
    numbersPerComplete: 2.5,
    replicateCount: 5,
  };
}

/** A wave's stored settings as form values (to edit a draft). */
export function waveValues(w: TWave): WaveFormValues {
  return {
    questionnaireVersionId: w.questionnaireVersion.id,
    name: w.name,
    period: [w.startsOn, w.endsOn],
    callingHours: w.callingHours,
    maxAttempts: w.maxAttempts,
    quotaOn: w.phoneQuota !== null,
    quota: w.phoneQuota ?? { mobile: 6, landline: 4 },
    allocation: w.allocation,
    minPerTownship: w.minPerTownship,
    targetCompletes: w.targetCompletes,
    numbersPerComplete: w.numbersPerComplete,
    replicateCount: w.replicateCount,
  };
}

const periodProps = {
  getValueProps: (value: unknown) => ({ value: Array.isArray(value) ? value.map((d) => (typeof d === 'string' ? dayjs(d) : d)) : undefined }),
  normalize: (value: [Dayjs, Dayjs] | null) => (value ? value.map((d) => d.format('YYYY-MM-DD')) : undefined),
};

/** Published versions to choose from, with "use the standard questionnaire" when there is none yet. */
function VersionSelect({ value, onChange }: { value?: string; onChange?: (id: string) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const list = useApi((signal) => call(surveyApi.listQuestionnaires, undefined, { signal }), []);
  const [busy, setBusy] = useState(false);
  const options = (list.data?.items ?? []).flatMap((q) =>
    q.versions.filter((v) => v.status === 'published').map((v) => ({ value: v.id, label: `${locale === 'en' && q.nameEn ? q.nameEn : q.name} · ${t('survey.q.versionNo', { n: v.version })}` })),
  );
  const adoptStandard = async () => {
    setBusy(true);
    try {
      const q = await call(surveyApi.ensureStandardQuestionnaire);
      const published = q.versions.find((v) => v.status === 'published');
      list.reload();
      if (published) onChange?.(published.id);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select value={value} onChange={onChange} options={options} loading={list.loading} placeholder={t('survey.wave.pickVersion')} style={{ flex: 1 }} data-testid="version-select" />
      <Button icon={<FileDoneOutlined />} loading={busy} onClick={() => void adoptStandard()} data-testid="wave-use-standard">
        {t('survey.q.useStandard')}
      </Button>
    </Space.Compact>
  );
}

/** The calling hours as a list of ranges (Form.List "callingHours"), for a new wave, a draft or a running wave. */
export function CallingHoursList() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Text strong>{t('survey.wave.callingHours')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('survey.wave.callingHoursHint')}
      </Typography.Paragraph>
      <Form.List name="callingHours">
        {(fields, { add, remove }, { errors }) => (
          <div data-testid="calling-hours">
            {fields.map((field, i) => (
              <Space key={field.key} align="start" wrap style={{ marginBottom: 0 }}>
                <Form.Item name={[field.name, 'from']} rules={[{ required: true, pattern: CLOCK, message: t('survey.wave.clockRule') }]}>
                  <Input placeholder="09:00" style={{ width: 96 }} aria-label={t('survey.wave.rangeFrom', { n: i + 1 })} maxLength={5} />
                </Form.Item>
                <span style={{ lineHeight: '32px' }}>—</span>
                <Form.Item name={[field.name, 'to']} rules={[{ required: true, pattern: CLOCK_END, message: t('survey.wave.clockRule') }]}>
                  <Input placeholder="11:30" style={{ width: 96 }} aria-label={t('survey.wave.rangeTo', { n: i + 1 })} maxLength={5} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label={t('survey.wave.removeRange')} />
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            <Button size="small" icon={<PlusOutlined />} disabled={fields.length >= 6} onClick={() => add({ from: '', to: '' })} style={{ marginBottom: 16 }}>
              {t('survey.wave.addRange')}
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}

/**
 * Creates a wave (POST /api/survey/waves) or changes a draft's settings (PATCH): the published
 * questionnaire version, period, calling hours as a list of ranges, attempts, the phone quota and
 * the sampling settings. The server's issues land on their fields (e.g. callingHours.1.from).
 */
export function WaveFormModal({ wave, townships, onClose, onDone }: { wave?: TWave; townships: number; onClose(): void; onDone(w: TWave): void }) {
  const { t } = useI18n();
  return (
    <FormModal<WaveFormValues>
      nestedIssues
      title={wave ? t('survey.wave.editSettings') : t('survey.wave.create')}
      width={720}
      okText={wave ? t('common.save') : t('survey.wave.createOk')}
      initialValues={wave ? waveValues(wave) : defaultWaveValues(townships)}
      fields={['questionnaireVersionId', 'name', 'period', 'callingHours', 'maxAttempts', 'quota', 'allocation', 'minPerTownship', 'targetCompletes', 'numbersPerComplete', 'replicateCount']}
      rename={{ startsOn: 'period', endsOn: 'period', phoneQuota: 'quota' }}
      onClose={onClose}
      data-testid="wave-form"
      onSubmit={async (v) => {
        const body = waveRequest(v);
        onDone(wave ? await call(surveyApi.updateWave, { params: { id: wave.id }, body }) : await call(surveyApi.createWave, { body }));
      }}
    >
      <Form.Item name="questionnaireVersionId" label={t('survey.wave.questionnaire')} rules={[{ required: true, message: t('survey.wave.pickVersion') }]} extra={t('survey.wave.questionnaireHint')}>
        <VersionSelect />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('survey.wave.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="period" label={t('survey.wave.period')} rules={[{ required: true, message: t('common.required') }]} {...periodProps}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <CallingHoursList />
      <Row gutter={12}>
        <Col xs={12} md={8}>
          <Form.Item name="maxAttempts" label={t('survey.wave.maxAttempts')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={16}>
          <Form.Item label={t('survey.wave.phoneQuota')} extra={t('survey.wave.phoneQuotaHint')}>
            <Space wrap>
              <Form.Item name="quotaOn" valuePropName="checked" noStyle>
                <Switch aria-label={t('survey.wave.phoneQuota')} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.quotaOn !== b.quotaOn}>
                {({ getFieldValue }) =>
                  getFieldValue('quotaOn') && (
                    <Space size={4}>
                      <span>{t('survey.phone.mobile')}</span>
                      <Form.Item name={['quota', 'mobile']} noStyle rules={[{ required: true }]}>
                        <InputNumber min={0} max={100} precision={0} style={{ width: 64 }} aria-label={t('survey.phone.mobile')} />
                      </Form.Item>
                      <span>:</span>
                      <Form.Item name={['quota', 'landline']} noStyle rules={[{ required: true }]}>
                        <InputNumber min={0} max={100} precision={0} style={{ width: 64 }} aria-label={t('survey.phone.landline')} />
                      </Form.Item>
                      <span>{t('survey.phone.landline')}</span>
                    </Space>
                  )
                }
              </Form.Item>
            </Space>
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="allocation" label={t('survey.wave.allocation')}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={ALLOCATIONS.map((a) => ({ value: a, label: `${t(`survey.allocation.${a}`)} — ${t(`survey.allocationHint.${a}`)}` }))} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item name="targetCompletes" label={t('survey.wave.targetCompletes')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="minPerTownship" label={t('survey.wave.minPerTownship')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="numbersPerComplete" label={t('survey.wave.numbersPerComplete')} tooltip={t('survey.wave.numbersPerCompleteHint')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={50} step={0.1} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="replicateCount" label={t('survey.wave.replicateCount')} tooltip={t('survey.wave.replicateHint')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
