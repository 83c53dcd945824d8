import { Alert, App, Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { importsApi } from '../../../shared/api/imports.ts';
import { call } from '../../api.ts';
import { usePagedList } from '../../hooks/usePagedList.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TImportChange, TImportJob } from '../../types.ts';
import { errorText } from '../errors.ts';
import { LoadMore } from '../LoadMore.tsx';

const PAGE_SIZE = 50;

/**
 * A job's changes to households and people already registered, field by field (old → new), from
 * GET /api/imports/:id/changes. A preview (awaiting_confirmation) also asks for confirmation:
 * POST …/confirm imports the file again as a new job, which `onConfirmed` opens.
 */
export function ImportChanges({ job, onConfirmed }: { job: TImportJob; onConfirmed(job: TImportJob): void }) {
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const mobile = useIsMobile();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const list = usePagedList((cursor, signal) => call(importsApi.listImportChanges, { params: { id: job.id }, query: { limit: PAGE_SIZE, cursor } }, { signal }), `${job.id}:${locale}`);
  const awaiting = job.status === 'awaiting_confirmation';

  const confirm = () =>
    modal.confirm({
      title: t('import.changes.confirmTitle', { count: job.changeCount }),
      content: t('import.changes.confirmBody'),
      okText: t('import.changes.confirm'),
      cancelText: t('import.changes.cancel'),
      okButtonProps: { 'data-testid': 'confirm-changes-ok' } as Record<`data-${string}`, string>,
      onOk: async () => {
        setBusy(true);
        setError(undefined);
        try {
          onConfirmed(await call(importsApi.confirmImport, { params: { id: job.id }, body: {} }));
        } catch (e) {
          setError(errorText(t, e));
        } finally {
          setBusy(false);
        }
      },
    });

  const value = (v: string) => (v ? v : <Typography.Text type="secondary">{t('import.changes.none')}</Typography.Text>);
  const change = (c: TImportChange) => (
    <span>
      <Typography.Text delete type="secondary">
        {value(c.oldValue)}
      </Typography.Text>
      {' → '}
      <Typography.Text strong>{value(c.newValue)}</Typography.Text>
    </span>
  );
  const columns: ColumnsType<TImportChange> = mobile
    ? [
        { key: 'row', title: t('import.changes.row'), dataIndex: 'rowNo', width: 56 },
        {
          key: 'change',
          title: t('import.changes.field'),
          render: (_, c) => (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.householdNo}
                {c.person ? ` · ${c.person}` : ''}
              </Typography.Text>
              <div>
                {c.fieldLabel}：{change(c)}
              </div>
            </div>
          ),
        },
      ]
    : [
        { key: 'row', title: t('import.changes.row'), dataIndex: 'rowNo', width: 64 },
        { key: 'household', title: t('import.changes.household'), dataIndex: 'householdNo', width: 130 },
        { key: 'person', title: t('import.changes.person'), dataIndex: 'person', width: 100 },
        { key: 'field', title: t('import.changes.field'), dataIndex: 'fieldLabel', width: 120 },
        { key: 'change', title: `${t('import.changes.before')} → ${t('import.changes.after')}`, render: (_, c) => change(c) },
      ];

  return (
    <div style={{ marginBottom: 16 }} data-testid="import-changes">
      <Typography.Title level={5}>{t(awaiting ? 'import.changes.title' : 'import.changes.writtenTitle')}</Typography.Title>
      {awaiting && <Alert type="warning" showIcon title={t('import.changes.awaiting', { count: job.changeCount })} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" data-testid="confirm-error" />}
      <Table<TImportChange>
        rowKey={(c) => `${c.rowNo}:${c.householdNo}:${c.person}:${c.field}:${c.newValue}`}
        size="small"
        columns={columns}
        dataSource={list.items}
        loading={list.loading && list.items.length === 0}
        pagination={false}
        data-testid="import-change-rows"
      />
      <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
      {awaiting && (
        <Button type="primary" block style={{ marginTop: 12 }} loading={busy} onClick={confirm} data-testid="confirm-changes">
          {t('import.changes.confirm')}
        </Button>
      )}
    </div>
  );
}
