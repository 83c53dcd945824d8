import { Table } from 'antd';
import type { TSurveyProgress } from '../../../shared/schemas/survey-results.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatCount } from './format.ts';

type Output = TSurveyProgress['interviewers'][number];

/** Each interviewer's completes, attempts, hours on cases and completes per hour, most productive first. */
export function InterviewerTable({ interviewers }: { interviewers: Output[] }) {
  const { t } = useI18n();
  const rows = [...interviewers].sort((a, b) => (b.completesPerHour ?? -1) - (a.completesPerHour ?? -1) || b.completes - a.completes);
  return (
    <Table<Output>
      rowKey={(r) => r.interviewer.id}
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="interviewer-table"
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('survey.progress.noInterviewers') }}
      columns={[
        { key: 'name', title: t('survey.progress.interviewer'), render: (_, r) => `${r.interviewer.displayName}（${r.interviewer.username}）` },
        { key: 'completes', title: t('survey.progress.completes'), align: 'right', render: (_, r) => formatCount(r.completes) },
        { key: 'attempts', title: t('survey.progress.attempts'), align: 'right', render: (_, r) => formatCount(r.attempts) },
        { key: 'hours', title: t('survey.progress.hours'), align: 'right', render: (_, r) => r.hours.toFixed(1) },
        { key: 'cph', title: t('survey.progress.completesPerHour'), align: 'right', render: (_, r) => (r.completesPerHour === null ? '—' : r.completesPerHour.toFixed(2)) },
      ]}
    />
  );
}
