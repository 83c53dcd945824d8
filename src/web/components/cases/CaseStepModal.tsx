import { Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { casesApi } from '../../../shared/api/cases.ts';
import { OPEN_CASE_STATUSES, type TCaseStep } from '../../../shared/cases/index.ts';
import { SATISFACTIONS, type TCaseDetail } from '../../../shared/schemas/cases.ts';
import { call } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { FormModal } from '../FormModal.tsx';
import { RegionPicker } from '../RegionPicker.tsx';
import { EvidenceUpload } from './EvidenceUpload.tsx';
import { useDepartmentOptions } from './useDepartmentOptions.ts';

interface StepValues {
  unitKind?: 'region' | 'department';
  regionCode?: string;
  departmentId?: string;
  note?: string;
  reason?: string;
  resolution?: string;
  files?: string[];
  outcome?: 'reached' | 'unreachable';
  solved?: 'yes' | 'no';
  satisfaction?: (typeof SATISFACTIONS)[number];
  intoId?: string;
}

const optional = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);
const withFiles = (files: string[] | undefined) => (files?.length ? { files } : {});

/** One step's request to the server; every step answers the case page as it is afterwards. */
function sendStep(step: TCaseStep, id: string, v: StepValues): Promise<TCaseDetail> {
  const params = { id };
  const note = optional(v.note);
  switch (step) {
    case 'dispatch':
      return call(casesApi.dispatchCase, { params, body: { unit: v.unitKind === 'department' ? { departmentId: v.departmentId! } : { regionCode: v.regionCode! }, ...(note ? { note } : {}) } });
    case 'accept':
      return call(casesApi.acceptCase, { params, body: note ? { note } : {} });
    case 'note':
      return call(casesApi.addCaseNote, { params, body: { note: v.note ?? '', ...withFiles(v.files) } });
    case 'resolve':
      return call(casesApi.resolveCase, { params, body: { resolution: v.resolution ?? '', ...withFiles(v.files) } });
    case 'escalate':
      return call(casesApi.escalateCase, { params, body: { reason: v.reason ?? '' } });
    case 'return':
      return call(casesApi.returnCase, { params, body: { reason: v.reason ?? '' } });
    case 'callback':
      return call(casesApi.callbackCase, {
        params,
        body:
          v.outcome === 'unreachable'
            ? { outcome: 'unreachable', ...(note ? { note } : {}) }
            : { outcome: 'reached', solved: v.solved === 'yes', ...(v.satisfaction ? { satisfaction: v.satisfaction } : {}), ...(note ? { note } : {}) },
      });
    case 'close':
      return call(casesApi.closeCase, { params, body: note ? { note } : {} });
    case 'merge':
      return call(casesApi.mergeCase, { params, body: { intoId: v.intoId!, ...(note ? { note } : {}) } });
  }
}

/** The form fields the server's issues may point at, per step. */
const FIELDS: Record<TCaseStep, string[]> = {
  dispatch: ['unit', 'note'],
  accept: ['note'],
  note: ['note', 'files'],
  resolve: ['resolution', 'files'],
  escalate: ['reason'],
  return: ['reason'],
  callback: ['outcome', 'solved', 'satisfaction', 'note'],
  close: ['note'],
  merge: ['intoId', 'note'],
};

const HINT: Partial<Record<TCaseStep, MessageKey>> = {
  escalate: 'cases.form.escalateHint',
  return: 'cases.form.returnHint',
  close: 'cases.form.closeHint',
  callback: 'cases.form.reopenHint',
};

/**
 * The dialog of one step on the case page (派单, 签收, 办理, 办结, 上报, 退回, 回访, 结案, 合并): one
 * form whose fields follow the step, sent to the step's route; `onDone` gets the case as it is
 * after the step.
 */
