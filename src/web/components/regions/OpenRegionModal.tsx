import { App, DatePicker, Form, Input, Select, Space } from 'antd';
import { CHILD_LEVEL, CODE_LENGTH, type TRegionLevel } from '../../../shared/schemas/regions.ts';
import { localDate } from '../../../shared/time.ts';
import { kindLabel, levelLabel, localName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { OpenRegionRequest, RegionDetail, TRegion } from '../../types.ts';
import { dateItemProps } from '../dates.ts';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';
import { regionsApi } from '../../../shared/api/regions.ts';
import { call } from '../../api.ts';

/** The kinds a region of each level can be. */
const KINDS: Partial<Record<TRegionLevel, string[]>> = {
  city: ['city'],
  county: ['county', 'district'],
  township: ['town', 'subdistrict', 'township'],
  village: ['village', 'community'],
  grid: ['grid'],
};

/** Below a county, a child's code is its parent's code plus three digits. */
const PREFIXED: TRegionLevel[] = ['township', 'village', 'grid'];

interface Values {
  code: string;
  name: string;
  nameEn?: string;
  kind?: string;
  openedOn: string;
}

/** Opens a new region under the one on screen (POST /api/regions). */
export function OpenRegionModal({ parent, onClose, onDone }: { parent: RegionDetail; onClose(): void; onDone(region: TRegion): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const level = CHILD_LEVEL[parent.level]!;
  const prefix = PREFIXED.includes(level) ? parent.code : '';
  const digits = CODE_LENGTH[level] - prefix.length;
  const kinds = KINDS[level] ?? [];

  return (
    <FormModal<Values>
      open
      title={`${t('region.action.openChild')} · ${levelLabel(t, level)}`}
      fields={['code', 'name', 'nameEn', 'kind', 'openedOn']}
      initialValues={{ openedOn: localDate(), ...(kinds.length === 1 ? { kind: kinds[0] } : {}) }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body: OpenRegionRequest = {
          parentCode: parent.code,
          code: `${prefix}${v.code.trim()}`,
          name: v.name.trim(),
          ...(v.nameEn?.trim() ? { nameEn: v.nameEn.trim() } : {}),
          ...(v.kind ? { kind: v.kind as OpenRegionRequest['kind'] } : {}),
          openedOn: v.openedOn,
        };
        const region = await call(regionsApi.openRegion, { body });
        void message.success(t('region.action.opened', { name: localName(region, locale) }));
        onDone(region);
      }}
    >
      <Form.Item label={t('region.form.parent')}>
        <Input value={`${localName(parent, locale)}（${parent.code}）`} disabled />
      </Form.Item>
      <Form.Item label={t('region.code')} required extra={prefix ? t('region.form.codeSuffix', { digits }) : t('region.form.codeFull', { digits })}>
        <Space.Compact style={{ width: '100%' }}>
          {prefix && <Space.Addon style={{ fontFamily: 'ui-monospace, monospace' }}>{prefix}</Space.Addon>}
          <Form.Item
            name="code"
            noStyle
            rules={[requiredRule(t), { pattern: new RegExp(`^\\d{${digits}}$`), message: t('region.form.codeInvalid', { digits }) }]}
          >
            <Input inputMode="numeric" maxLength={digits} style={{ fontFamily: 'ui-monospace, monospace' }} />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="name" label={t('region.name')} rules={[requiredRule(t), { max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('region.nameEn')} rules={[{ max: 200 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="kind" label={t('region.kind')}>
        <Select allowClear placeholder={t('region.form.kindDefault')} options={kinds.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
      </Form.Item>
      <Form.Item name="openedOn" label={t('region.openedOn')} rules={[requiredRule(t)]} {...dateItemProps}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
