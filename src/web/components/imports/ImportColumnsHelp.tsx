import { BulbOutlined } from '@ant-design/icons';
import { Card, Table, Tag, Typography } from 'antd';
import { IMPORT_COLUMNS, type ImportField } from '../../../shared/registry/import-columns.ts';
import { useI18n } from '../../i18n/index.tsx';

const FIELDS = Object.keys(IMPORT_COLUMNS) as ImportField[];

/** The columns the import understands, with every header name it accepts, and the tips that save a second try. */
export function ImportColumnsHelp() {
  const { t } = useI18n();
  return (
    <Card title={t('import.columnsTitle')} style={{ marginBottom: 16 }} data-testid="import-columns">
      <Typography.Paragraph>{t('import.columnsIntro')}</Typography.Paragraph>
      <ul style={{ paddingInlineStart: 20, marginTop: 0 }}>
        {(['import.tipGbk', 'import.tipText', 'import.tipWidth'] as const).map((tip) => (
          <li key={tip} style={{ marginBottom: 4 }}>
            <BulbOutlined style={{ color: '#d48806', marginInlineEnd: 6 }} />
            {t(tip)}
          </li>
        ))}
      </ul>
      <Table
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={FIELDS.map((field) => ({ field, ...IMPORT_COLUMNS[field] }))}
        columns={[
          {
            key: 'field',
            title: t('import.field'),
            render: (_, c) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {t(`import.field.${c.field}`)}
                {c.required && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t('import.required')}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            key: 'headers',
            title: t('import.headers'),
            render: (_, c) => (
              <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
                {c.aliases.map((a) => (
                  <Typography.Text key={a} code>
                    {a}
                  </Typography.Text>
                ))}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
