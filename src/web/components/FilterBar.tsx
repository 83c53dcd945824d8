import { Button, Col, Form, Row, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';

/**
 * A row of filters over a list: a grid that stacks on phones, with Search and Reset.
 * Children are the filter fields (Form.Items without labels), each given `spans` columns.
 */
export function FilterBar<V extends object>({
  name,
  form,
  onSearch,
  onReset,
  children,
  actions = {},
}: {
  /** Prefixes the field ids, so that they never clash with a dialog's. */
  name: string;
  form: FormInstance<V>;
  onSearch(values: V): void;
  onReset(): void;
  children: { key: string; node: ReactNode; md?: number; lg?: number; xl?: number }[];
  /** Columns (of 24) of Search and Reset on large and extra-large screens. */
  actions?: { lg?: number; xl?: number };
}) {
  const { t } = useI18n();
  return (
    <Form<V> name={name} form={form} onFinish={onSearch} role="search">
      <Row gutter={[12, 12]}>
        {children.map((c) => (
          <Col key={c.key} xs={24} sm={12} md={c.md ?? 8} lg={c.lg ?? 6} xl={c.xl ?? c.lg ?? 6}>
            {c.node}
          </Col>
        ))}
        <Col xs={24} sm={12} md={8} lg={actions.lg ?? 6} xl={actions.xl ?? actions.lg ?? 6} style={{ display: 'flex', gap: 8 }}>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onReset();
            }}
          >
            {t('common.reset')}
          </Button>
        </Col>
      </Row>
    </Form>
  );
}
