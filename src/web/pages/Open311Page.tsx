import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { notificationsApi, open311ClientsApi } from '../../shared/api/open311.ts';
import type { TNotification, TOpen311Client } from '../../shared/schemas/open311.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call } from '../api.ts';
import { errorText } from '../components/errors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

/** County admin: the Open311 client systems and their keys (Open311 接入), and the messages to residents (短信通知). */
export function Open311Page() {
  const { t } = useI18n();
  useTitle(t('open311.title'));
  return (
    <>
      <PageHeader title={t('open311.title')} />
      <Tabs
        items={[
          { key: 'clients', label: t('open311.tab.clients'), children: <ClientsTab /> },
          { key: 'notifications', label: t('open311.tab.notifications'), children: <NotificationsTab /> },
        ]}
      />
    </>
  );
}

function ClientsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [clients, setClients] = useState<TOpen311Client[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setClients((await call(open311ClientsApi.listOpen311Clients)).items);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setLoading(false);
    }
  }, [message, t]);
  useEffect(() => void load(), [load]);

  const create = async ({ name }: { name: string }) => {
    setSaving(true);
    try {
      const created = await call(open311ClientsApi.createOpen311Client, { body: { name } });
      setAdding(false);
      form.resetFields();
      setNewKey(created.apiKey);
      void load();
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (client: TOpen311Client) => {
    try {
      await call(open311ClientsApi.revokeOpen311Client, { params: { id: client.id } });
      void message.success(t('open311.revokedDone'));
      void load();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  return (
    <>
      <Alert type="info" showIcon title={t('open311.hint')} description={`${t('open311.endpoint')}: ${window.location.origin}/open311/v2/services.json`} style={{ marginBottom: 16 }} />
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('open311.add')}
        </Button>
      </Space>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<TOpen311Client>
          rowKey="id"
          loading={loading}
          dataSource={clients}
          pagination={false}
          locale={{ emptyText: t('open311.empty') }}
          columns={[
            { title: t('open311.name'), dataIndex: 'name' },
            { title: t('open311.keyPrefix'), dataIndex: 'keyPrefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
            { title: t('open311.status'), dataIndex: 'active', render: (active: boolean) => (active ? <Tag color="green">{t('open311.active')}</Tag> : <Tag>{t('open311.revoked')}</Tag>) },
            { title: t('open311.requests'), dataIndex: 'requests', align: 'right' },
            { title: t('open311.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatLocalDateTime(v) },
            { title: t('open311.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatLocalDateTime(v) : t('open311.never')) },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, c: TOpen311Client) =>
                c.active && (
                  <Popconfirm title={t('open311.revokeConfirm', { name: c.name })} onConfirm={() => revoke(c)}>
                    <Button danger size="small">
                      {t('open311.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Modal open={adding} title={t('open311.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="name" label={t('open311.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={newKey !== null} title={t('open311.keyTitle')} onCancel={() => setNewKey(null)} footer={<Button onClick={() => setNewKey(null)}>OK</Button>}>
        <Alert type="warning" showIcon title={t('open311.keyHint')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph code copyable={{ text: newKey ?? '', tooltips: [t('open311.copy'), t('open311.copied')] }} style={{ wordBreak: 'break-all' }}>
          {newKey}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

const STATUS_COLORS: Record<TNotification['status'], string> = { pending: 'blue', sending: 'gold', sent: 'green', failed: 'red' };

function NotificationsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<TNotification['status'] | 'all'>('all');
  const [items, setItems] = useState<TNotification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<TNotification['status'], number> | null>(null);
  const [sender, setSender] = useState<'dev' | 'webhook' | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = await call(notificationsApi.listNotifications, { query: { limit: 50, ...(status === 'all' ? {} : { status }), ...(after ? { cursor: after } : {}) } });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setCounts(page.counts);
        setSender(page.sender);
      } catch (e) {
        void message.error(errorText(t, e));
      } finally {
        setLoading(false);
      }
    },
    [message, status, t],
  );
  useEffect(() => void load(null), [load]);

  const statusLabel = (s: TNotification['status']) => `${t(`notify.status.${s}`)}${counts ? ` ${counts[s]}` : ''}`;
  return (
    <>
      {sender && <Alert type={sender === 'dev' ? 'warning' : 'info'} showIcon title={t(`notify.sender.${sender}`)} style={{ marginBottom: 16 }} />}
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={[{ value: 'all', label: t('notify.all') }, ...(['pending', 'sending', 'sent', 'failed'] as const).map((s) => ({ value: s, label: statusLabel(s) }))]}
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<TNotification>
          rowKey="id"
          loading={loading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('notify.empty') }}
          columns={[
            { title: t('notify.time'), dataIndex: 'createdAt', render: (v: string) => formatLocalDateTime(v), width: 150 },
            { title: t('notify.kind'), dataIndex: 'kind', render: (k: TNotification['kind']) => t(`notify.kind.${k}`) },
            { title: t('notify.caseNo'), dataIndex: 'caseNo' },
            { title: t('notify.phone'), dataIndex: 'phoneMasked' },
            { title: t('notify.body'), dataIndex: 'body' },
            { title: t('notify.status'), dataIndex: 'status', render: (s: TNotification['status']) => <Tag color={STATUS_COLORS[s]}>{t(`notify.status.${s}`)}</Tag> },
            { title: t('notify.attempts'), dataIndex: 'attempts', align: 'right' },
            { title: t('notify.lastError'), dataIndex: 'lastError' },
          ]}
        />
      </Card>
      {cursor && (
        <Button style={{ marginTop: 12 }} onClick={() => void load(cursor)} loading={loading}>
          {t('notify.more')}
        </Button>
      )}
    </>
  );
}
