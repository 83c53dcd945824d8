import { App, DatePicker, Form, Input, Select } from 'antd';
import { localDate } from '../../../shared/time.ts';
import { registryApi } from '../../../shared/api/registry.ts';
import { call } from '../../api.ts';
import { categoryName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { AddHardshipRequest, THardshipCategory, THouseholdDetail } from '../../types.ts';
import { dateItemProps } from '../dates.ts';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';

interface Values {
  categoryCode: string;
  residentId?: string;
  validFrom: string;
  source?: string;
  note?: string;
}

/** POST /api/households/:id/hardship: a category, for the whole household or one member, from a date. */
export function AddHardshipModal({ household, categories, onClose, onDone }: { household: THouseholdDetail; categories: THardshipCategory[]; onClose(): void; onDone(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      title={t('hardship.add')}
      okText={t('common.save')}
      fields={['categoryCode', 'residentId', 'validFrom', 'source', 'note']}
      initialValues={{ validFrom: localDate() }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body: AddHardshipRequest = {
          categoryCode: v.categoryCode,
          ...(v.residentId ? { residentId: v.residentId } : {}),
          validFrom: v.validFrom,
          source: v.source?.trim() ?? '',
          note: v.note?.trim() ?? '',
        };
        await call(registryApi.addHardshipLabel, { params: { id: household.id }, body });
        const chosen = categories.find((c) => c.code === v.categoryCode);
        void message.success(t('hardship.added', { name: chosen ? categoryName(chosen, locale) : v.categoryCode }));
        onDone();
      }}
    >
      <Form.Item name="categoryCode" label={t('hardship.category')} rules={[requiredRule(t)]}>
        <Select placeholder={t('common.select')} options={categories.map((c) => ({ value: c.code, label: categoryName(c, locale) }))} data-testid="hardship-category" />
      </Form.Item>
      <Form.Item name="residentId" label={t('hardship.member')}>
        <Select
          allowClear
          placeholder={t('hardship.wholeHousehold')}
          options={household.members.map((m) => ({ value: m.id, label: `${m.name}（${m.relationship}）` }))}
        />
      </Form.Item>
      <Form.Item name="validFrom" label={t('hardship.validFrom')} rules={[requiredRule(t)]} {...dateItemProps}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="source" label={t('hardship.source')} rules={[{ max: 200 }]}>
        <Input maxLength={200} placeholder={t('hardship.sourceHint')} />
      </Form.Item>
      <Form.Item name="note" label={t('hardship.note')} rules={[{ max: 1000 }]}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
