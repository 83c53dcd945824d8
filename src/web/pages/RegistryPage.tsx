import { Alert, Card, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { registryApi } from '../../shared/api/registry.ts';
import { urlOf } from '../api.ts';
import { DownloadButton } from '../components/DownloadButton.tsx';
import { errorText } from '../components/errors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ResidentFilters } from '../components/registry/ResidentFilters.tsx';
import { ResidentTable } from '../components/registry/ResidentTable.tsx';
import { useResidentPages } from '../components/registry/useResidentPages.ts';
import { useHardshipCategories } from '../hooks/useHardshipCategories.ts';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import type { ResidentFilter } from '../types.ts';

const PAGE_SIZES = [20, 50, 100, 200];
const DEFAULT_PAGE_SIZE = 50;
const FILTER_KEYS = ['q', 'regionCode', 'category', 'paired'] as const;
const EXPORT_FILE_NAME = '居民名单.xlsx';

interface Position {
  page: number;
  size: number;
}

/**
 * The filter and the page live in the URL, so that a list can be linked to (from the pairing
 * report), survives a reload, and "back" from a household returns to the same page.
 */
function useListParams(): [ResidentFilter, Position, (next: ResidentFilter) => void, (next: Position) => void] {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const [filter, position] = useMemo(() => {
    const read = new URLSearchParams(key);
    const filter = Object.fromEntries(FILTER_KEYS.flatMap((k) => (read.get(k) ? [[k, read.get(k)!]] : []))) as ResidentFilter;
    const page = Number(read.get('page'));
    const size = Number(read.get('size'));
    return [filter, { page: Number.isInteger(page) && page >= 1 ? page : 1, size: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE }];
  }, [key]);
  const write = (f: ResidentFilter, p: Position) => {
    const next = new URLSearchParams(f as Record<string, string>);
    if (p.page > 1) next.set('page', String(p.page));
    if (p.size !== DEFAULT_PAGE_SIZE) next.set('size', String(p.size));
    setParams(next);
  };
  // A new filter starts on its first page; the page size stays.
  return [filter, position, (f) => write(f, { page: 1, size: position.size }), (p) => write(filter, p)];
}

/** 居民台账: find residents, page through them with their total, open their household, export the list (masked). */
export function RegistryPage() {
  const { t, locale } = useI18n();
  useTitle(t('registry.title'));
  const mobile = useIsMobile();
  const [filter, position, setFilter, setPosition] = useListParams();
  const categories = useHardshipCategories();
  const list = useResidentPages(filter, position.page, position.size);
  const number = (n: number) => n.toLocaleString(locale);
  const total = list.total;

  return (
    <>
      <PageHeader
        title={t('registry.title')}
        extra={
          <DownloadButton path={urlOf(registryApi.exportResidents)} query={filter} fileName={EXPORT_FILE_NAME} doneMessage={t('registry.exported', { file: EXPORT_FILE_NAME })} data-testid="export">
            {t('common.export')}
          </DownloadButton>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: 16, borderBottom: '1px solid rgba(5,5,5,.06)' }}>
          <ResidentFilters value={filter} categories={categories.all} onChange={setFilter} />
          <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8, marginTop: 12 }}>
            <Typography.Text strong data-testid="resident-total" data-total={total?.count ?? ''} data-exact={total ? String(total.exact) : ''}>
              {total &&
                (total.exact ? (
                  t('registryLists.total', { count: number(total.count) })
                ) : (
                  <Tooltip title={t('registryLists.totalCappedHelp', { count: number(total.count) })}>
                    <span style={{ borderBottom: '1px dashed' }}>{t('registryLists.totalCapped', { count: number(total.count) })}</span>
                  </Tooltip>
                ))}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('registry.maskedNote')}
            </Typography.Text>
          </div>
        </div>
        {list.error && (
          <Alert
            type="error"
            showIcon
            title={errorText(t, list.error)}
            // A filter the server refused says which and why (e.g. "q: at least the last 4 digits").
            description={list.error.issues.length ? list.error.issues.map((i) => i.message).join('；') : undefined}
            style={{ margin: 16 }}
            data-testid="list-error"
          />
        )}
        <ResidentTable
          residents={list.items}
          loading={list.loading}
          nameOf={categories.nameOf}
          pagination={{
            current: position.page,
            pageSize: position.size,
            // Until the count arrives, enough for the page asked for (a reload on page 7 stays on page 7).
            total: total?.count ?? position.page * position.size,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: !mobile,
            simple: mobile,
            showTotal: (_, [from, to]) => t('registryLists.range', { from: number(from), to: number(to) }),
            hideOnSinglePage: false,
            style: { padding: '0 16px' },
            onChange: (page, size) => setPosition(size !== position.size ? { page: 1, size } : { page, size }),
          }}
        />
      </Card>
    </>
  );
}
