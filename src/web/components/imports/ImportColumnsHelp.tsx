import { BulbOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
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
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('import.headers')}
      </Typography.Text>
      <dl style={{ margin: '8px 0 0' }}>
        {FIELDS.map((field) => (
          <div key={field} style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', padding: '8px 0', borderTop: '1px solid rgba(5,5,5,.06)' }}>
            <dt style={{ flex: '0 0 9em', fontWeight: 500 }}>
              {t(`import.field.${field}`)}
              {IMPORT_COLUMNS[field].required && (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  {t('import.required')}
                </Tag>
              )}
            </dt>
            <dd style={{ flex: '1 1 12em', margin: 0, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
              {IMPORT_COLUMNS[field].aliases.map((a) => (
                <Typography.Text key={a} code style={{ whiteSpace: 'nowrap' }}>
                  {a}
                </Typography.Text>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
