import { Form, Select, Tag } from 'antd';
import { grantableRoles, ROLES, type TRole } from '../../../shared/roles.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { localName, roleLabel } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Department } from '../../types.ts';
import { RegionPicker } from '../RegionPicker.tsx';
import { regionCodeRules, requiredRule } from '../rules.ts';

/** Roles, limited to those the signed-in admin may grant. */
export function RolesField() {
  const me = useMe();
  const { t, locale } = useI18n();
  const grantable = grantableRoles(me.roles);
  return (
    <Form.Item name="roles" label={t('user.roles')} rules={[requiredRule(t)]}>
      <Select<TRole[]>
        mode="multiple"
        placeholder={t('common.select')}
        options={ROLES.filter((r) => grantable.includes(r)).map((r) => ({ value: r, label: roleLabel(r, locale) }))}
      />
    </Form.Item>
  );
}

/** The region the account is bound to: one below the admin's own (or, for a county admin at the county, the county itself). */
export function RegionCodeField() {
  const { t } = useI18n();
  return (
    <Form.Item name="regionCode" label={t('user.region')} rules={regionCodeRules(t)}>
      <RegionPicker />
    </Form.Item>
  );
}

/** The department, shown only when the roles include department_handler. */
export function DepartmentField({ departments }: { departments: Department[] }) {
  const { t, locale } = useI18n();
  return (
    <Form.Item noStyle dependencies={['roles']}>
      {({ getFieldValue }) =>
        ((getFieldValue('roles') as TRole[] | undefined) ?? []).includes('department_handler') && (
          <Form.Item name="departmentCode" label={t('user.department')} rules={[requiredRule(t)]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.select')}
              options={departments.map((d) => ({ value: d.code, label: localName(d, locale) }))}
            />
          </Form.Item>
        )
      }
    </Form.Item>
  );
}

export function RoleTags({ roles }: { roles: TRole[] }) {
  const { locale } = useI18n();
  const color: Partial<Record<TRole, string>> = { county_admin: 'red', county_leader: 'gold', township_admin: 'blue', village_cadre: 'green', department_handler: 'purple' };
  return (
    <>
      {roles.map((r) => (
        <Tag key={r} color={color[r] ?? 'default'} style={{ marginInlineEnd: 4 }}>
          {roleLabel(r, locale)}
        </Tag>
      ))}
    </>
  );
}
