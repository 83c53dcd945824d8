import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useI18n } from '../../../i18n/index.tsx';
import { CODE_PATTERN } from './codes.ts';

/** The answer options of one single-choice question: label, score and the flags the statistics and the script use. */
export function OptionsEditor({ base, laterCodes }: { base: (string | number)[]; laterCodes: string[] }) {
  const { t } = useI18n();
  return (
    <Form.List name={[...base, 'options']}>
      {(fields, { add, remove, move }, { errors }) => (
        <div data-testid="options-editor">
          {fields.map((field, j) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 8 }}
              data-testid={`option-${j}`}
              title={t('survey.q.optionNo', { n: j + 1 })}
              extra={
                <Space size={0}>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={j === 0} onClick={() => move(j, j - 1)} aria-label={t('survey.q.moveUp')} />
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={j === fields.length - 1} onClick={() => move(j, j + 1)} aria-label={t('survey.q.moveDown')} />
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(j)} aria-label={t('survey.q.removeOption')} />
                </Space>
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'label', 'zh-CN']} label={t('survey.q.labelZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                    <Input maxLength={2000} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'label', 'en']} label={t('survey.q.labelEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                    <Input maxLength={2000} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={12} md={7}>
                  <Form.Item name={[field.name, 'id']} label={t('survey.q.optionId')} rules={[{ required: true, pattern: CODE_PATTERN, message: t('survey.q.codeRule') }]}>
                    <Input maxLength={32} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[field.name, 'score']} label={t('survey.q.score')}>
                    <InputNumber min={-1000} max={1000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'skipTo']} label={t('survey.q.skipTo')}>
                    <Select allowClear placeholder={t('survey.q.noSkip')} options={laterCodes.map((c) => ({ value: c, label: c }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Space size={[16, 0]} wrap>
                {(['excludedFromBase', 'satisfied', 'dissatisfied', 'screensOut'] as const).map((flag) => (
                  <Form.Item key={flag} name={[field.name, flag]} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>{t(`survey.q.flag.${flag}`)}</Checkbox>
                  </Form.Item>
                ))}
              </Space>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ id: `o${fields.length + 1}`, label: { 'zh-CN': '', en: '' }, score: null, excludedFromBase: false, satisfied: false, dissatisfied: false, screensOut: false })}
            data-testid="add-option"
          >
            {t('survey.q.addOption')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
