import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { assessmentApi } from '../../shared/api/assessment.ts';
import { CITY_FIGURES, CITY_SPOT_CHECK_COLUMNS, type TCitySpotCheck } from '../../shared/assessment/assessment-api-schemas.ts';
import { checkEntry, isRate, type EntryForm, type Figure } from '../components/assessment/spot-check-entry.ts';
import { IMPORT_CONTENT_TYPES } from '../../shared/registry/import-schemas.ts';
import { ASSESSMENT_MANAGE_ROLES, hasAnyRole } from '../../shared/roles.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call, isApiError, uploadCall } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { applyIssues, errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { problemText } from '../components/survey/issues.ts';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';

const contentTypeOf = (file: File) => ((IMPORT_CONTENT_TYPES as readonly string[]).includes(file.type) ? file.type : 'application/octet-stream');
const shown = (figure: Figure, x: number | null) => (x === null ? '—' : isRate(figure) ? `${(x * 100).toFixed(1)}%` : x.toFixed(1));

/**
 * 市级抽查: the city's own spot-check figures for the county, which the assessment compares the
 * county's survey with. The county's staff read them; the county admin enters one by hand or
 * imports the city's file (all rows or none, every wrong row named).
 */
export function CitySpotChecksPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  useTitle(t('spotCheck.title'));
  const manager = hasAnyRole(me.roles, ASSESSMENT_MANAGE_ROLES);
  const list = useApi((signal) => call(assessmentApi.listCitySpotChecks, undefined, { signal }), []);
  const [entering, setEntering] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; issues: string[] } | null>(null);

  const send = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await uploadCall(assessmentApi.importCitySpotChecks, {}, file, contentTypeOf(file));
      void message.success(t('spotCheck.imported', { count: r.imported }));
      list.reload();
    } catch (e) {
      setProblem({ text: problemText(t, locale, e), issues: isApiError(e) ? e.issues.map((i) => i.message) : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="spot-check-page">
      <PageHeader
        title={t('spotCheck.title')}
        extra={
          <Space wrap>
            <Link to="/assessments">{t('spotCheck.back')}</Link>
            {manager && (
              <>
                <Upload
                  accept=".xlsx,.csv"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void send(file);
                    return Upload.LIST_IGNORE;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={busy} data-testid="spot-check-import">
                    {t('spotCheck.import')}
                  </Button>
                </Upload>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)} data-testid="spot-check-add">
                  {t('spotCheck.add')}
                </Button>
              </>
            )}
          </Space>
        }
      />
      {manager && <Alert type="info" showIcon title={t('spotCheck.importHint', { columns: CITY_SPOT_CHECK_COLUMNS.map((c) => c.zh).join('、') })} style={{ marginBottom: 16 }} />}
      {problem && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setProblem(null)}
          style={{ marginBottom: 16 }}
          data-testid="spot-check-problem"
          title={problem.text}
          description={problem.issues.length ? <ul style={{ margin: 0, paddingLeft: 20 }}>{problem.issues.map((i) => <li key={i}>{i}</li>)}</ul> : undefined}
        />
      )}
      {list.error && !list.loading ? (
        <LoadError error={list.error} title={t('spotCheck.title')} onRetry={list.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<TCitySpotCheck>
            rowKey="id"
            size="middle"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('spotCheck.empty') }}
            scroll={{ x: 900 }}
            data-testid="spot-check-table"
            columns={[
              { key: 'period', title: t('spotCheck.period'), render: (_, c) => `${c.periodStart} – ${c.periodEnd}` },
              { key: 'figure', title: t('spotCheck.figure'), render: (_, c) => t(`spotCheck.figure.${c.figure}`) },
              { key: 'estimate', title: t('spotCheck.estimate'), render: (_, c) => shown(c.figure, c.estimate) },
              { key: 'interval', title: t('spotCheck.interval'), render: (_, c) => (c.lower === null ? '—' : `${shown(c.figure, c.lower)} – ${shown(c.figure, c.upper)}`) },
              { key: 'n', title: t('spotCheck.n'), render: (_, c) => c.n ?? '—' },
              { key: 'rank', title: t('spotCheck.rank'), render: (_, c) => (c.cityRank === null ? '—' : c.cityCounties === null ? String(c.cityRank) : `${c.cityRank} / ${c.cityCounties}`) },
              { key: 'source', title: t('spotCheck.source'), dataIndex: 'source' },
              { key: 'at', title: t('spotCheck.enteredAt'), render: (_, c) => formatLocalDateTime(c.createdAt) },
            ]}
          />
        </Card>
      )}
      {entering && (
        <EntryModal
          onClose={() => setEntering(false)}
          onDone={() => {
            setEntering(false);
            list.reload();
          }}
        />
      )}
    </div>
  );
}

function EntryModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryForm>();
  const figure = Form.useWatch('figure', form);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const suffix = figure && isRate(figure) ? '%' : undefined;
  const go = async () => {
    setProblem(null);
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const checked = checkEntry(t, values);
    if (!checked.ok) {
      form.setFields(checked.fields);
      return;
    }
    setBusy(true);
    try {
      await call(assessmentApi.saveCitySpotCheck, { body: checked.body });
      void message.success(t('spotCheck.saved'));
      onDone();
    } catch (e) {
      if (!applyIssues(form, e, ['figure', 'estimate', 'n', 'lower', 'upper', 'source', 'cityRank', 'cityCounties', 'period'], { periodStart: 'period', periodEnd: 'period' })) setProblem(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const num = (name: keyof EntryForm, label: MessageKey, unit?: string) => (
    <Form.Item name={name} label={t(label)}>
      <InputNumber suffix={unit} style={{ width: 160 }} data-testid={`spot-check-${name}`} />
    </Form.Item>
  );
  return (
    <Modal open title={t('spotCheck.add')} onOk={() => void go()} okButtonProps={{ 'data-testid': 'spot-check-ok' } as never} confirmLoading={busy} onCancel={onClose} destroyOnHidden width={640}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="spot-check-entry-problem" />}
      <Form form={form} layout="vertical" name="spot-check-entry">
        <Form.Item name="period" label={t('spotCheck.period')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker.RangePicker data-testid="spot-check-period" />
        </Form.Item>
        <Form.Item name="figure" label={t('spotCheck.figure')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={CITY_FIGURES.map((f) => ({ value: f, label: t(`spotCheck.figure.${f}`) }))} style={{ width: 200 }} data-testid="spot-check-figure" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="estimate" label={t('spotCheck.estimate')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber suffix={suffix} style={{ width: 160 }} data-testid="spot-check-estimate" />
          </Form.Item>
          {num('lower', 'spotCheck.lower', suffix)}
          {num('upper', 'spotCheck.upper', suffix)}
        </Space>
        <Space wrap align="start">
          {num('n', 'spotCheck.n')}
          {num('cityRank', 'spotCheck.cityRank')}
          {num('cityCounties', 'spotCheck.cityCounties')}
        </Space>
        <Form.Item name="source" label={t('spotCheck.source')} extra={t('spotCheck.sourceHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="spot-check-source" />
        </Form.Item>
        <Typography.Text type="secondary">{t('spotCheck.replaceHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
