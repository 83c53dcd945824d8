import { Card, Typography } from 'antd';
import { useState } from 'react';
import { auditApi } from '../../shared/api/audit.ts';
import { call } from '../api.ts';
import { AuditFilters, type AuditFilterValues } from '../components/audit/AuditFilters.tsx';
import { AuditTable } from '../components/audit/AuditTable.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { usePagedList } from '../hooks/usePagedList.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const PAGE_SIZE = 50;

/** The audit log of the admin's area, newest first. */
export function AuditPage() {
  const { t } = useI18n();
  useTitle(t('audit.title'));
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const list = usePagedList(
    (cursor, signal) => call(auditApi.listAudit, { query: { ...filters, limit: PAGE_SIZE, cursor } }, { signal }),
    JSON.stringify(filters),
  );
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('audit.timeZoneNote')}</Typography.Text>
      </div>
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: 16, borderBottom: '1px solid rgba(5,5,5,.06)' }}>
          <AuditFilters onChange={setFilters} />
        </div>
        <AuditTable entries={list.items} loading={list.loading && list.items.length === 0} />
        <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
      </Card>
    </>
  );
}
