import { Alert, Button, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { importsApi } from '../../../shared/api/imports.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TImportIssueGroup, TImportIssueGroups } from '../../types.ts';
import { errorText } from '../errors.ts';
import { mono } from '../registry/MaskedNumbers.tsx';
import { ImportIssuesTable } from './ImportIssuesTable.tsx';

/**
 * A job's problems grouped by kind (GET /api/imports/:id/issue-groups): what is wrong, how many
 * rows, which rows and values; "show all" lists one kind's rows in full. A county-wide file
 * gives a township 133 rows of one "village not found": one thing to fix, shown once.
 */
export function ImportIssueGroups({ jobId }: { jobId: string }) {
  const { t, locale } = useI18n();
  const [data, setData] = useState<TImportIssueGroups>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    call(importsApi.listImportIssueGroups, { params: { id: jobId } }, { signal: controller.signal }).then(setData, (e: unknown) => {
      if (!controller.signal.aborted) setError(errorText(t, e));
    });
    return () => controller.abort();
  }, [jobId, locale, t]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <Skeleton active />;
  const key = (g: TImportIssueGroup) => `${g.problem}:${g.column}`;
  return (
    <div data-testid="import-issue-groups">
      <List
        size="small"
        bordered
        dataSource={data.groups}
        renderItem={(g) => (
          <List.Item key={key(g)} data-testid="issue-group" data-problem={g.problem} style={{ display: 'block' }}>
            <Space wrap size={[8, 4]} style={{ marginBottom: 4 }}>
              <Tag color="red" data-testid="issue-group-count">
                {t('import.groups.count', { count: g.count })}
              </Tag>
              {g.column && <Tag>{t('import.groups.column', { column: g.column })}</Tag>}
            </Space>
            <div>
              <Typography.Text strong>{g.message}</Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
              {t('import.groups.rows', { rows: g.rows.join('、') })}
              {g.count > g.rows.length ? ` ${t('import.groups.more')}` : ''}
            </Typography.Text>
            {g.values.length > 0 && (
              <div style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                <Typography.Text type="secondary">{t('import.groups.values')}</Typography.Text>
                {g.values.map((v) => (
                  <span key={v.value} style={{ marginInlineEnd: 12 }}>
                    <span style={mono}>{v.value}</span> × {v.count}
                  </span>
                ))}
              </div>
            )}
            {g.count > 1 && (
              <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setOpen(open === key(g) ? null : key(g))} data-testid="issue-group-all">
                {open === key(g) ? t('import.groups.hide') : t('import.groups.showAll', { count: g.count })}
              </Button>
            )}
            {open === key(g) && <ImportIssuesTable jobId={jobId} filter={{ problem: g.problem, column: g.column }} />}
          </List.Item>
        )}
      />
      {data.notStored > 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('import.groups.notStored', { count: data.notStored })} />}
    </div>
  );
}
