import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { visitCampaignsApi } from '../../shared/api/visit-campaigns.ts';
import { CAMPAIGN_MANAGE_ROLES, hasAnyRole } from '../../shared/roles.ts';
import type { TCampaignStatus, TCampaignSummary } from '../../shared/visits/index.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { CampaignFormModal } from '../components/campaigns/CampaignFormModal.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

type StatusFilter = 'all' | TCampaignStatus;

export const CAMPAIGN_STATUS_COLOR: Record<TCampaignStatus, string> = { draft: 'default', open: 'processing', closed: 'success' };

/** 走访活动: the campaigns organised in or covering the caller's area; admins draft new ones. */
export function CampaignsPage() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  useTitle(t('campaign.title'));
  const canManage = hasAnyRole(me.roles, CAMPAIGN_MANAGE_ROLES);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [creating, setCreating] = useState(false);
  const campaigns = useApi((signal) => call(visitCampaignsApi.listCampaigns, { query: status === 'all' ? {} : { status } }, { signal }), [status]);

  return (
    <div data-testid="campaigns-page">
      <PageHeader
        title={t('campaign.title')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-campaign">
              {t('campaign.create')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: '12px 16px', display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
          <Segmented<StatusFilter>
            value={status}
            onChange={setStatus}
            options={(['all', 'draft', 'open', 'closed'] as const).map((s) => ({ value: s, label: s === 'all' ? t('campaign.all') : t(`campaign.status.${s}`) }))}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('campaign.listHint')}
          </Typography.Text>
        </div>
        {campaigns.error && !campaigns.loading ? (
          <LoadError error={campaigns.error} title={t('campaign.title')} onRetry={campaigns.reload} />
        ) : (
          <Table<TCampaignSummary>
            rowKey="id"
            loading={campaigns.loading}
            dataSource={campaigns.data?.items ?? []}
            pagination={false}
            scroll={{ x: 800 }}
            columns={[
              { title: t('campaign.col.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/campaigns/${c.id}`}>{name}</Link> },
              { title: t('campaign.col.kind'), dataIndex: 'kind', render: (k: TCampaignSummary['kind']) => t(`campaign.kind.${k}`) },
              { title: t('campaign.col.status'), dataIndex: 'status', render: (s: TCampaignStatus) => <Tag color={CAMPAIGN_STATUS_COLOR[s]}>{t(`campaign.status.${s}`)}</Tag> },
              { title: t('campaign.col.organiser'), dataIndex: 'regionName' },
              { title: t('campaign.col.period'), key: 'period', render: (_, c) => `${c.startsOn} – ${c.endsOn}` },
              { title: t('campaign.col.deadline'), dataIndex: 'deadline' },
              { title: t('campaign.col.targets'), dataIndex: 'targets', align: 'right' },
            ]}
          />
        )}
      </Card>
      {creating && <CampaignFormModal onClose={() => setCreating(false)} onDone={(c) => navigate(`/campaigns/${c.id}`)} />}
    </div>
  );
}
