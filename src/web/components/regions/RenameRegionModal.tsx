import { App, DatePicker, Form, Input } from 'antd';
import { localDate } from '../../../shared/time.ts';
import { localName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { RenameRegionRequest, TRegion } from '../../types.ts';
import { dateItemProps } from '../dates.ts';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';
import { regionsApi } from '../../../shared/api/regions.ts';
import { call } from '../../api.ts';

interface Values {
  name: string;
  nameEn?: string;
  effectiveOn: string;
}

/** Renames a region; the former name stays in its history. */
export function RenameRegionModal({ region, onClose, onDone }: { region: TRegion; onClose(): void; onDone(region: TRegion): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      title={`${t('region.action.rename')} · ${localName(region, locale)}`}
      fields={['name', 'nameEn', 'effectiveOn']}
      initialValues={{ name: region.name, nameEn: region.nameEn ?? '', effectiveOn: localDate() }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body: RenameRegionRequest = { name: v.name.trim(), ...(v.nameEn?.trim() ? { nameEn: v.nameEn.trim() } : {}), effectiveOn: v.effectiveOn };
        const updated = await call(regionsApi.renameRegion, { params: { code: region.code }, body });
        void message.success(t('region.action.renamed', { name: localName(updated, locale) }));
        onDone(updated);
      }}
    >
      <Form.Item name="name" label={t('region.form.newName')} rules={[requiredRule(t), { max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('region.form.newNameEn')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="effectiveOn" label={t('region.form.effectiveOn')} rules={[requiredRule(t)]} {...dateItemProps}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
