/**
 * "我的走访": the cadre's households per campaign from the stored work package, with what is due
 * (the server's status, and "recorded, waiting to send" for a visit made on this phone since),
 * searchable by name, village or address.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { formatLocalDateTime } from '../../shared/time.ts';
import type { TWorkHousehold } from '../../shared/visits/index.ts';
import { isApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLive, usePhone } from './PhoneContext.tsx';
import { saveWork } from './store.ts';
import { searchHouseholds } from './work-package.ts';
import { visitCampaignsApi } from '../../shared/api/visit-campaigns.ts';
import { call } from '../api.ts';

type Filter = 'all' | 'due' | 'overdue' | 'done';
const STATUS_COLOR = { due: 'blue', overdue: 'red', done: 'green', done_late: 'green', recorded: 'gold' } as const;

export function MyVisitsPage() {
  const { t } = useI18n();
  const { db, online, signedIn } = usePhone();
  const stored = useLive(() => db.work.get('current'), [db]);
  const recorded = useLive(async () => {
    // Households with a visit on this phone the package does not count yet (not sent, or sent after it was made).
    const records = await db.records.toArray();
    const since = stored?.fetchedAt ?? '';
    return new Set(records.filter((r) => r.state === 'pending' || (r.sentAt !== null && r.sentAt > since)).map((r) => `${r.body.campaignId ?? ''}/${r.body.householdId}`));
  }, [db, stored?.fetchedAt]);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const download = async () => {
    setLoading(true);
    setLoadError(null);
    try {
      await saveWork(db, await call(visitCampaignsApi.myWork, undefined, { redirectOn401: false }));
    } catch (e) {
      setLoadError(isApiError(e) ? e.detail || e.code : String(e));
    } finally {
      setLoading(false);
    }
  };

  const work = stored?.work;
  const campaign = work?.campaigns.find((c) => c.id === campaignId) ?? work?.campaigns[0];
  const households = useMemo(() => {
    if (!work || !campaign) return [];
    const inCampaign = work.households.filter((h) => h.campaignId === campaign.id);
    const byStatus = (h: TWorkHousehold) => filter === 'all' || (filter === 'done' ? h.status === 'done' || h.status === 'done_late' : h.status === filter);
    return searchHouseholds(inCampaign, query).filter(byStatus);
  }, [work, campaign, query, filter]);

  if (stored === undefined) return null;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="phone-my-visits">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {stored ? t('visitApp.packageAge', { time: formatLocalDateTime(stored.fetchedAt) }) : ''}
        </Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} loading={loading} disabled={!online || !signedIn} onClick={() => void download()} data-testid="phone-refresh">
          {t('visitApp.refresh')}
        </Button>
      </Space>
      {loadError && <Alert type="error" showIcon title={t('visitApp.packageFailed', { message: loadError })} />}
      {!work && <Alert type="info" showIcon title={t('visitApp.noPackage')} />}
      {work && work.campaigns.length > 1 && (
        <Select
          aria-label={t('visitApp.campaign')}
          value={campaign?.id}
          onChange={setCampaignId}
          options={work.campaigns.map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: '100%' }}
        />
      )}
      {work && campaign && (
        <>
          {work.campaigns.length === 1 && <Typography.Text strong>{campaign.name}</Typography.Text>}
          <Input.Search allowClear placeholder={t('visitApp.search')} aria-label={t('visitApp.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
          <Segmented<Filter>
            block
            value={filter}
            onChange={setFilter}
            options={(['all', 'due', 'overdue', 'done'] as const).map((f) => ({ value: f, label: t(`visitApp.filter.${f}`) }))}
          />
          {households.length === 0 && <Empty description={t('visitApp.noHouseholds')} />}
          {households.map((h) => {
            const isRecorded = recorded?.has(`${h.campaignId}/${h.householdId}`) && h.status !== 'done' && h.status !== 'done_late';
            const status = isRecorded ? 'recorded' : h.status;
            return (
              <Card key={h.householdId} size="small" data-testid="phone-household" styles={{ body: { padding: 12 } }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {h.headName}
                    </Typography.Text>{' '}
                    {h.hardship && <Tag color="volcano">{t('visitApp.hardship')}</Tag>}
                    <div style={{ color: 'rgba(0,0,0,.55)', fontSize: 13 }}>
                      {h.villageName} · {h.address}
                    </div>
                    <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>
                      {[h.phoneMasked, t('visitApp.visits', { counted: h.visitsCounted, required: h.required }), h.assignedToMe ? null : t('visitApp.assignedVillage')].filter(Boolean).join(' · ')}
                    </div>
                  </div>
                  <Tag color={STATUS_COLOR[status]} style={{ alignSelf: 'flex-start', marginInlineEnd: 0 }}>
                    {t(`visitApp.status.${status}`)}
                  </Tag>
                </div>
                <Link to={`/m/visit/${h.campaignId}/${h.householdId}`}>
                  <Button type="primary" block style={{ marginTop: 8 }} data-testid="phone-record-visit">
                    {t('visitApp.record')}
                  </Button>
                </Link>
              </Card>
            );
          })}
        </>
      )}
    </Space>
  );
}
