import { Alert, App, Button, Card, Form, Input, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { hasAnyRole } from '../../shared/roles.ts';
import { IMPORT_CONFLICT_RESOLVE_ROLES } from '../access.ts';
import { importsApi } from '../../shared/api/imports.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { errorText } from '../components/errors.ts';
import { FormModal } from '../components/FormModal.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePagedList } from '../hooks/usePagedList.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import type { TCrossScopeConflict } from '../types.ts';

const PAGE_SIZE = 50;
type Status = 'open' | 'resolved' | 'all';

/** 导入冲突: import rows that hit a household or person of another township, for the county to resolve (迁户 or a typing error). */
export function ImportConflictsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  useTitle(t('conflicts.title'));
  const [status, setStatus] = useState<Status>('open');
  const [dismissing, setDismissing] = useState<TCrossScopeConflict | null>(null);
  const canResolve = hasAnyRole(me.roles, IMPORT_CONFLICT_RESOLVE_ROLES);
  const list = usePagedList(
    (cursor, signal) => call(importsApi.listCrossScopeConflicts, { query: { status, limit: PAGE_SIZE, cursor } }, { signal }),
    `${status}:${locale}`,
  );

  const move = async (c: TCrossScopeConflict) => {
    try {
      await call(importsApi.resolveCrossScopeConflict, { params: { id: c.id }, body: { resolution: 'moved' } });
      void message.success(t('conflicts.moved'));
      list.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  return (
    <>
      <PageHeader title={t('conflicts.title')} />
      <Alert type="info" showIcon title={t('conflicts.hint')} style={{ marginBottom: 16 }} />
      <Card
        styles={{ body: { padding: 0 } }}
        title={
          <Segmented<Status>
            value={status}
            onChange={setStatus}
            options={(['open', 'resolved', 'all'] as const).map((s) => ({ value: s, label: t(`conflicts.status.${s}`) }))}
          />
        }
      >
        <Table<TCrossScopeConflict>
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={list.loading && list.items.length === 0}
          dataSource={list.items}
          locale={{ emptyText: t('conflicts.empty') }}
          columns={[
            { key: 'kind', title: t('conflicts.kind'), render: (_, c) => t(`conflicts.kind.${c.kind}`) },
            {
              key: 'import',
              title: t('conflicts.import'),
              render: (_, c) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/imports?job=${c.job.id}`}>{c.job.fileName}</Link>
                  <Typography.Text type="secondary">{t('conflicts.row', { row: c.job.rowNo })}</Typography.Text>
                </Space>
              ),
            },
            { key: 'importing', title: t('conflicts.importing'), render: (_, c) => `${c.importRegion.name} / ${c.village.name}` },
            { key: 'row', title: t('conflicts.rowValues'), render: (_, c) => [c.householdNo, c.idNumberMasked].filter(Boolean).join(' · ') },
            {
              key: 'existing',
              title: t('conflicts.existing'),
              render: (_, c) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/households/${c.existing.householdId}`}>{c.existing.householdNo}</Link>
                  <Typography.Text type="secondary">{[c.existing.township?.name, c.existing.village.name].filter(Boolean).join(' / ')}</Typography.Text>
                  {c.existing.resident && <Typography.Text>{`${c.existing.resident.name} ${c.existing.resident.idNumberMasked}`}</Typography.Text>}
                </Space>
              ),
            },
            {
              key: 'resolution',
              title: t('conflicts.resolution'),
              render: (_, c) =>
                c.resolution ? (
                  <Space direction="vertical" size={0}>
                    <Tag color={c.resolution === 'moved' ? 'green' : 'default'}>{t(`conflicts.resolution.${c.resolution}`)}</Tag>
                    {c.note && <Typography.Text type="secondary">{c.note}</Typography.Text>}
                  </Space>
                ) : (
                  <Tag color="orange">{t('conflicts.status.open')}</Tag>
                ),
            },
            ...(canResolve
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    render: (_: unknown, c: TCrossScopeConflict) =>
                      c.status === 'open' && (
                        <Space>
                          <Popconfirm
                            title={t(`conflicts.moveConfirm.${c.kind}`, { village: `${c.importRegion.name} ${c.village.name}`, householdNo: c.householdNo ?? '' })}
                            okText={t('conflicts.move')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => move(c)}
                          >
                            <Button size="small" type="primary">
                              {t('conflicts.move')}
                            </Button>
                          </Popconfirm>
                          <Button size="small" onClick={() => setDismissing(c)}>
                            {t('conflicts.typo')}
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
        <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
      </Card>
      {dismissing && (
        <FormModal<{ note?: string }>
          open
          title={t('conflicts.typoTitle')}
          okText={t('conflicts.typo')}
          fields={['note']}
          onClose={() => setDismissing(null)}
          onSubmit={async (v) => {
            await call(importsApi.resolveCrossScopeConflict, { params: { id: dismissing.id }, body: { resolution: 'typing_error', note: v.note?.trim() ?? '' } });
            void message.success(t('conflicts.dismissed'));
            setDismissing(null);
            list.reload();
          }}
        >
          <Alert type="info" showIcon title={t('conflicts.typoHint')} style={{ marginBottom: 16 }} />
          <Form.Item name="note" label={t('conflicts.note')} rules={[{ max: 500 }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
