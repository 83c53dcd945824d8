import { Alert, App, DatePicker, Form, Input, Radio, Select } from 'antd';
import { localDate } from '../../../shared/time.ts';
import { isClosed, localName } from '../../format.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { CloseRegionRequest, TRegion } from '../../types.ts';
import { dateItemProps } from '../dates.ts';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';
import { regionsApi } from '../../../shared/api/regions.ts';
import { call } from '../../api.ts';

interface Values {
  mode: 'close' | 'merge';
  successorCode?: string;
  closedOn: string;
  reason?: string;
}

/**
 * Closes a region, or merges it (撤并) into a sibling. Siblings are offered when the user's area
 * includes the parent (`parentInScope`).
 */
export function CloseRegionModal({
  region,
  parentInScope,
  onClose,
  onDone,
}: {
  region: TRegion;
  parentInScope: boolean;
  onClose(): void;
  onDone(region: TRegion, successorName: string | null): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const today = localDate();
  const { data, loading } = useApi(
    (signal) => (parentInScope && region.parentCode ? call(regionsApi.listChildren, { params: { code: region.parentCode } }, { signal }) : Promise.resolve(undefined)),
    [region.parentCode, parentInScope],
  );
  const siblings = (data?.items ?? []).filter((s) => s.code !== region.code && !isClosed(s, today));

  return (
    <FormModal<Values>
      open
      danger
      title={`${t('region.action.close')} · ${localName(region, locale)}`}
      fields={['successorCode', 'closedOn', 'reason']}
      initialValues={{ mode: parentInScope ? 'merge' : 'close', closedOn: today }}
      onClose={onClose}
      onSubmit={async (v) => {
        const successor = v.mode === 'merge' ? siblings.find((s) => s.code === v.successorCode) : undefined;
        const body: CloseRegionRequest = {
          closedOn: v.closedOn,
          ...(successor ? { successorCode: successor.code } : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        };
        const closed = await call(regionsApi.closeRegion, { params: { code: region.code }, body });
        const successorName = successor ? localName(successor, locale) : null;
        void message.success(
          successorName ? t('region.action.mergedDone', { name: localName(closed, locale), successor: successorName }) : t('region.action.closedDone', { name: localName(closed, locale) }),
        );
        onDone(closed, successorName);
      }}
    >
      <Alert type="warning" showIcon title={t('region.form.closeHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="mode" label={t('region.form.closeMode')}>
        <Radio.Group
          options={[
            { value: 'merge', label: t('region.form.merge'), disabled: !parentInScope },
            { value: 'close', label: t('region.form.closeOnly') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['mode']}>
        {({ getFieldValue }) =>
          getFieldValue('mode') === 'merge' && (
            <Form.Item name="successorCode" label={t('region.form.successor')} rules={[requiredRule(t)]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={loading}
                placeholder={t('common.select')}
                options={siblings.map((s) => ({ value: s.code, label: `${localName(s, locale)}（${s.code}）` }))}
              />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="closedOn" label={t('region.form.closedOn')} rules={[requiredRule(t)]} {...dateItemProps}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label={t('region.form.reason')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
