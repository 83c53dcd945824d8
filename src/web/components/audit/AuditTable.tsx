import { Descriptions, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { auditActionLabel, entityTypeLabel } from '../../format.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import type { AuditEntry } from '../../types.ts';
import { auditChanges, auditFieldLabel, formatAuditValue } from './audit-diff.ts';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 };

/** Who did it: a person by display name and username, or the command line / the server in words. */
function Operator({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  if (entry.source.kind === 'system') return <span>{t('audit.operator.system')}</span>;
  if (entry.source.kind === 'cli') {
    return (
      <span>
        {t('audit.operator.cli')}
        <Typography.Text type="secondary" style={{ ...mono, display: 'block' }}>
          lianxin {entry.source.command}
        </Typography.Text>
      </span>
    );
  }
  if (!entry.actorName) return <span>—</span>;
  return (
    <span data-testid="audit-operator">
      <span>{entry.actorDisplayName ?? entry.actorName}</span>
      {entry.actorDisplayName && (
        <Typography.Text type="secondary" style={{ ...mono, display: 'block' }}>
          {entry.actorName}
        </Typography.Text>
      )}
    </span>
  );
}

/** The record in words: 张伟户 · 户编号, 李娜 · 370921********1234, 2026 年第四季度调查; its id only when the viewer may not see it. */
function RecordName({ entry, compact }: { entry: AuditEntry; compact?: boolean }) {
  const { t, locale } = useI18n();
  const type = entityTypeLabel(t, entry.entityType);
  const n = entry.entityName;
  if (!n) {
    return (
      <span>
        {type} {entry.entityId && <span style={mono}>{entry.entityId}</span>}
      </span>
    );
  }
  const name = locale === 'en' && n.nameEn ? n.nameEn : n.name;
  return (
    <span data-testid="audit-record">
      <Typography.Text type="secondary">{type}</Typography.Text> {name}
      {n.detail && !compact && (
        <Typography.Text type="secondary" style={{ ...mono, display: 'block' }}>
          {n.detail}
        </Typography.Text>
      )}
    </span>
  );
}

const purposeText = (t: Translate, entry: AuditEntry) => (entry.purpose ? [t(`reveal.purpose.${entry.purpose.code}`), entry.purpose.note].filter(Boolean).join('：') : null);

const sourceText = (t: Translate, entry: AuditEntry) => t(`audit.source.${entry.source.kind}`);

/** Before and after, field by field, with the fields' labels. */
function Changes({ entry }: { entry: AuditEntry }) {
  const { t, locale } = useI18n();
  const rows = auditChanges(entry.before, entry.after);
  if (!rows.length) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  const cell = (v: unknown, present: boolean) => (present ? <span style={{ wordBreak: 'break-all' }}>{formatAuditValue(t, locale, v)}</span> : <Typography.Text type="secondary">—</Typography.Text>);
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      data-testid="audit-changes"
      dataSource={rows}
      columns={[
        { key: 'field', title: t('audit.field'), render: (_, r) => <span title={r.field}>{r.field ? auditFieldLabel(t, r.field) : '—'}</span> },
        ...(rows.some((r) => r.inBefore) ? [{ key: 'before', title: t('audit.before'), render: (_: unknown, r: (typeof rows)[number]) => cell(r.before, r.inBefore) }] : []),
        { key: 'after', title: rows.some((r) => r.inBefore) ? t('audit.after') : t('audit.value'), render: (_, r) => cell(r.after, r.inAfter) },
      ]}
    />
  );
}

/** The details of one entry: the record, source, purpose, request, address, and the changes. */
function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t, locale } = useI18n();
  const purpose = purposeText(t, entry);
  const region = entry.regionName ? `${locale === 'en' && entry.regionName.nameEn ? entry.regionName.nameEn : entry.regionName.name}（${entry.regionCode ?? ''}）` : (entry.regionCode ?? '—');
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      bordered
      items={[
        { key: 'action', label: t('audit.action'), children: <span>{auditActionLabel(t, entry.action)} <span style={{ ...mono, color: 'rgba(0,0,0,.45)' }}>{entry.action}</span></span> },
        { key: 'entity', label: t('audit.record'), children: <RecordName entry={entry} /> },
        { key: 'operator', label: t('audit.operator'), children: <Operator entry={entry} /> },
        { key: 'source', label: t('audit.source'), children: sourceText(t, entry) },
        ...(purpose ? [{ key: 'purpose', label: t('audit.purpose'), span: { xs: 1, md: 2 } as const, children: <span data-testid="audit-purpose">{purpose}</span> }] : []),
        { key: 'region', label: t('audit.region'), children: region },
        { key: 'ip', label: t('audit.ip'), children: entry.clientIp ?? '—' },
        {
          key: 'request',
          label: t('audit.requestId'),
          span: { xs: 1, md: 2 },
          children: entry.requestId ? <Typography.Text copyable style={mono}>{entry.requestId}</Typography.Text> : '—',
        },
        { key: 'changes', label: t('audit.changes'), span: { xs: 1, md: 2 }, children: <Changes entry={entry} /> },
      ]}
    />
  );
}

export function AuditTable({ entries, loading }: { entries: AuditEntry[]; loading: boolean }) {
  const { t, locale } = useI18n();
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
    { key: 'actor', title: t('audit.operator'), render: (_, e) => <Operator entry={e} /> },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => {
        const purpose = purposeText(t, e);
        return (
          <div data-action={e.action}>
            <div>{auditActionLabel(t, e.action)}</div>
            {purpose && (
              <Tag color="orange" style={{ marginTop: 2, whiteSpace: 'normal' }}>
                {purpose}
              </Tag>
            )}
            {mobile && (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                <RecordName entry={e} compact />
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    { key: 'entity', title: t('audit.record'), responsive: ['md'], render: (_, e) => <RecordName entry={e} /> },
    {
      key: 'region',
      title: t('audit.region'),
      responsive: ['lg'],
      render: (_, e) => (e.regionName ? (locale === 'en' && e.regionName.nameEn ? e.regionName.nameEn : e.regionName.name) : <span style={mono}>{e.regionCode ?? '—'}</span>),
    },
    { key: 'source', title: t('audit.source'), responsive: ['xl'], render: (_, e) => sourceText(t, e) },
    { key: 'ip', title: t('audit.ip'), responsive: ['xl'], render: (_, e) => <span style={mono}>{e.clientIp ?? '—'}</span> },
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
