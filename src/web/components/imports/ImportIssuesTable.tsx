import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { importsApi } from '../../../shared/api/imports.ts';
import { call } from '../../api.ts';
import { usePagedList } from '../../hooks/usePagedList.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TImportIssue } from '../../types.ts';
import { LoadMore } from '../LoadMore.tsx';
import { mono } from '../registry/MaskedNumbers.tsx';

const PAGE_SIZE = 50;

/** A job's problems row by row (GET /api/imports/:id/issues): row, column, value (masked), what to change; one kind's only with `filter`. */
export function ImportIssuesTable({ jobId, filter }: { jobId: string; filter?: { problem: string; column: string } }) {
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const list = usePagedList(
    (cursor, signal) => call(importsApi.listImportIssues, { params: { id: jobId }, query: { limit: PAGE_SIZE, cursor, ...filter } }, { signal }),
    `${jobId}:${locale}:${filter?.problem ?? ''}:${filter?.column ?? ''}`,
  );
  const value = (i: TImportIssue) => (i.value ? <span style={mono}>{i.value}</span> : <Typography.Text type="secondary">—</Typography.Text>);

  const columns: ColumnsType<TImportIssue> = mobile
    ? [
        { key: 'row', title: t('import.issue.row'), dataIndex: 'rowNo', width: 56 },
        {
          key: 'issue',
          title: t('import.issue.message'),
          render: (_, i) => (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.column} {value(i)}
              </Typography.Text>
              <div>{i.message}</div>
            </div>
          ),
        },
      ]
    : [
        { key: 'row', title: t('import.issue.row'), dataIndex: 'rowNo', width: 72 },
        { key: 'column', title: t('import.issue.column'), dataIndex: 'column', width: 140 },
        { key: 'value', title: t('import.issue.value'), render: (_, i) => value(i), width: 200 },
        { key: 'message', title: t('import.issue.message'), dataIndex: 'message' },
      ];

  return (
    <>
      <Table<TImportIssue>
        rowKey={(i) => `${i.rowNo}:${i.column}:${i.problem}`}
        size="small"
        columns={columns}
        dataSource={list.items}
        loading={list.loading && list.items.length === 0}
        pagination={false}
        data-testid="import-issues"
        locale={{ emptyText: t('import.noIssues') }}
      />
      <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
    </>
  );
}
