import { Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { TWaveSummary } from '../../../shared/schemas/survey.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatCount } from './format.ts';
import { WaveStatusTag } from './StatusTag.tsx';

/** The county's waves, newest first: status, questionnaire, period, target and how far frame, sample and release have got. */
export function WaveTable({ waves, loading }: { waves: TWaveSummary[]; loading: boolean }) {
  const { t, locale } = useI18n();
  const columns: ColumnsType<TWaveSummary> = [
    {
      key: 'name',
      title: t('survey.wave.name'),
      render: (_, w) => (
        <Link to={`/survey/waves/${w.id}`} data-testid="wave-link">
          {w.name}
        </Link>
      ),
    },
    { key: 'status', title: t('survey.wave.status'), render: (_, w) => <WaveStatusTag status={w.status} /> },
    {
      key: 'questionnaire',
      title: t('survey.wave.questionnaire'),
      responsive: ['lg'],
      render: (_, w) => `${locale === 'en' && w.questionnaireVersion.nameEn ? w.questionnaireVersion.nameEn : w.questionnaireVersion.name} · ${t('survey.q.versionNo', { n: w.questionnaireVersion.version })}`,
    },
    { key: 'period', title: t('survey.wave.period'), responsive: ['md'], render: (_, w) => `${w.startsOn} ~ ${w.endsOn}` },
    { key: 'target', title: t('survey.wave.targetCompletes'), align: 'right', responsive: ['sm'], render: (_, w) => formatCount(w.targetCompletes) },
    {
      key: 'counts',
      title: t('survey.wave.frameSampleReleased'),
      align: 'right',
      responsive: ['md'],
      render: (_, w) => `${formatCount(w.counts.frame)} / ${formatCount(w.counts.sample)} / ${formatCount(w.counts.released)}`,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, w) => (
        <Space size={8} wrap>
          <Link to={`/survey/waves/${w.id}`}>{t('survey.wave.setup')}</Link>
          {w.status !== 'draft' && <Link to={`/survey/waves/${w.id}/progress`}>{t('survey.progress.link')}</Link>}
          {w.status !== 'draft' && <Link to={`/survey-results?wave=${w.id}`}>{t('survey.results.link')}</Link>}
        </Space>
      ),
    },
  ];
  return (
    <Table<TWaveSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={waves}
      loading={loading}
      pagination={false}
      data-testid="wave-table"
      locale={{ emptyText: <Typography.Text type="secondary">{t('survey.wave.empty')}</Typography.Text> }}
    />
  );
}
