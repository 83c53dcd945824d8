import { EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../i18n/index.tsx';
import type { THardshipCategory } from '../../types.ts';
import { mono } from '../registry/MaskedNumbers.tsx';

interface Props {
  categories: THardshipCategory[];
  loading: boolean;
  onEdit(category: THardshipCategory): void;
  onToggle(category: THardshipCategory): Promise<void>;
}

/** The county's hardship categories in their order; edit, deactivate (never delete) or activate again. */
export function HardshipCategoryTable({ categories, loading, onEdit, onToggle }: Props) {
  const { t } = useI18n();
  const columns: ColumnsType<THardshipCategory> = [
    { key: 'sort', title: t('category.sort'), dataIndex: 'sort', width: 72, align: 'right', responsive: ['md'] },
    { key: 'code', title: t('category.code'), dataIndex: 'code', responsive: ['sm'], render: (code: string) => <span style={mono}>{code}</span> },
    { key: 'name', title: t('category.name'), dataIndex: 'name' },
    { key: 'nameEn', title: t('category.nameEn'), dataIndex: 'nameEn', responsive: ['lg'] },
    {
      key: 'active',
      title: t('category.status'),
      render: (_, c) => (c.active ? <Tag color="green">{t('category.active')}</Tag> : <Tag>{t('category.inactive')}</Tag>),
    },
    {
      key: 'actions',
      title: <span className="sr-only">{t('common.actions')}</span>,
      render: (_, c) => (
        <Space size={4} wrap>
          <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(c)} aria-label={`${t('common.edit')} ${c.name}`}>
            {t('common.edit')}
          </Button>
          {c.active ? (
            <Popconfirm title={t('category.deactivateConfirm', { name: c.name })} okText={t('category.deactivate')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => onToggle(c)}>
              <Button size="small" danger>
                {t('category.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => void onToggle(c)}>
              {t('category.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<THardshipCategory>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={categories}
      loading={loading}
      pagination={false}
      data-testid="category-table"
      locale={{ emptyText: t('category.empty') }}
      rowClassName={(c) => (c.active ? '' : 'lx-row-closed')}
    />
  );
}
