import { Alert, App, Form, Select } from 'antd';
import { pairingApi } from '../../../shared/api/pairing.ts';
import { localDate } from '../../../shared/time.ts';
import { call } from '../../api.ts';
import { categoryName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { PairingReportRow, THardshipCategory } from '../../types.ts';
import { CadrePicker } from '../CadrePicker.tsx';
import { FormModal } from '../FormModal.tsx';
import { PairingDateReason } from '../household/PairingFields.tsx';
import { requiredRule } from '../rules.ts';

interface Values {
  cadreId: string;
  startedOn: string;
  reason?: string;
  category?: string;
}

/** POST /api/pairings/bulk-assign: one cadre becomes responsible for a village's unpaired hardship households. */
export function BulkAssignModal({
  village,
  name,
  categories,
  onClose,
  onDone,
}: {
  village: PairingReportRow;
  name: string;
  categories: THardshipCategory[];
  onClose(): void;
  onDone(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      title={t('report.bulkTitle', { name })}
      okText={t('report.bulkAssign')}
      fields={['cadreId', 'startedOn', 'reason', 'category']}
      initialValues={{ startedOn: localDate() }}
      onClose={onClose}
      onSubmit={async (v) => {
        const result = await call(pairingApi.bulkAssign, {
          body: {
            villageCode: village.region.code,
            cadreId: v.cadreId,
            startedOn: v.startedOn,
            reason: v.reason?.trim() ?? '',
            ...(v.category ? { category: v.category } : {}),
          },
        });
        void message.success(t('report.bulkDone', result));
        onDone();
      }}
    >
      <Alert type="info" showIcon title={t('report.bulkHint', { name, count: village.withoutResponsible })} style={{ marginBottom: 16 }} />
      <Form.Item name="cadreId" label={t('pairing.cadre')} rules={[requiredRule(t)]}>
        <CadrePicker />
      </Form.Item>
      <Form.Item name="category" label={t('report.category')}>
        <Select allowClear placeholder={t('registry.filter.category')} options={categories.map((c) => ({ value: c.code, label: categoryName(c, locale) }))} />
      </Form.Item>
      <PairingDateReason dateName="startedOn" dateLabel="pairing.startedOn" reasonRequired={false} />
    </FormModal>
  );
}
