import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../shared/audit-actions.ts';
import { auditActionLabel, entityTypeLabel } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { nextDay, startOfShanghaiDay } from '../dates.ts';
import { FilterBar } from '../FilterBar.tsx';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  entityType?: string;
  /** ISO instants with offset, as the API wants: the start of the first day, the start of the day after the last. */
  from?: string;
  to?: string;
}

interface FormValues {
  actor?: string;
  action?: string;
  entityType?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

export function AuditFilters({ onChange }: { onChange(values: AuditFilterValues): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const submit = (v: FormValues) => {
    const [start, end] = v.dates ?? [null, null];
    onChange({
      ...(v.actor?.trim() ? { actor: v.actor.trim() } : {}),
      ...(v.action ? { action: v.action } : {}),
      ...(v.entityType ? { entityType: v.entityType } : {}),
      ...(start ? { from: startOfShanghaiDay(start.format('YYYY-MM-DD')) } : {}),
      ...(end ? { to: startOfShanghaiDay(nextDay(end.format('YYYY-MM-DD'))) } : {}),
    });
  };
  const item = { style: { marginBottom: 0 } };
  return (
    <FilterBar<FormValues> name="auditFilters" form={form} onSearch={submit} onReset={() => onChange({})}>
      {[
        {
          key: 'actor',
          lg: 4,
          node: (
            <Form.Item name="actor" {...item}>
              <Input allowClear placeholder={t('audit.filter.actor')} maxLength={64} autoCapitalize="off" aria-label={t('audit.filter.actor')} />
            </Form.Item>
          ),
        },
        {
          key: 'action',
          lg: 4,
          node: (
            <Form.Item name="action" {...item}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('audit.filter.action')}
                aria-label={t('audit.action')}
                options={AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionLabel(t, a) }))}
              />
            </Form.Item>
          ),
        },
        {
          key: 'entityType',
          lg: 4,
          node: (
            <Form.Item name="entityType" {...item}>
              <Select allowClear placeholder={t('audit.filter.entityType')} aria-label={t('audit.entityType')} options={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: entityTypeLabel(t, e) }))} />
            </Form.Item>
          ),
        },
        {
          key: 'dates',
          lg: 6,
          node: (
            <Form.Item name="dates" {...item}>
              <DatePicker.RangePicker allowEmpty={[true, true]} aria-label={t('audit.dateRange')} style={{ width: '100%' }} />
            </Form.Item>
          ),
        },
      ]}
    </FilterBar>
  );
}
