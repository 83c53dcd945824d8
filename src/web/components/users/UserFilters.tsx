import { SearchOutlined } from '@ant-design/icons';
import { Form, Input, Select } from 'antd';
import { ROLES, type TRole } from '../../../shared/roles.ts';
import { roleLabel } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FilterBar } from '../FilterBar.tsx';
import { RegionPicker } from '../RegionPicker.tsx';

export interface UserFilterValues {
  q?: string;
  role?: TRole;
  regionCode?: string;
}

const item = { style: { marginBottom: 0 } };

/** q (username or name), role, region code (its subtree). */
export function UserFilters({ onChange }: { onChange(values: UserFilterValues): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<UserFilterValues>();
  const clean = (v: UserFilterValues): UserFilterValues => ({
    ...(v.q?.trim() ? { q: v.q.trim() } : {}),
    ...(v.role ? { role: v.role } : {}),
    ...(v.regionCode?.trim() ? { regionCode: v.regionCode.trim() } : {}),
  });
  return (
    <FilterBar<UserFilterValues> name="userFilters" form={form} onSearch={(v) => onChange(clean(v))} onReset={() => onChange({})}>
      {[
        {
          key: 'q',
          node: (
            <Form.Item name="q" {...item}>
              <Input allowClear placeholder={t('user.filter.q')} prefix={<SearchOutlined />} maxLength={64} aria-label={t('user.filter.q')} />
            </Form.Item>
          ),
        },
        {
          key: 'role',
          node: (
            <Form.Item name="role" {...item}>
              <Select allowClear placeholder={t('user.filter.role')} aria-label={t('user.roles')} options={ROLES.map((r) => ({ value: r, label: roleLabel(r, locale) }))} />
            </Form.Item>
          ),
        },
        {
          key: 'region',
          node: (
            <Form.Item name="regionCode" {...item}>
              <RegionPicker allowClear placeholder={t('user.filter.region')} aria-label={t('user.filter.region')} />
            </Form.Item>
          ),
        },
      ]}
    </FilterBar>
  );
}
