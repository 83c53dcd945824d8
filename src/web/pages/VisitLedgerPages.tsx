import { Alert, App, Button, Card, Form, Input, Popconfirm, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { visitsApi } from '../../shared/api/visits.ts';
import { caseIntakeApi } from '../../shared/api/case-intake.ts';
import type { TIntakeCategory } from '../../shared/cases/case-channel-schemas.ts';
import { CASE_REGISTER_ROLES, hasAnyRole } from '../../shared/roles.ts';
import { useMe } from '../auth/AuthContext.tsx';
import type { ContractOutput } from '../../shared/api/index.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call } from '../api.ts';
import { errorText } from '../components/errors.ts';
import { FormModal } from '../components/FormModal.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

type Conflict = ContractOutput<typeof visitsApi.listAidConflicts>['items'][number];
type Delivery = Conflict['deliveries'][number];
type Proposal = ContractOutput<typeof visitsApi.listHardshipProposals>['items'][number];
type Resend = ContractOutput<typeof visitsApi.listResendConflicts>['items'][number];

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** 慰问冲突: aid handed over more often than the standard allows; the township admin voids one with a reason. */
export function AidConflictsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  useTitle(t('visits.aid.title'));
  const list = useApi((signal) => call(visitsApi.listAidConflicts, { query: {} }, { signal }), []);
  const [voiding, setVoiding] = useState<Delivery | null>(null);
  const ack = (d: Delivery) => (d.acknowledgement.kind === 'signed' ? t('visits.aid.signed') : t('visits.aid.witness', { name: d.acknowledgement.witnessName }));
  return (
    <>
      <PageHeader title={t('visits.aid.title')} />
      <Alert type="info" showIcon title={t('visits.aid.hint')} style={{ marginBottom: 16 }} />
      {list.error ? (
        <LoadError error={list.error} title={t('visits.aid.title')} onRetry={list.reload} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Conflict>
            rowKey={(c) => `${c.campaignId}:${c.householdId}:${c.itemCode}`}
            size="middle"
            pagination={false}
            scroll={{ x: 'max-content' }}
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('visits.aid.empty') }}
            columns={[
              { key: 'campaign', title: t('visits.aid.campaign'), render: (_, c) => c.campaignName },
              {
                key: 'household',
                title: t('visits.aid.household'),
                render: (_, c) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/households/${c.householdId}`}>{`${c.headName} ${c.householdNo}`}</Link>
                    <Typography.Text type="secondary">{c.villageName}</Typography.Text>
                  </Space>
                ),
              },
              { key: 'item', title: t('visits.aid.item'), render: (_, c) => <Space direction="vertical" size={0}>{c.itemName}<Tag color="red">{t('visits.aid.allowed', { allowed: c.allowed, count: c.deliveries.length })}</Tag></Space> },
              {
                key: 'deliveries',
                title: t('visits.aid.deliveries'),
                render: (_, c) => (
                  <Space direction="vertical">
                    {c.deliveries.map((d) => (
                      <Space key={d.id} wrap>
                        <span>{t('visits.aid.delivery', { who: d.recordedBy.displayName, at: formatLocalDateTime(d.visitedAt), amount: yuan(d.amountFen) })}</span>
                        {d.goods.length > 0 && <Typography.Text type="secondary">{t('visits.aid.goods', { goods: d.goods.map((g) => `${g.code}×${g.quantity}`).join('、') })}</Typography.Text>}
                        <Typography.Text type="secondary">{ack(d)}</Typography.Text>
                        <Button size="small" danger onClick={() => setVoiding(d)}>
                          {t('visits.aid.void')}
                        </Button>
                      </Space>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {voiding && (
        <FormModal<{ reason: string }>
          title={t('visits.aid.voidTitle')}
          okText={t('visits.aid.void')}
          danger
          fields={['reason']}
          onClose={() => setVoiding(null)}
          onSubmit={async (v) => {
            const done = await call(visitsApi.voidAidDelivery, { params: { id: voiding.id }, body: { reason: v.reason.trim() } });
            void message.success(done.conflictResolved ? t('visits.aid.voided') : t('visits.aid.voidedStill'));
            setVoiding(null);
            list.reload();
          }}
        >
          <Alert type="warning" showIcon title={t('visits.aid.voidHint')} style={{ marginBottom: 16 }} />
          <Form.Item name="reason" label={t('visits.aid.reason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

type ProposalStatus = 'pending' | 'approved' | 'rejected';

/** 困难类别变更审批: hardship changes proposed in visits, approved into the registry or rejected with a note. */
export function HardshipProposalsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  useTitle(t('visits.proposals.title'));
  const [status, setStatus] = useState<ProposalStatus>('pending');
  const list = useApi((signal) => call(visitsApi.listHardshipProposals, { query: { status } }, { signal }), [status]);
  const [rejecting, setRejecting] = useState<Proposal | null>(null);
  const approve = async (p: Proposal) => {
    try {
      await call(visitsApi.approveHardshipProposal, { params: { id: p.id }, body: { note: '' } });
      void message.success(t('visits.proposals.approved'));
      list.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };
  return (
    <>
      <PageHeader title={t('visits.proposals.title')} />
      <Alert type="info" showIcon title={t('visits.proposals.hint')} style={{ marginBottom: 16 }} />
      <Card
        styles={{ body: { padding: 0 } }}
        title={<Segmented<ProposalStatus> value={status} onChange={setStatus} options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`visits.proposals.status.${s}`) }))} />}
      >
        {list.error ? (
          <LoadError error={list.error} title={t('visits.proposals.title')} onRetry={list.reload} />
        ) : (
          <Table<Proposal>
            rowKey="id"
            size="middle"
            pagination={false}
            scroll={{ x: 'max-content' }}
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('visits.proposals.empty') }}
            columns={[
              { key: 'household', title: t('visits.aid.household'), render: (_, p) => <Link to={`/households/${p.householdId}`}>{`${p.headName} ${p.householdNo} · ${p.villageName}`}</Link> },
              { key: 'change', title: t('visits.proposals.change'), render: (_, p) => <Tag color={p.action === 'add' ? 'blue' : 'orange'}>{`${t(`visits.proposals.action.${p.action}`)} ${p.categoryName}`}</Tag> },
              { key: 'reason', title: t('visits.proposals.reason'), dataIndex: 'reason' },
              { key: 'by', title: t('visits.proposals.proposedBy'), render: (_, p) => `${p.proposedBy.displayName} · ${formatLocalDateTime(p.proposedAt)}` },
              {
                key: 'decision',
                title: t('visits.proposals.decision'),
                render: (_, p) =>
                  p.status === 'pending' ? (
                    <Space>
                      <Popconfirm title={t('visits.proposals.approveConfirm', { action: t(`visits.proposals.action.${p.action}`), category: p.categoryName })} onConfirm={() => approve(p)} okText={t('visits.proposals.approve')}>
                        <Button size="small" type="primary">
                          {t('visits.proposals.approve')}
                        </Button>
                      </Popconfirm>
                      <Button size="small" onClick={() => setRejecting(p)}>
                        {t('visits.proposals.reject')}
                      </Button>
                    </Space>
                  ) : (
                    <Space direction="vertical" size={0}>
                      <Tag>{t(`visits.proposals.status.${p.status}`)}</Tag>
                      {p.decisionNote && <Typography.Text type="secondary">{p.decisionNote}</Typography.Text>}
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {rejecting && (
        <FormModal<{ note: string }>
          title={t('visits.proposals.rejectTitle')}
          okText={t('visits.proposals.reject')}
          fields={['note']}
          onClose={() => setRejecting(null)}
          onSubmit={async (v) => {
            await call(visitsApi.rejectHardshipProposal, { params: { id: rejecting.id }, body: { note: v.note.trim() } });
            void message.success(t('visits.proposals.rejected'));
            setRejecting(null);
            list.reload();
          }}
        >
          <Form.Item name="note" label={t('visits.proposals.note')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

/** 重复提交审查: a record resent with different contents, kept for review; marked reviewed with a note. */
export function ResendConflictsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  useTitle(t('visits.resends.title'));
  const [status, setStatus] = useState<'open' | 'reviewed'>('open');
  const list = useApi((signal) => call(visitsApi.listResendConflicts, { query: { status } }, { signal }), [status]);
  const [reviewing, setReviewing] = useState<Resend | null>(null);
  const at = (value: unknown, path: string) => path.split(/[.[\]]/).filter(Boolean).reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), value);
  return (
    <>
      <PageHeader title={t('visits.resends.title')} />
      <Alert type="info" showIcon title={t('visits.resends.hint')} style={{ marginBottom: 16 }} />
      <Card
        styles={{ body: { padding: 0 } }}
        title={<Segmented<'open' | 'reviewed'> value={status} onChange={setStatus} options={(['open', 'reviewed'] as const).map((s) => ({ value: s, label: t(`visits.resends.status.${s}`) }))} />}
      >
        {list.error ? (
          <LoadError error={list.error} title={t('visits.resends.title')} onRetry={list.reload} />
        ) : (
          <Table<Resend>
            rowKey="id"
            size="middle"
            pagination={false}
            scroll={{ x: 'max-content' }}
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('visits.resends.empty') }}
            columns={[
              { key: 'household', title: t('visits.aid.household'), render: (_, r) => <Link to={`/households/${r.householdId}`}>{`${r.headName} ${r.householdNo} · ${r.villageName}`}</Link> },
              { key: 'by', title: t('visits.resends.receivedBy'), render: (_, r) => `${r.receivedBy.displayName} · ${formatLocalDateTime(r.receivedAt)}` },
              {
                key: 'diff',
                title: t('visits.resends.diff'),
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    {r.diffPaths.map((p) => (
                      <Typography.Text key={p}>{`${p}: ${t('visits.resends.stored')} ${JSON.stringify(at(r.stored, p)) ?? '—'} → ${t('visits.resends.received')} ${JSON.stringify(at(r.received, p)) ?? '—'}`}</Typography.Text>
                    ))}
                  </Space>
                ),
              },
              {
                key: 'review',
                title: t('common.actions'),
                render: (_, r) =>
                  r.reviewedAt === null ? (
                    <Button size="small" onClick={() => setReviewing(r)}>
                      {t('visits.resends.review')}
                    </Button>
                  ) : (
                    <Typography.Text type="secondary">{`${r.reviewedBy?.displayName ?? ''}：${r.reviewNote ?? ''}`}</Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {reviewing && (
        <FormModal<{ note: string }>
          title={t('visits.resends.reviewTitle')}
          okText={t('visits.resends.review')}
          fields={['note']}
          onClose={() => setReviewing(null)}
          onSubmit={async (v) => {
            await call(visitsApi.reviewResendConflict, { params: { id: reviewing.id }, body: { note: v.note.trim() } });
            void message.success(t('visits.resends.reviewed'));
            setReviewing(null);
            list.reload();
          }}
        >
          <Form.Item name="note" label={t('visits.proposals.note')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

type VisitProblem = ContractOutput<typeof visitsApi.listVisitProblems>['items'][number];
type ProblemFilter = 'open' | 'case_opened' | 'all';
const PROBLEM_COLOR = { open: 'orange', case_opened: 'blue', resolved: 'green', dropped: 'default' } as const;

/** The picker's label of a category: a child under its parent's name. */
const categoryLabel = (c: TIntakeCategory, all: readonly TIntakeCategory[], locale: 'zh-CN' | 'en') => {
  const name = (x: TIntakeCategory) => (locale === 'en' ? x.nameEn : x.name);
  const parent = c.parentCode ? all.find((p) => p.code === c.parentCode) : undefined;
  return parent ? `${name(parent)} / ${name(c)}` : name(c);
};

/** The category a visit problem becomes by default: the first leaf of its survey domain (as the server picks it). */
const defaultCategory = (domain: string, all: readonly TIntakeCategory[]) => {
  const ofDomain = all.filter((c) => c.domain === domain);
  return (ofDomain.find((c) => !all.some((k) => k.parentCode === c.code)) ?? ofDomain[0])?.code;
};

/** 走访问题: problems families raised in visits; whoever registers cases makes one a case (转为诉求), then links to it. */
export function VisitProblemsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  useTitle(t('caseIntake.problems.title'));
  const [filter, setFilter] = useState<ProblemFilter>('open');
  const list = useApi((signal) => call(visitsApi.listVisitProblems, { query: filter === 'all' ? {} : { status: filter } }, { signal }), [filter]);
  const canRegister = hasAnyRole(me.roles, CASE_REGISTER_ROLES);
  const categories = useApi((signal) => (canRegister ? call(caseIntakeApi.listIntakeCategories, {}, { signal }) : Promise.resolve({ items: [] })), [canRegister]);
  const [making, setMaking] = useState<VisitProblem | null>(null);
  const all = categories.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('caseIntake.problems.title')} />
      <Alert type="info" showIcon title={t('caseIntake.problems.hint')} style={{ marginBottom: 16 }} />
      <Card
        styles={{ body: { padding: 0 } }}
        title={<Segmented<ProblemFilter> value={filter} onChange={setFilter} options={(['open', 'case_opened', 'all'] as const).map((s) => ({ value: s, label: s === 'all' ? t('caseIntake.problems.all') : t(`caseIntake.problems.status.${s}`) }))} />}
      >
        {list.error ? (
          <LoadError error={list.error} title={t('caseIntake.problems.title')} onRetry={list.reload} />
        ) : (
          <>
            {list.data?.truncated && <Alert type="warning" banner title={t('caseIntake.problems.truncated')} />}
            <Table<VisitProblem>
              rowKey="id"
              size="middle"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              loading={list.loading}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: t('caseIntake.problems.empty') }}
              columns={[
                { key: 'household', title: t('caseIntake.problems.household'), render: (_, p) => <Link to={`/households/${p.householdId}`}>{`${p.headName} ${p.householdNo} · ${p.villageName}`}</Link> },
                { key: 'text', title: t('caseIntake.problems.text'), dataIndex: 'text' },
                { key: 'domain', title: t('caseIntake.problems.domain'), render: (_, p) => t(`survey.domain.${p.domain}`) },
                { key: 'at', title: t('caseIntake.problems.visitedAt'), render: (_, p) => formatLocalDateTime(p.visitedAt) },
                {
                  key: 'status',
                  title: t('caseIntake.problems.status'),
                  render: (_, p) =>
                    p.caseId ? (
                      <Link to={`/cases/${p.caseId}`} data-testid={`problem-case-${p.id}`}>
                        {t('caseIntake.problems.openCase')}
                      </Link>
                    ) : p.status === 'open' && canRegister ? (
                      <Button size="small" type="primary" onClick={() => setMaking(p)} data-testid={`problem-to-case-${p.id}`}>
                        {t('caseIntake.problems.toCase')}
                      </Button>
                    ) : (
                      <Tag color={PROBLEM_COLOR[p.status]}>{t(`caseIntake.problems.status.${p.status}`)}</Tag>
                    ),
                },
              ]}
            />
          </>
        )}
      </Card>
      {making && (
        <FormModal<{ categoryCode: string; urgent: boolean }>
          title={t('caseIntake.problems.toCaseTitle')}
          okText={t('caseIntake.problems.toCase')}
          fields={['categoryCode', 'urgent']}
          initialValues={{ categoryCode: defaultCategory(making.domain, all), urgent: false }}
          onClose={() => setMaking(null)}
          onSubmit={async (v) => {
            const made = await call(caseIntakeApi.registerVisitProblemCase, { params: { id: making.id }, body: { categoryCode: v.categoryCode, urgent: v.urgent } });
            void message.success(t('caseIntake.problems.made', { caseNo: made.caseNo }));
            setMaking(null);
            list.reload();
          }}
        >
          <Typography.Paragraph>{making.text}</Typography.Paragraph>
          <Form.Item name="categoryCode" label={t('caseIntake.problems.category')} extra={t('caseIntake.problems.categoryHint')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={all.map((c) => ({ value: c.code, label: categoryLabel(c, all, locale) }))} data-testid="problem-category" />
          </Form.Item>
          <Form.Item name="urgent" label={t('caseIntake.problems.urgent')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
