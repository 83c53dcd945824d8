import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { genderLabel, placeName } from '../../format.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TResidentListItem } from '../../types.ts';
import { HardshipTags } from './HardshipTags.tsx';
import { MaskedId, MaskedPhones } from './MaskedNumbers.tsx';

interface Props {
  residents: TResidentListItem[];
  loading: boolean;
  nameOf(code: string): string;
  /** Ant Design's pagination under the table; none when absent. */
  pagination?: TablePaginationConfig | undefined;
}

/** The household's responsible cadre; a hardship household without one says so. */
function PairedCadre({ resident }: { resident: TResidentListItem }) {
  const { t } = useI18n();
  if (resident.pairedCadre) return <span data-testid="paired-cadre">{resident.pairedCadre.displayName}</span>;
  if (resident.hardship.length) return <Tag color="warning">{t('registryLists.unpaired')}</Tag>;
  return <Typography.Text type="secondary">—</Typography.Text>;
}

/** Residents found, masked, with the household's paired cadre; a click on a row opens the household. On phones the details fold under the name. */
export function ResidentTable({ residents, loading, nameOf, pagination }: Props) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const navigate = useNavigate();

  const columns: ColumnsType<TResidentListItem> = [
    {
      key: 'name',
      title: t('resident.name'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/households/${r.household.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
            {r.name}
          </Link>
          {mobile && (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[genderLabel(t, r.gender), r.birthDate, r.relationship].join(' · ')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <MaskedId value={r.idNumberMasked} />
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {placeName(r)}
              </Typography.Text>
              {(r.pairedCadre || r.hardship.length > 0) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('registryLists.pairedCadre')}：<PairedCadre resident={r} />
                </Typography.Text>
              )}
            </>
          )}
        </Space>
      ),
    },
    { key: 'gender', title: t('resident.gender'), responsive: ['md'], render: (_, r) => genderLabel(t, r.gender) },
    { key: 'birthDate', title: t('resident.birthDate'), dataIndex: 'birthDate', responsive: ['lg'], render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span> },
    { key: 'relationship', title: t('resident.relationship'), dataIndex: 'relationship', responsive: ['md'] },
    { key: 'id', title: t('resident.idNumber'), responsive: ['md'], render: (_, r) => <MaskedId value={r.idNumberMasked} /> },
    { key: 'phones', title: t('resident.phones'), responsive: ['lg'], render: (_, r) => <MaskedPhones phones={r.phones} /> },
    {
      key: 'region',
      title: t('resident.region'),
      responsive: ['md'],
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.village.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.township.name}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'hardship', title: t('resident.hardship'), render: (_, r) => <HardshipTags codes={r.hardship} nameOf={nameOf} /> },
    { key: 'pairedCadre', title: t('registryLists.pairedCadre'), responsive: ['md'], render: (_, r) => <PairedCadre resident={r} /> },
  ];

  return (
    <Table<TResidentListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={residents}
      loading={loading}
      pagination={pagination ?? false}
      data-testid="resident-table"
      locale={{ emptyText: t('registry.empty') }}
      onRow={(r) => ({ onClick: () => navigate(`/households/${r.household.id}`), style: { cursor: 'pointer' } })}
    />
  );
}
