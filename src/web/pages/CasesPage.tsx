import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { casesApi } from '../../shared/api/cases.ts';
import { CASE_CHANNELS, CASE_STATUSES, type TCaseChannel, type TCaseStatus } from '../../shared/cases/index.ts';
import { CASE_REGISTER_ROLES, hasAnyRole } from '../../shared/roles.ts';
import type { TCaseListItem, TCaseListQuery } from '../../shared/schemas/cases.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { CaseStatusTags, DueTag } from '../components/cases/CaseTags.tsx';
import { CategorySelect } from '../components/cases/CategorySelect.tsx';
import { deadlineTime } from '../components/cases/deadline.ts';
import { useDepartmentOptions } from '../components/cases/useDepartmentOptions.ts';
import { FilterBar } from '../components/FilterBar.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { usePagedList } from '../hooks/usePagedList.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

interface Filters {
  status?: TCaseStatus[];
  category?: string;
  channel?: TCaseChannel;
  regionCode?: string;
  unitDepartmentId?: string;
  due?: 'overdue' | 'due_soon';
  reopened?: boolean;
  q?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

type ListQuery = Omit<TCaseListQuery, 'cursor' | 'limit'>;

/** The list API's own filter names, as the address carries them (the workbench links here with them). */
const QUERY_KEYS = ['status', 'category', 'channel', 'regionCode', 'unitRegionCode', 'unitDepartmentId', 'overdue', 'dueSoon', 'reopened', 'urgent', 'q', 'from', 'to'] as const;

function queryOf(params: URLSearchParams): ListQuery {
  const query: Record<string, string> = {};
  for (const key of QUERY_KEYS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return query as ListQuery;
}

/** The address's filters in the form (the unit of a workbench link has no field: it stays until reset). */
function filtersOf(q: ListQuery): Filters {
  return {
    status: q.status ? (q.status.split(',').filter((s) => (CASE_STATUSES as readonly string[]).includes(s)) as TCaseStatus[]) : [],
    category: q.category,
    channel: q.channel,
    regionCode: q.regionCode,
    unitDepartmentId: q.unitDepartmentId,
    due: q.overdue === 'true' ? 'overdue' : q.dueSoon === 'true' ? 'due_soon' : undefined,
    reopened: q.reopened === 'true',
    q: q.q,
    dates: q.from || q.to ? [q.from ? dayjs(q.from) : null, q.to ? dayjs(q.to) : null] : null,
  };
}

/** The form's filters as the list's query (days of the range as Shanghai dates). */
function toQuery(f: Filters): ListQuery {
  const from = f.dates?.[0]?.format('YYYY-MM-DD');
  const to = f.dates?.[1]?.format('YYYY-MM-DD');
  return {
    ...(f.status?.length ? { status: f.status.join(',') } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.regionCode ? { regionCode: f.regionCode } : {}),
    ...(f.unitDepartmentId ? { unitDepartmentId: f.unitDepartmentId } : {}),
    ...(f.due === 'overdue' ? { overdue: 'true' } : f.due === 'due_soon' ? { dueSoon: 'true' } : {}),
    ...(f.reopened ? { reopened: 'true' } : {}),
    ...(f.q?.trim() ? { q: f.q.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** 民情诉求: the cases of the caller's area with filters, newest first, a page at a time. */
export function CasesPage() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  useTitle(t('cases.title'));
  const [form] = Form.useForm<Filters>();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryOf(params), [params]);
  useEffect(() => form.setFieldsValue(filtersOf(query)), [form, query]);
  const departments = useDepartmentOptions();
  const list = usePagedList<TCaseListItem>((cursor, signal) => call(casesApi.listCases, { query: { ...query, ...(cursor ? { cursor } : {}) } }, { signal }), JSON.stringify(query));

  const columns = [
    { title: t('cases.col.caseNo'), dataIndex: 'caseNo', render: (no: string, c: TCaseListItem) => <Link to={`/cases/${c.id}`}>{no}</Link> },
    { title: t('cases.col.title'), dataIndex: 'title' },
    { title: t('cases.col.category'), dataIndex: 'categoryName', hidden: mobile },
    { title: t('cases.col.region'), dataIndex: 'regionName', hidden: mobile },
    { title: t('cases.col.unit'), key: 'unit', hidden: mobile, render: (_: unknown, c: TCaseListItem) => c.unit?.name ?? <Typography.Text type="secondary">{t('cases.noUnit')}</Typography.Text> },
    { title: t('cases.col.status'), key: 'status', render: (_: unknown, c: TCaseListItem) => <CaseStatusTags status={c.status} urgent={c.urgent} reopenCount={c.reopenCount} /> },
    {
      title: t('cases.col.deadline'),
      key: 'deadline',
      render: (_: unknown, c: TCaseListItem) => {
        const due = c.acceptedAt === null ? c.responseDueAt : c.resolveDueAt;
        return due ? (
          <Space size={4} wrap>
            <Typography.Text type={c.overdue ? 'danger' : undefined}>{deadlineTime(due)}</Typography.Text>
            <DueTag overdue={c.overdue} dueSoon={c.dueSoon} />
          </Space>
        ) : (
          t('cases.due.none')
        );
      },
    },
    { title: t('cases.col.registeredAt'), dataIndex: 'registeredAt', hidden: mobile, render: (at: string) => formatLocalDateTime(at).slice(0, 16) },
  ];

  return (
    <div data-testid="cases-page">
      <PageHeader
        title={t('cases.title')}
        extra={
          hasAnyRole(me.roles, CASE_REGISTER_ROLES) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')} data-testid="new-case">
              {t('cases.new')}
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <FilterBar<Filters>
          name="case-filters"
          form={form}
          onSearch={(values) => setParams({ ...toQuery(values), ...(query.unitRegionCode ? { unitRegionCode: query.unitRegionCode } : {}), ...(query.urgent ? { urgent: query.urgent } : {}) })}
          onReset={() => setParams({})}
          children={[
            {
              key: 'status',
              node: (
                <Form.Item name="status" noStyle>
                  <Select mode="multiple" allowClear placeholder={t('cases.filter.status')} options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))} style={{ width: '100%' }} />
                </Form.Item>
              ),
            },
            { key: 'category', node: <Form.Item name="category" noStyle><CategorySelect placeholder={t('cases.filter.category')} /></Form.Item> },
            {
              key: 'channel',
              node: (
                <Form.Item name="channel" noStyle>
                  <Select allowClear placeholder={t('cases.filter.channel')} options={CASE_CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))} style={{ width: '100%' }} />
                </Form.Item>
              ),
            },
            { key: 'region', node: <Form.Item name="regionCode" noStyle><RegionPicker maxLevel="village" allowClear placeholder={t('cases.filter.region')} /></Form.Item> },
            {
              key: 'unit',
              node: (
                <Form.Item name="unitDepartmentId" noStyle>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('cases.filter.unit')}
                    options={departments.options}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              ),
            },
            {
              key: 'due',
              node: (
                <Form.Item name="due" noStyle>
                  <Select
                    allowClear
                    placeholder={t('cases.filter.due')}
                    options={(['overdue', 'due_soon'] as const).map((d) => ({ value: d, label: t(`cases.filter.due.${d}`) }))}
                    style={{ width: '100%' }}
                    data-testid="filter-due"
                  />
                </Form.Item>
              ),
            },
            { key: 'q', node: <Form.Item name="q" noStyle><Input allowClear placeholder={t('cases.filter.text')} maxLength={40} data-testid="filter-q" /></Form.Item> },
            { key: 'dates', node: <Form.Item name="dates" noStyle><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item> },
            { key: 'reopened', node: <Form.Item name="reopened" valuePropName="checked" noStyle><Checkbox>{t('cases.filter.reopened')}</Checkbox></Form.Item> },
          ]}
        />
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Typography.Paragraph type="secondary" style={{ padding: '12px 16px 0', margin: 0, fontSize: 12 }}>
          {t('cases.listHint')}
        </Typography.Paragraph>
        <Table<TCaseListItem> rowKey="id" loading={list.loading && list.items.length === 0} dataSource={list.items} pagination={false} scroll={{ x: mobile ? undefined : 1000 }} columns={columns} data-testid="cases-table" />
        <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
      </Card>
    </div>
  );
}
