import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { registryApi } from '../../../shared/api/registry.ts';
import { HEAD_RELATIONSHIP } from '../../../shared/registry/import-columns.ts';
import { hasAnyRole } from '../../../shared/roles.ts';
import { REVEAL_ID_ROLES, REVEAL_PHONE_ROLES } from '../../access.ts';
import { call } from '../../api.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { genderLabel } from '../../format.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { HouseholdMember } from '../../types.ts';
import { RevealNumber } from './RevealNumber.tsx';

/** The members, masked; an eye button reveals one full number for the roles allowed to (audited). */
export function MembersTable({ members }: { members: HouseholdMember[] }) {
  const me = useMe();
  const { t } = useI18n();
  const mobile = useIsMobile();
  const mayRevealId = hasAnyRole(me.roles, REVEAL_ID_ROLES);
  const mayRevealPhone = hasAnyRole(me.roles, REVEAL_PHONE_ROLES);

  const idNumber = (m: HouseholdMember) => (
    <RevealNumber
      masked={m.idNumberMasked}
      label={t('reveal.idNumber', { name: m.name })}
      testId="member-id"
      {...(mayRevealId ? { reveal: (purpose) => call(registryApi.revealIdNumber, { params: { id: m.id }, body: { purpose } }) } : {})}
    />
  );
  const phones = (m: HouseholdMember) =>
    m.phones.length ? (
      <Space orientation="vertical" size={0}>
        {m.phones.map((p) => (
          <RevealNumber
            key={p.id}
            masked={p.kind === 'landline' ? `${p.masked}（${t('phone.landline')}）` : p.masked}
            label={t('reveal.phone', { name: m.name })}
            testId="member-phone"
            {...(mayRevealPhone ? { reveal: (purpose) => call(registryApi.revealPhone, { params: { id: p.id }, body: { purpose } }) } : {})}
          />
        ))}
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  const name = (m: HouseholdMember) => (
    <Space size={4} wrap>
      <span style={{ fontWeight: 500 }}>{m.name}</span>
      {m.relationship === HEAD_RELATIONSHIP && <Tag color="blue">{m.relationship}</Tag>}
    </Space>
  );

  const columns: ColumnsType<HouseholdMember> = mobile
    ? [
        {
          key: 'member',
          title: t('resident.name'),
          render: (_, m) => (
            <Space orientation="vertical" size={2}>
              {name(m)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[m.relationship, genderLabel(t, m.gender), m.birthDate].join(' · ')}
              </Typography.Text>
              {idNumber(m)}
              {phones(m)}
            </Space>
          ),
        },
      ]
    : [
        { key: 'name', title: t('resident.name'), render: (_, m) => name(m) },
        { key: 'relationship', title: t('resident.relationship'), dataIndex: 'relationship' },
        { key: 'gender', title: t('resident.gender'), render: (_, m) => genderLabel(t, m.gender) },
        { key: 'birthDate', title: t('resident.birthDate'), dataIndex: 'birthDate' },
        { key: 'id', title: t('resident.idNumber'), render: (_, m) => idNumber(m) },
        { key: 'phones', title: t('resident.phones'), render: (_, m) => phones(m) },
      ];

  return <Table<HouseholdMember> rowKey="id" size="middle" columns={columns} dataSource={members} pagination={false} data-testid="member-table" />;
}
