import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api.ts';
import { DownloadButton } from '../components/DownloadButton.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ResidentFilters } from '../components/registry/ResidentFilters.tsx';
import { ResidentTable } from '../components/registry/ResidentTable.tsx';
import { useHardshipCategories } from '../hooks/useHardshipCategories.ts';
import { usePagedList } from '../hooks/usePagedList.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Page, ResidentFilter, TResidentListItem } from '../types.ts';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'regionCode', 'category', 'paired'] as const;
const EXPORT_FILE_NAME = '居民名单.xlsx';

/** The filter lives in the URL, so that it can be linked to (from the pairing report) and survives a reload. */
function useFilterParams(): [ResidentFilter, (next: ResidentFilter) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filter = useMemo(() => {
    const read = new URLSearchParams(key);
    return Object.fromEntries(FILTER_KEYS.flatMap((k) => (read.get(k) ? [[k, read.get(k)!]] : []))) as ResidentFilter;
  }, [key]);
  return [filter, (next) => setParams(new URLSearchParams(next as Record<string, string>))];
}

/** 居民台账: find residents, open their household, export the list (masked). */
export function RegistryPage() {
  const { t } = useI18n();
  useTitle(t('registry.title'));
  const [filter, setFilter] = useFilterParams();
  const categories = useHardshipCategories();
  const list = usePagedList(
    (cursor, signal) => api.get<Page<TResidentListItem>>('/api/residents', { ...filter, limit: PAGE_SIZE, cursor }, { signal }),
    JSON.stringify(filter),
  );

  return (
    <>
      <PageHeader
        title={t('registry.title')}
        extra={
          <DownloadButton path="/api/residents/export.xlsx" query={filter} fileName={EXPORT_FILE_NAME} doneMessage={t('registry.exported', { file: EXPORT_FILE_NAME })} data-testid="export">
            {t('common.export')}
          </DownloadButton>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: 16, borderBottom: '1px solid rgba(5,5,5,.06)' }}>
          <ResidentFilters value={filter} categories={categories.all} onChange={setFilter} />
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
            {t('registry.maskedNote')}
          </Typography.Paragraph>
        </div>
        <ResidentTable residents={list.items} loading={list.loading && list.items.length === 0} nameOf={categories.nameOf} />
        <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
      </Card>
    </>
  );
}
