import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { TQuestionnaire } from '../../../shared/schemas/survey.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { useI18n } from '../../i18n/index.tsx';
import { VersionStatusTag } from './StatusTag.tsx';

type Version = TQuestionnaire['versions'][number];
interface Row {
  questionnaire: TQuestionnaire;
  version: Version;
  /** The first row of its questionnaire spans the others. */
  span: number;
}

/**
 * Questionnaires with their versions (newest first): status, when published, the waves using
 * each, and what can be done with it.
 */
export function QuestionnaireTable({ items, canManage, busy, onNewVersion }: { items: TQuestionnaire[]; canManage: boolean; busy: string | null; onNewVersion(v: Version): void }) {
  const { t, locale } = useI18n();
  const rows: Row[] = items.flatMap((q) => q.versions.map((version, i) => ({ questionnaire: q, version, span: i === 0 ? q.versions.length : 0 })));
  const columns: ColumnsType<Row> = [
    {
      key: 'name',
      title: t('survey.q.name'),
      onCell: (r) => ({ rowSpan: r.span }),
      render: (_, r) => (
        <Space size={4} wrap>
          <Typography.Text strong>{locale === 'en' && r.questionnaire.nameEn ? r.questionnaire.nameEn : r.questionnaire.name}</Typography.Text>
          {r.questionnaire.standard && <Tag color="blue">{t('survey.q.standardTag')}</Tag>}
        </Space>
      ),
    },
    { key: 'version', title: t('survey.q.version'), render: (_, r) => <Link to={`/survey/questionnaires/${r.version.id}`}>{t('survey.q.versionNo', { n: r.version.version })}</Link> },
    { key: 'status', title: t('survey.q.status'), render: (_, r) => <VersionStatusTag status={r.version.status} /> },
    { key: 'published', title: t('survey.q.publishedAt'), responsive: ['md'], render: (_, r) => (r.version.publishedAt ? formatLocalDateTime(r.version.publishedAt) : '—') },
    { key: 'waves', title: t('survey.q.waveCount'), align: 'right', responsive: ['sm'], render: (_, r) => r.version.waveCount },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) => {
        const hasDraft = r.questionnaire.versions.some((v) => v.status === 'draft');
        return (
          <Space size={4} wrap>
            <Link to={`/survey/questionnaires/${r.version.id}`}>{r.version.status === 'draft' && canManage ? t('common.edit') : t('survey.q.view')}</Link>
            {canManage && r.version.status === 'published' && !hasDraft && r.span > 0 && (
              <Button size="small" loading={busy === r.version.id} onClick={() => onNewVersion(r.version)} data-testid="new-version">
                {t('survey.q.newVersion')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];
  return (
    <Table<Row>
      rowKey={(r) => r.version.id}
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={false}
      data-testid="questionnaire-table"
      locale={{ emptyText: t('survey.q.empty') }}
      scroll={{ x: 'max-content' }}
    />
  );
}
