import { App, Form, Input, Radio, Typography } from 'antd';
import { surveyResultsApi } from '../../../../shared/api/survey-results.ts';
import { RECHECK_RESULTS, type TRecheckItem } from '../../../../shared/schemas/survey-results.ts';
import { call } from '../../../api.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { FormModal } from '../../FormModal.tsx';

/** Records (or corrects) the result of one re-check call. */
export function RecheckResultModal({ item, onClose, onSaved }: { item: TRecheckItem; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<{ result: NonNullable<TRecheckItem['result']>; note?: string }>
      nestedIssues
      title={t('survey.qc.recordTitle', { interviewer: item.interviewer.displayName })}
      fields={['result', 'note']}
      initialValues={{ result: item.result ?? 'confirmed', note: item.note }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(surveyResultsApi.recordRecheck, { params: { id: item.interviewId }, body: { result: v.result, note: v.note ?? '' } });
        void message.success(t('survey.qc.recorded'));
        onSaved();
      }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('survey.qc.recordHint')}
      </Typography.Paragraph>
      <Form.Item name="result" label={t('survey.qc.result')} rules={[{ required: true, message: t('common.select') }]}>
        <Radio.Group options={RECHECK_RESULTS.map((r) => ({ value: r, label: t(`survey.qc.result.${r}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('survey.appt.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
