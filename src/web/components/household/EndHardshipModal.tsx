import { Alert, App, DatePicker, Form, Input } from 'antd';
import { localDate } from '../../../shared/time.ts';
import { registryApi } from '../../../shared/api/registry.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { EndHardshipRequest, HardshipLabel } from '../../types.ts';
import { dateItemProps } from '../dates.ts';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';

interface Values {
  validTo: string;
  note?: string;
}

/** POST /api/households/:id/hardship/:labelId/end: the label ends on a date and stays in the history. */
export function EndHardshipModal({ householdId, label, name, onClose, onDone }: { householdId: string; label: HardshipLabel; name: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      danger
      title={t('hardship.endTitle', { name })}
      okText={t('hardship.end')}
      fields={['validTo', 'note']}
      initialValues={{ validTo: localDate() }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body: EndHardshipRequest = { validTo: v.validTo, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
        await call(registryApi.endHardshipLabel, { params: { id: householdId, labelId: label.id }, body });
        void message.success(t('hardship.endedDone', { name }));
        onDone();
      }}
    >
      <Alert type="info" showIcon title={t('hardship.endHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="validTo" label={t('hardship.validTo')} rules={[requiredRule(t)]} {...dateItemProps}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('hardship.note')} rules={[{ max: 1000 }]}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
