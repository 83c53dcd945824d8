import { Descriptions, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { auditActionLabel, entityTypeLabel } from '../../format.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { AuditEntry } from '../../types.ts';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 };

function Json({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit.noData')}</Typography.Text>;
  return (
    <pre style={{ ...mono, margin: 0, padding: 8, background: 'rgba(0,0,0,.03)', borderRadius: 4, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 320, overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The details of one entry: request, address, and the data before and after. */
function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      bordered
      items={[
        { key: 'action', label: t('audit.action'), children: <span style={mono}>{entry.action}</span> },
        { key: 'entity', label: t('audit.entity'), children: `${entityTypeLabel(t, entry.entityType)} ${entry.entityId ?? ''}` },
        { key: 'region', label: t('audit.region'), children: entry.regionCode ?? '—' },
        { key: 'request', label: t('audit.requestId'), children: entry.requestId ? <Typography.Text copyable style={mono}>{entry.requestId}</Typography.Text> : '—' },
        { key: 'ip', label: t('audit.ip'), children: entry.clientIp ?? '—' },
        { key: 'before', label: t('audit.before'), span: { xs: 1, md: 2 }, children: <Json value={entry.before} /> },
        { key: 'after', label: t('audit.after'), span: { xs: 1, md: 2 }, children: <Json value={entry.after} /> },
      ]}
    />
  );
}

export function AuditTable({ entries, loading }: { entries: AuditEntry[]; loading: boolean }) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const columns: ColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.at'),
      render: (_, e) => {
        const [date, time] = formatLocalDateTime(e.at).split(' ');
        return mobile ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {date}
            <br />
            <Typography.Text type="secondary">{time}</Typography.Text>
          </span>
        ) : (
          <span style={{ whiteSpace: 'nowrap' }}>
            {date} {time}
          </span>
        );
      },
    },
    { key: 'actor', title: t('audit.actor'), render: (_, e) => e.actorName ?? '—' },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => (
        <div data-action={e.action}>
          <div>{auditActionLabel(t, e.action)}</div>
          {!mobile && (
            <Typography.Text type="secondary" style={mono}>
              {e.action}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      key: 'entity',
      title: t('audit.entity'),
      responsive: ['md'],
      render: (_, e) => (
        <span>
          {entityTypeLabel(t, e.entityType)} <span style={mono}>{e.entityId ?? ''}</span>
        </span>
      ),
    },
    { key: 'region', title: t('audit.region'), responsive: ['lg'], render: (_, e) => <span style={mono}>{e.regionCode ?? '—'}</span> },
    {
      key: 'request',
      title: t('audit.requestId'),
      responsive: ['xl'],
      render: (_, e) =>
        e.requestId ? (
          <Typography.Text style={{ ...mono, maxWidth: 120 }} ellipsis={{ tooltip: e.requestId }}>
            {e.requestId}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'ip', title: t('audit.ip'), responsive: ['lg'], render: (_, e) => <span style={mono}>{e.clientIp ?? '—'}</span> },
  ];
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={entries}
      loading={loading}
      pagination={false}
      data-testid="audit-table"
      locale={{ emptyText: t('audit.empty') }}
      expandable={{ expandedRowRender: (e) => <AuditDetails entry={e} />, expandRowByClick: true }}
    />
  );
}
