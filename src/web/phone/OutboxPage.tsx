/**
 * The outbox: how many records wait to be sent, the last sync, "send now", and every record on
 * this phone with its state and, for a failure, the server's own message.
 */
import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { formatLocalDateTime } from '../../shared/time.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLive, usePhone } from './PhoneContext.tsx';
import type { OutboxRecord } from './store.ts';

const STATE_COLOR = { pending: 'gold', sent: 'green', conflict: 'red', refused: 'red' } as const;

export function OutboxPage() {
  const { t } = useI18n();
  const { db, online, signedIn, needsSignIn, syncing, lastRound, syncNow } = usePhone();
  const records = useLive(() => db.records.orderBy('createdAt').reverse().toArray(), [db]);
  const lastSync = useLive(() => db.meta.get('lastSync'), [db]);
  if (records === undefined) return null;
  const pending = records.filter((r) => r.state === 'pending').length;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="phone-outbox">
      <Card size="small">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <div>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="phone-pending-count">
              {pending > 0 ? t('visitApp.outboxCount', { count: pending }) : t('visitApp.allSent')}
            </Typography.Text>
            <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>{lastSync ? t('visitApp.lastSync', { time: formatLocalDateTime(lastSync.at) }) : t('visitApp.neverSynced')}</div>
          </div>
          <Button type="primary" icon={<SendOutlined />} loading={syncing} disabled={!online || !signedIn || needsSignIn || pending === 0} onClick={() => void syncNow(true)} data-testid="phone-send-now">
            {syncing ? t('visitApp.sending') : t('visitApp.sendNow')}
          </Button>
        </div>
        {lastRound && lastRound.sent > 0 && <Typography.Text type="success">{t('visitApp.sentCount', { count: lastRound.sent })}</Typography.Text>}
      </Card>
      {records.length === 0 && <Empty description={t('visitApp.outbox.empty')} />}
      {records.map((r) => (
        <OutboxItem key={r.clientId} record={r} />
      ))}
    </Space>
  );
}

function OutboxItem({ record: r }: { record: OutboxRecord }) {
  const { t } = useI18n();
  const failure = r.lastError;
  const message = failure ? failure.detail || (failure.status === 0 ? t('visitApp.outbox.networkError') : `${failure.status} ${failure.code}`) : null;
  return (
    <Card size="small" data-testid="phone-outbox-record" data-state={r.state}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{r.householdName}</Typography.Text> <Typography.Text type="secondary">{t(`visitApp.kind.${r.body.kind}`)}</Typography.Text>
          <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>
            {r.campaignName} · {formatLocalDateTime(r.body.visitedAt)}
          </div>
        </div>
        <Tag color={STATE_COLOR[r.state]} style={{ alignSelf: 'flex-start', marginInlineEnd: 0 }}>
          {t(`visitApp.state.${r.state}`)}
        </Tag>
      </div>
      {r.state === 'pending' && failure && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('visitApp.outbox.retrying', { attempts: r.attempts, time: formatLocalDateTime(new Date(r.nextAttemptAt)) })} · {message}
        </Typography.Text>
      )}
      {(r.state === 'conflict' || r.state === 'refused') && message && <Alert type="error" showIcon style={{ marginTop: 6 }} title={message} data-testid="phone-outbox-error" />}
      {r.state === 'sent' && r.receipt && (r.receipt.late || r.receipt.aidConflicts > 0) && (
        <div style={{ marginTop: 4 }}>
          {r.receipt.late && <Tag>{t('visitApp.outbox.late')}</Tag>}
          {r.receipt.aidConflicts > 0 && <Typography.Text type="warning">{t('visitApp.outbox.aidConflicts', { count: r.receipt.aidConflicts })}</Typography.Text>}
        </div>
      )}
    </Card>
  );
}
