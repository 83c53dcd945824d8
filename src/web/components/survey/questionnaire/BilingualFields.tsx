import { Col, Form, Input, Row } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';

/** Two inputs, Chinese and English, for one bilingual text at `name`. */
export function BilingualFields({ name, label, multiline, required = true }: { name: (string | number)[]; label: string; multiline?: boolean; required?: boolean }) {
  const { t } = useI18n();
  const rules = required ? [{ required: true, whitespace: true, message: t('common.required') }] : [];
  const Field = multiline ? Input.TextArea : Input;
  const extra = multiline ? { autoSize: { minRows: 1, maxRows: 6 } } : {};
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'zh-CN']} label={`${label}（中文）`} rules={rules}>
          <Field maxLength={2000} {...extra} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'en']} label={`${label} (English)`} rules={rules}>
          <Field maxLength={2000} {...extra} />
        </Form.Item>
      </Col>
    </Row>
  );
}
