import { Alert, App, DatePicker, Form, Select } from 'antd';
import { localDate } from '../../../shared/time.ts';
import { isClosed, localName } from '../../format.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { MoveRegionRequest, TRegion } from '../../types.ts';
import { dateItemProps } from '../dates.ts';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';
import { regionsApi } from '../../../shared/api/regions.ts';
import { call } from '../../api.ts';

interface Values {
  newParentCode: string;
  effectiveOn: string;
}

/**
 * Moves a region under another parent of the same level. The candidates are the other children
 * of its grandparent, when the user's area includes the grandparent (`grandparentCode`).
 */
export function MoveRegionModal({
  region,
  grandparentCode,
  onClose,
  onDone,
}: {
  region: TRegion;
  grandparentCode: string | null;
  onClose(): void;
  onDone(region: TRegion): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const today = localDate();
  const { data, loading } = useApi(
    (signal) => (grandparentCode ? call(regionsApi.listChildren, { params: { code: grandparentCode } }, { signal }) : Promise.resolve(undefined)),
    [grandparentCode],
  );
  const candidates = (data?.items ?? []).filter((p) => p.code !== region.parentCode && !isClosed(p, today));
  const noTargets = !loading && candidates.length === 0;

  return (
    <FormModal<Values>
      open
      title={`${t('region.action.move')} · ${localName(region, locale)}`}
      fields={['newParentCode', 'effectiveOn']}
      initialValues={{ effectiveOn: today }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body: MoveRegionRequest = { newParentCode: v.newParentCode, effectiveOn: v.effectiveOn };
        const moved = await call(regionsApi.moveRegion, { params: { code: region.code }, body });
        void message.success(t('region.action.moved', { name: localName(moved, locale) }));
        onDone(moved);
      }}
    >
      <Alert type={noTargets ? 'warning' : 'info'} showIcon title={noTargets ? t('region.form.noMoveTargets') : t('region.form.moveHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="newParentCode" label={t('region.form.newParent')} rules={[requiredRule(t)]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={loading}
          disabled={noTargets}
          placeholder={t('common.select')}
          options={candidates.map((p) => ({ value: p.code, label: `${localName(p, locale)}（${p.code}）` }))}
        />
      </Form.Item>
      <Form.Item name="effectiveOn" label={t('region.form.effectiveOn')} rules={[requiredRule(t)]} {...dateItemProps}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
