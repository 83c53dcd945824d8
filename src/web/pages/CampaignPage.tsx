import { App, Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { visitCampaignsApi } from '../../shared/api/visit-campaigns.ts';
import { CAMPAIGN_MANAGE_ROLES, hasAnyRole } from '../../shared/roles.ts';
import type { TCampaignDetail, TCampaignTarget } from '../../shared/visits/index.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { CampaignFormModal } from '../components/campaigns/CampaignFormModal.tsx';
import { ReassignModal } from '../components/campaigns/ReassignModal.tsx';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useHardshipCategories } from '../hooks/useHardshipCategories.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { CAMPAIGN_STATUS_COLOR } from './CampaignsPage.tsx';

type Village = TCampaignDetail['villages'][number];
const PAGE_SIZE = 20;

/** A campaign: its definition, open / close, target counts, and each village's households with bulk reassignment. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const categories = useHardshipCategories();
  const campaign = useApi((signal) => call(visitCampaignsApi.getCampaign, { params: { id } }, { signal }), [id]);
  const c = campaign.data;
  useTitle(c?.name ?? t('campaign.title'));
  const [editing, setEditing] = useState(false);
  const [village, setVillage] = useState<Village | null>(null);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [reassigning, setReassigning] = useState<string[] | null | false>(false);
  const targets = useApi(
    (signal) => (village && c && c.status !== 'draft' ? call(visitCampaignsApi.listTargets, { params: { id }, query: { villageCode: village.villageCode, page, pageSize: PAGE_SIZE } }, { signal }) : Promise.resolve(null)),
    [id, village?.villageCode, page, c?.status],
  );
  // Leaders read; a manager assigns in its area, and changes the campaign only when it organised it.
  const manager = hasAnyRole(me.roles, CAMPAIGN_MANAGE_ROLES);

  if (campaign.error && !campaign.loading) return <LoadError error={campaign.error} title={t('campaign.title')} onRetry={campaign.reload} />;
  if (!c) return <Card loading />;

  const act = (kind: 'open' | 'close') =>
    modal.confirm({
      title: t(kind === 'open' ? 'campaign.open' : 'campaign.close'),
      content: t(kind === 'open' ? 'campaign.openConfirm' : 'campaign.closeConfirm'),
      okButtonProps: { danger: kind === 'close' },
      onOk: async () => {
        try {
          const next = await call(kind === 'open' ? visitCampaignsApi.openCampaign : visitCampaignsApi.closeCampaign, { params: { id } });
          void message.success(kind === 'open' ? t('campaign.opened', { count: next.targets }) : t('campaign.closed'));
          campaign.reload();
        } catch (e) {
          void message.error(errorText(t, e));
        }
      },
    });

  const yuan = (fen: number) => t('campaign.yuan', { amount: (fen / 100).toLocaleString() });
  const d = c.definition;
  return (
    <div data-testid="campaign-page">
      <Typography.Link>
        <Link to="/campaigns">← {t('campaign.back')}</Link>
      </Typography.Link>
      <PageHeader
        title={
          <Space>
            {c.name}
            <Tag color={CAMPAIGN_STATUS_COLOR[c.status]}>{t(`campaign.status.${c.status}`)}</Tag>
          </Space>
        }
        extra={
          c.canManage && (
            <Space>
              {c.status === 'draft' && <Button onClick={() => setEditing(true)}>{t('campaign.edit')}</Button>}
              {c.status === 'draft' && (
                <Button type="primary" onClick={() => act('open')} data-testid="open-campaign">
                  {t('campaign.open')}
                </Button>
              )}
              {c.status === 'open' && (
                <Button danger onClick={() => act('close')} data-testid="close-campaign">
                  {t('campaign.close')}
                </Button>
              )}
            </Space>
          )
        }
      />
      {c.status === 'closed' ? <Alert type="info" showIcon title={t('campaign.closedHint')} style={{ marginBottom: 16 }} /> : manager && !c.canManage && <Alert type="info" showIcon title={t('campaign.readOnlyHint')} style={{ marginBottom: 16 }} />}
      <Card title={t('campaign.definition')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('campaign.col.kind')}>{t(`campaign.kind.${d.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.col.organiser')}>{c.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.col.period')}>{`${d.period.startsOn} – ${d.period.endsOn}`}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.col.deadline')}>{d.done.deadline}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.field.minVisits')}>{d.done.minVisits}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.field.minVisitsHardship')}>{d.done.minVisitsHardship}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.field.graceDays')}>{d.graceDays}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.field.regions')}>{c.regions.map((r) => r.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('campaign.section.aid')} span={2}>
            {d.aidStandards.length
              ? d.aidStandards.map((s) => (
                  <div key={s.categoryCode}>
                    {t('campaign.aidSummary', {
                      category: categories.nameOf(s.categoryCode),
                      items: s.items.map((i) => [i.name, i.amountFen !== undefined ? yuan(i.amountFen) : null, ...i.goods.map((g) => `${g.name}${g.quantity}${g.unit}`)].filter(Boolean).join(' + ')).join('；'),
                    })}
                  </div>
                ))
              : t('campaign.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaign.section.budgets')} span={2}>
            {d.budgets.length ? d.budgets.map((b) => `${c.townships.find((x) => x.townshipCode === b.townshipCode)?.townshipName ?? b.townshipCode} ${yuan(b.budgetFen)}`).join('；') : t('campaign.none')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {c.status !== 'draft' && (
        <>
          <Card title={t('campaign.townships')} size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
            <Table
              rowKey="townshipCode"
              size="small"
              pagination={false}
              dataSource={c.townships}
              columns={[
                { title: t('campaign.budget.township'), dataIndex: 'townshipName' },
                { title: t('campaign.count.targets'), dataIndex: 'targets', align: 'right' },
                { title: t('campaign.count.hardship'), dataIndex: 'hardship', align: 'right' },
                { title: t('campaign.count.assigned'), dataIndex: 'assigned', align: 'right' },
              ]}
            />
          </Card>
          <Card title={t('campaign.villages')} size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
            <Table<Village>
              rowKey="villageCode"
              size="small"
              dataSource={c.villages}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              onRow={(v) => ({ onClick: () => (setVillage(v), setPage(1), setSelected([])), style: { cursor: 'pointer', background: v.villageCode === village?.villageCode ? '#e6f4ff' : undefined } })}
              columns={[
                { title: t('campaign.budget.township'), dataIndex: 'townshipName' },
                { title: t('campaign.col.village'), dataIndex: 'villageName', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
                { title: t('campaign.count.targets'), dataIndex: 'targets', align: 'right' },
                { title: t('campaign.count.hardship'), dataIndex: 'hardship', align: 'right' },
                { title: t('campaign.count.assigned'), dataIndex: 'assigned', align: 'right' },
              ]}
            />
          </Card>
          {village && (
            <Card
              title={t('campaign.targetsOf', { village: village.villageName })}
              size="small"
              styles={{ body: { padding: 0 } }}
              extra={
                manager &&
                c.status === 'open' && (
                  <Space>
                    {selected.length > 0 && <Button onClick={() => setReassigning(selected)}>{t('campaign.reassignSelected', { count: selected.length })}</Button>}
                    <Button type="primary" onClick={() => setReassigning(null)} data-testid="reassign-village">
                      {t('campaign.reassignAll')}
                    </Button>
                  </Space>
                )
              }
            >
              <Table<TCampaignTarget>
                rowKey="householdId"
                size="small"
                loading={targets.loading}
                dataSource={targets.data?.items ?? []}
                {...(manager && c.status === 'open' ? { rowSelection: { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } } : {})}
                pagination={{ current: page, pageSize: PAGE_SIZE, total: targets.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
                columns={[
                  { title: t('campaign.target.householdNo'), dataIndex: 'householdNo', render: (no: string, r) => <Link to={`/households/${r.householdId}`}>{no}</Link> },
                  { title: t('campaign.target.head'), dataIndex: 'headName' },
                  { title: t('campaign.target.categories'), dataIndex: 'categoryCodes', render: (codes: string[]) => codes.map((code) => <Tag key={code}>{categories.nameOf(code)}</Tag>) },
                  { title: t('campaign.target.cadre'), dataIndex: 'cadre', render: (cadre: TCampaignTarget['cadre']) => (cadre ? cadre.displayName : <Typography.Text type="secondary">{t('campaign.target.villageCadres')}</Typography.Text>) },
                ]}
              />
            </Card>
          )}
        </>
      )}
      {editing && <CampaignFormModal campaign={c} onClose={() => setEditing(false)} onDone={() => campaign.reload()} />}
      {village && reassigning !== false && (
        <ReassignModal
          campaignId={c.id}
          villageCode={village.villageCode}
          villageName={village.villageName}
          householdIds={reassigning}
          onClose={() => setReassigning(false)}
          onDone={(count) => {
            void message.success(t('campaign.reassign.done', { count }));
            setSelected([]);
            campaign.reload();
            targets.reload();
          }}
        />
      )}
    </div>
  );
}