export function CaseStepModal({ step, detail, onClose, onDone }: { step: TCaseStep; detail: TCaseDetail; onClose(): void; onDone(next: TCaseDetail): void }) {
  const { t } = useI18n();
  const id = detail.case.id;
  const required = (message: MessageKey = 'common.required') => [{ required: true, whitespace: true, message: t(message) }];
  return (
    <FormModal<StepValues>
      title={t(`cases.step.${step}`)}
      okText={t(`cases.step.${step}`)}
      danger={step === 'close' || step === 'merge'}
      fields={FIELDS[step]}
      rename={{ unit: step === 'dispatch' ? 'regionCode' : 'unit' }}
      initialValues={{ unitKind: 'region', outcome: 'reached' }}
      data-testid={`case-step-${step}`}
      onSubmit={async (values) => onDone(await sendStep(step, id, values))}
      onClose={onClose}
    >
      <>
          {HINT[step] && <Typography.Paragraph type="secondary">{t(HINT[step])}</Typography.Paragraph>}
          {step === 'dispatch' && <DispatchFields />}
          {step === 'callback' && <CallbackFields />}
          {step === 'merge' && <MergeField caseId={id} />}
          {(step === 'escalate' || step === 'return') && (
            <Form.Item name="reason" label={t('cases.form.reason')} rules={required('cases.form.reasonRequired')}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          )}
          {step === 'resolve' && (
            <Form.Item name="resolution" label={t('cases.form.resolution')} rules={required()}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          )}
          {step === 'note' && (
            <Form.Item name="note" label={t('cases.form.noteText')} rules={required()}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          )}
          {(step === 'note' || step === 'resolve') && (
            <Form.Item name="files" label={t('cases.form.photos')}>
              <EvidenceUpload caseId={id} />
            </Form.Item>
          )}
          {['dispatch', 'accept', 'callback', 'close', 'merge'].includes(step) && (
            <Form.Item name="note" label={t('cases.form.note')}>
              <Input.TextArea rows={2} maxLength={step === 'callback' ? 1000 : 500} />
            </Form.Item>
          )}
      </>
    </FormModal>
  );
}

/** 派单: a village or township (the dispatcher's area; the server keeps it to the case's township) or a county department. */
function DispatchFields() {
  const { t } = useI18n();
  const departments = useDepartmentOptions();
  return (
    <>
      <Form.Item name="unitKind" label={t('cases.form.unitKind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'region', label: t('cases.form.unitKind.region') },
            { value: 'department', label: t('cases.form.unitKind.department') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['unitKind']}>
        {({ getFieldValue }) =>
          getFieldValue('unitKind') === 'department' ? (
            <Form.Item name="departmentId" label={t('cases.form.department')} rules={[{ required: true, message: t('common.required') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={departments.loading}
                options={departments.options}
              />
            </Form.Item>
          ) : (
            <Form.Item name="regionCode" label={t('cases.form.unitRegion')} rules={[{ required: true, message: t('common.required') }]}>
              <RegionPicker maxLevel="village" />
            </Form.Item>
          )
        }
      </Form.Item>
    </>
  );
}

/** 回访: reached or not; when reached, solved (not solved reopens it, 重办) and how satisfied. */
function CallbackFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="outcome" label={t('cases.form.outcome')} rules={[{ required: true, message: t('common.required') }]}>
        <Radio.Group
          options={[
            { value: 'reached', label: t('cases.form.outcome.reached') },
            { value: 'unreachable', label: t('cases.form.outcome.unreachable') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['outcome']}>
        {({ getFieldValue }) =>
          getFieldValue('outcome') === 'reached' && (
            <>
              <Form.Item name="solved" label={t('cases.form.solved')} rules={[{ required: true, message: t('common.required') }]}>
                <Radio.Group
                  options={[
                    { value: 'yes', label: t('cases.form.solved.yes') },
                    { value: 'no', label: t('cases.form.solved.no') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="satisfaction" label={t('cases.form.satisfaction')} rules={[{ required: true, message: t('common.required') }]}>
                <Radio.Group options={SATISFACTIONS.map((s) => ({ value: s, label: t(`cases.form.satisfaction.${s}`) }))} />
              </Form.Item>
            </>
          )
        }
      </Form.Item>
    </>
  );
}

/** 合并: another open case of the caller's area, found by number or title. */
function MergeField({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useApi((signal) => call(casesApi.listCases, { query: { status: OPEN_CASE_STATUSES.join(','), limit: 20, ...(q ? { q } : {}) } }, { signal }), [q]);
  return (
    <Form.Item name="intoId" label={t('cases.form.mergeInto')} rules={[{ required: true, message: t('common.required') }]}>
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        placeholder={t('cases.form.mergeSearch')}
        loading={found.loading}
        options={(found.data?.items ?? []).filter((c) => c.id !== caseId).map((c) => ({ value: c.id, label: `${c.caseNo} ${c.title}` }))}
      />
    </Form.Item>
  );
}
