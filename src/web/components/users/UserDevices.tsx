import { Alert, App, Button, List, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { usersApi } from '../../../shared/api/users.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { call } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TUser } from '../../types.ts';
import { errorText } from '../errors.ts';

/**
 * 登录设备: the account's live sessions (GET /api/users/:id/sessions), each with an end button,
 * and one to end them all (POST /api/users/:id/sessions/end): what an admin does for a lost phone.
 */
export function UserDevices({ user }: { user: TUser }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const sessions = useApi((signal) => call(usersApi.listUserSessions, { params: { id: user.id } }, { signal }), [user.id]);

  const end = async (sessionId: string | undefined) => {
    setBusy(sessionId ?? 'all');
    try {
      const { ended } = await call(usersApi.endUserSessions, { params: { id: user.id }, body: sessionId ? { sessionId } : {} });
      void message.success(t('user.devicesEnded', { count: ended }));
      sessions.reload();
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(null);
    }
  };

  const items = sessions.data?.items ?? [];
  return (
    <section aria-label={t('user.devices')} data-testid="user-devices" style={{ marginTop: 8 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('user.devices')}
        </Typography.Title>
        {items.length > 1 && (
          <Popconfirm title={t('user.endAllDevicesConfirm', { name: user.displayName })} okText={t('user.endDevice')} okButtonProps={{ danger: true }} onConfirm={() => end(undefined)}>
            <Button danger size="small" loading={busy === 'all'}>
              {t('user.endAllDevices')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {sessions.error ? (
        <Alert type="error" showIcon title={errorText(t, sessions.error)} />
      ) : (
        <List
          size="small"
          bordered
          loading={sessions.loading}
          locale={{ emptyText: t('user.noDevices') }}
          dataSource={items}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Popconfirm key="end" title={t('user.endDeviceConfirm', { device: s.deviceLabel ?? t('user.unnamedDevice') })} okText={t('user.endDevice')} okButtonProps={{ danger: true }} onConfirm={() => end(s.id)}>
                  <Button danger size="small" loading={busy === s.id} aria-label={`${t('user.endDevice')} ${s.deviceLabel ?? ''}`}>
                    {t('user.endDevice')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={s.deviceLabel ?? t('user.unnamedDevice')}
                description={
                  <span title={s.userAgent ?? undefined}>
                    {t('user.deviceSignedIn', { at: formatLocalDateTime(s.createdAt) })}
                    {' · '}
                    {s.lastSeenAt ? t('user.deviceLastSeen', { at: formatLocalDateTime(s.lastSeenAt), ip: s.lastIp ?? '—' }) : t('user.deviceIp', { ip: s.lastIp ?? '—' })}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('user.devicesHint')}
      </Typography.Paragraph>
    </section>
  );
}
