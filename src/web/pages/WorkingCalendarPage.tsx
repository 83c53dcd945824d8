import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, Popconfirm, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { workingCalendarApi } from '../../shared/api/case-config.ts';
import type { TCalendarDay, TCalendarYear } from '../../shared/cases/case-config-schemas.ts';
import { isWeekend } from '../../shared/cases/index.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { ApiError, call } from '../api.ts';
import { errorText } from '../components/errors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { requiredRule } from '../components/rules.ts';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';

interface AddValues {
  day: Dayjs;
  kind: 'holiday' | 'workday';
  name: string;
}

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** 工作日历: a year of the county's calendar by month, holidays and 调休 marked with their source; the county admin edits it. */
export function WorkingCalendarPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  useTitle(t('caseConfig.calendar.title'));
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [override, setOverride] = useState<TCalendarYear | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<AddValues>();
  const loaded = useApi((signal) => call(workingCalendarApi.getCalendarYear, { params: { year } }, { signal }), [year]);
  const data = override?.year === year ? override : loaded.data;

  const months = useMemo(() => {
    const by = new Map<number, TCalendarDay[]>();
    for (const d of data?.days ?? []) {
      const m = Number(d.day.slice(5, 7));
      by.set(m, [...(by.get(m) ?? []), d]);
    }
    return [...by.entries()].sort((a, b) => a[0] - b[0]);
  }, [data]);

  const update = async (body: { set?: AddValues[] | { day: string; kind: 'holiday' | 'workday'; name: string }[]; remove?: string[] }) => {
    setBusy(true);
    try {
      const set = (body.set ?? []).map((s) => ({ day: typeof s.day === 'string' ? s.day : s.day.format('YYYY-MM-DD'), kind: s.kind, name: s.name.trim() }));
      const next = await call(workingCalendarApi.updateCalendarYear, { params: { year }, body: { set, remove: body.remove ?? [] } });
      setOverride(next);
      form.resetFields();
      void message.success(t('caseConfig.calendar.saved'));
    } catch (e) {
      // The check's issues name each day: show them all.
      if (e instanceof ApiError && e.issues.length) form.setFields([{ name: 'day', errors: e.issues.map((i) => i.message) }]);
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const loadOfficial = async () => {
    setBusy(true);
    try {
      const next = await call(workingCalendarApi.loadOfficialYear, { params: { year } });
      setOverride(next);
      void message.success(t('caseConfig.calendar.loaded', { written: next.written }));
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const sourceTag = (source: string) => (source === 'manual' ? <Tag color="orange">{t('caseConfig.calendar.source.manual')}</Tag> : <Tag>{source}</Tag>);

  return (
    <>
      <PageHeader
        title={t('caseConfig.calendar.title')}
        extra={
          <Space>
            <Typography.Text>{t('caseConfig.calendar.year')}</Typography.Text>
            <Select value={year} onChange={(y) => setYear(y)} style={{ width: 110 }} options={Array.from({ length: 9 }, (_, i) => thisYear - 5 + i).map((y) => ({ value: y, label: String(y) }))} data-testid="calendar-year" />
            {data?.officialAvailable && (
              <Popconfirm title={t('caseConfig.calendar.reloadConfirm', { year })} onConfirm={loadOfficial}>
                <Button icon={<ReloadOutlined />} loading={busy}>
                  {data.loaded ? t('caseConfig.calendar.reload') : t('caseConfig.calendar.load')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Alert type="info" showIcon title={t('caseConfig.calendar.hint')} style={{ marginBottom: 12 }} />
      {data && !data.officialAvailable && (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-no-official"
          title={t('caseConfig.calendar.noOfficial', { year })}
          description={t('caseConfig.calendar.noOfficialRange', { source: data.officialSource, from: data.officialYears.from, to: data.officialYears.to })}
          style={{ marginBottom: 12 }}
        />
      )}
      {data?.officialAvailable && (
        <Alert
          type={data.loaded ? 'success' : 'warning'}
          showIcon
          title={data.loaded ? t('caseConfig.calendar.official', { year, source: data.loaded.source, loadedAt: formatLocalDateTime(data.loaded.loadedAt) }) : t('caseConfig.calendar.officialNotLoaded', { year })}
          style={{ marginBottom: 12 }}
        />
      )}
      {data?.warnings.map((w) => <Alert key={w.from} type="warning" showIcon title={t('caseConfig.calendar.longBlock', { from: w.from, to: w.to, days: w.days })} style={{ marginBottom: 12 }} />)}
      <Card title={t('caseConfig.calendar.addDay')} size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={(v) => update({ set: [v] })} initialValues={{ kind: 'holiday' }}>
          <Form.Item
            name="day"
            rules={[
              requiredRule(t),
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | undefined) => (!v || getFieldValue('kind') !== 'workday' || isWeekend(v.format('YYYY-MM-DD')) ? Promise.resolve() : Promise.reject(new Error(t('caseConfig.calendar.workdayRule')))),
              }),
            ]}
          >
            <DatePicker minDate={dayjs(`${year}-01-01`)} maxDate={dayjs(`${year}-12-31`)} defaultPickerValue={dayjs(`${year}-01-01`)} placeholder={t('caseConfig.calendar.day')} />
          </Form.Item>
          <Form.Item name="kind" rules={[requiredRule(t)]}>
            <Radio.Group optionType="button" options={[{ value: 'holiday', label: t('caseConfig.calendar.kind.holiday') }, { value: 'workday', label: t('caseConfig.calendar.kind.workday') }]} />
          </Form.Item>
          <Form.Item name="name" rules={[requiredRule(t), { max: 40, whitespace: true }]}>
            <Input placeholder={t('caseConfig.calendar.name')} maxLength={40} style={{ width: 180 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      {loaded.loading && !data ? (
        <Card loading />
      ) : months.length === 0 ? (
        <Card>
          <Empty description={t('caseConfig.calendar.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {months.map(([month, days]) => (
            <Col xs={24} lg={12} xxl={8} key={month}>
              <Card size="small" title={t('caseConfig.calendar.month', { month: String(month) })}>
                <Table<TCalendarDay>
                  size="small"
                  pagination={false}
                  rowKey="day"
                  dataSource={days}
                  columns={[
                    { title: t('caseConfig.calendar.day'), dataIndex: 'day', width: 110 },
                    { title: t('caseConfig.calendar.weekday'), key: 'weekday', width: 60, render: (_, d) => t(`caseConfig.weekday.${weekdayOf(d.day)}` as MessageKey) },
                    {
                      title: t('caseConfig.calendar.kind'),
                      dataIndex: 'kind',
                      width: 100,
                      render: (kind: string) => <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`caseConfig.calendar.kind.${kind}` as MessageKey)}</Tag>,
                    },
                    { title: t('caseConfig.calendar.name'), dataIndex: 'name' },
                    { title: t('caseConfig.calendar.source'), dataIndex: 'source', render: (source: string) => sourceTag(source) },
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 70,
                      render: (_, d) =>
                        d.source === 'manual' ? (
                          <Popconfirm title={t('caseConfig.calendar.removeConfirm', { day: d.day })} onConfirm={() => update({ remove: [d.day] })}>
                            <Button type="link" size="small" danger>
                              {t('caseConfig.calendar.remove')}
                            </Button>
                          </Popconfirm>
                        ) : null,
                    },
                  ]}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
