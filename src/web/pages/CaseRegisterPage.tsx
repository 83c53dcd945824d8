import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { casesApi } from '../../shared/api/cases.ts';
import { CLERK_CASE_CHANNELS, ZCaseDuplicateCandidate, type TCaseDuplicateCandidate, type TRegisterCaseRequest } from '../../shared/schemas/cases.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call, isApiError } from '../api.ts';
import { CaseStatusTags } from '../components/cases/CaseTags.tsx';
import { CategorySelect } from '../components/cases/CategorySelect.tsx';
import { applyIssues, errorText } from '../components/errors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

interface Values {
  channel: (typeof CLERK_CASE_CHANNELS)[number];
  categoryCode: string;
  regionCode: string;
  title: string;
  description: string;
  address?: string;
  urgent?: boolean;
  contactName?: string;
  contactPhone?: string;
  consentContact?: boolean;
  contactIdNumber?: string;
}

const FIELDS = ['channel', 'categoryCode', 'regionCode', 'title', 'description', 'address', 'urgent', 'contactName', 'contactPhone', 'consentContact', 'contactIdNumber'];

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The form as the intake's request (empty optional fields left out). */
function toRequest(v: Values): TRegisterCaseRequest {
  const address = blankToUndefined(v.address);
  const contactName = blankToUndefined(v.contactName);
  const contactPhone = blankToUndefined(v.contactPhone);
  const contactIdNumber = blankToUndefined(v.contactIdNumber);
  return {
    channel: v.channel,
    categoryCode: v.categoryCode,
    regionCode: v.regionCode,
    title: v.title,
    description: v.description,
    urgent: Boolean(v.urgent),
    consentContact: Boolean(v.consentContact),
    ...(address ? { address } : {}),
    ...(contactName ? { contactName } : {}),
    ...(contactPhone ? { contactPhone } : {}),
    ...(contactIdNumber ? { contactIdNumber } : {}),
  };
}

/**
 * 登记诉求: the clerk's intake from the window or the phone. When the server finds likely
 * duplicates (409 case_possible_duplicate) the form shows them and offers "合并到此诉求" or
 * "仍然登记"; the registered (or joined) case opens.
 */
export function CaseRegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  useTitle(t('cases.new'));
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [duplicates, setDuplicates] = useState<TCaseDuplicateCandidate[] | null>(null);

  const send = async (extra: { confirmNew?: true; mergeInto?: string } = {}) => {
    const values = form.getFieldsValue(true) as Values;
    setSending(true);
    setError(undefined);
    try {
      const done = await call(casesApi.registerCase, { body: { ...toRequest(values), ...extra } });
      void message.success(done.mergedInto ? t('cases.duplicates.merged', { caseNo: done.mergedInto.caseNo }) : t('cases.register.done', { caseNo: done.caseNo }));
      navigate(`/cases/${done.mergedInto?.id ?? done.id}`);
    } catch (e) {
      if (isApiError(e) && e.code === 'case_possible_duplicate') {
        setDuplicates(ZCaseDuplicateCandidate.array().catch([]).parse(e.extensions.duplicates ?? []));
      } else {
        applyIssues(form, e, FIELDS);
        setError(errorText(t, e));
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <div data-testid="case-register-page">
      <Typography.Link>
        <Link to="/cases">← {t('cases.back')}</Link>
      </Typography.Link>
      <PageHeader title={t('cases.new')} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      {duplicates && (
        <Card title={t('cases.duplicates.title')} style={{ marginBottom: 16 }} data-testid="case-duplicates">
          <Typography.Paragraph type="secondary">{t('cases.duplicates.hint')}</Typography.Paragraph>
          <Table<TCaseDuplicateCandidate>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 700 }}
            dataSource={duplicates}
            columns={[
              { title: t('cases.col.caseNo'), dataIndex: 'caseNo', render: (no: string, c) => <Link to={`/cases/${c.id}`} target="_blank">{no}</Link> },
              { title: t('cases.col.title'), dataIndex: 'title' },
              { title: t('cases.col.status'), dataIndex: 'status', render: (s: TCaseDuplicateCandidate['status']) => <CaseStatusTags status={s} /> },
              { title: t('cases.col.registeredAt'), dataIndex: 'registeredAt', render: (at: string) => formatLocalDateTime(at).slice(0, 16) },
              { title: t('cases.section.contact'), key: 'contact', render: (_, c) => [c.contactName, c.contactPhoneMasked].filter(Boolean).join(' ') },
              {
                title: t('common.actions'),
                key: 'merge',
                render: (_, c) => (
                  <Button size="small" loading={sending} onClick={() => void send({ mergeInto: c.id })} data-testid="merge-into">
                    {t('cases.duplicates.mergeInto')}
                  </Button>
                ),
              },
            ]}
          />
          <Button style={{ marginTop: 12 }} loading={sending} onClick={() => void send({ confirmNew: true })} data-testid="register-anyway">
            {t('cases.duplicates.registerAnyway')}
          </Button>
        </Card>
      )}
      <Card>
        <Form<Values>
          form={form}
          name="case-register"
          layout="vertical"
          initialValues={{ channel: 'window', urgent: false, consentContact: true }}
          onFinish={() => void send()}
          onValuesChange={() => setDuplicates(null)}
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="channel" label={t('cases.field.channel')}>
                <Radio.Group optionType="button" options={CLERK_CASE_CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="urgent" label={t('cases.field.urgent')} valuePropName="checked" extra={t('cases.field.urgentHint')}>
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="categoryCode" label={t('cases.field.category')} rules={[{ required: true, message: t('common.required') }]}>
                <CategorySelect leavesOnly />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regionCode" label={t('cases.field.region')} rules={[{ required: true, message: t('common.required') }]}>
                <RegionPicker maxLevel="village" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="title" label={t('cases.field.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input maxLength={100} showCount />
              </Form.Item>
              <Form.Item name="description" label={t('cases.field.description')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input.TextArea rows={4} maxLength={4000} showCount />
              </Form.Item>
              <Form.Item name="address" label={t('cases.field.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactName" label={t('cases.field.contactName')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactPhone" label={t('cases.field.contactPhone')}>
                <Input maxLength={40} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactIdNumber" label={t('cases.field.idNumber')} extra={t('cases.field.idNumberHint')}>
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="consentContact" valuePropName="checked">
                <Checkbox>{t('cases.field.consent')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={sending} data-testid="register-case">
              {t('cases.register.submit')}
            </Button>
            <Button onClick={() => navigate('/cases')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
