import { Alert, Button, Card, Descriptions, Progress, Skeleton, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DownloadButton } from '../DownloadButton.tsx';
import { errorText } from '../errors.ts';
import { ImportIssuesTable } from './ImportIssuesTable.tsx';
import { ImportResult } from './ImportResult.tsx';
import { ImportStatusTag } from './ImportStatusTag.tsx';
import { useImportJob } from './useImportJob.ts';

/** One import: its progress while it runs (polled every second), then the verdict, the counts, the problems and the report. */
export function ImportJobView({ jobId, onNew, onFinished }: { jobId: string; onNew(): void; onFinished(): void }) {
  const { t } = useI18n();
  const { job, error } = useImportJob(jobId);
  const running = job?.status === 'running';
  const finished = job !== undefined && !running;
  // The list of recent imports shows the outcome too.
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });
  useEffect(() => {
    if (finished) onFinishedRef.current();
  }, [finished]);

  return (
    <Card
      title={job ? job.fileName : t('import.upload')}
      extra={
        <Button onClick={onNew} data-testid="new-import">
          {t('import.new')}
        </Button>
      }
      styles={{ header: { flexWrap: 'wrap' } }}
      style={{ marginBottom: 16 }}
      data-testid="import-job"
      data-status={job?.status}
    >
      {error && <Alert type="error" showIcon title={errorText(t, error)} style={{ marginBottom: 16 }} />}
      {!job ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'status', label: t('user.status'), children: <ImportStatusTag job={job} /> },
              { key: 'mode', label: t('import.mode'), children: t(`import.mode.${job.mode}`) },
              { key: 'at', label: t('import.createdAt'), children: formatLocalDateTime(job.createdAt) },
              { key: 'user', label: t('import.user'), children: job.user?.displayName ?? '—' },
            ]}
          />
          {running ? (
            <div data-testid="import-progress">
              <Progress percent={Math.floor(job.progress * 100)} status="active" />
              <Typography.Text type="secondary">
                {job.totalRows > 0 ? t('import.progress', { processed: job.processedRows, total: job.totalRows }) : t('import.progressStart')}
              </Typography.Text>
            </div>
          ) : (
            <ImportResult job={job} />
          )}
        </>
      )}
      {finished && <FinishedDetails jobId={jobId} hasIssues={job.issueCount > 0} />}
    </Card>
  );
}

function FinishedDetails({ jobId, hasIssues }: { jobId: string; hasIssues: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <DownloadButton path={`/api/imports/${jobId}/report.xlsx`} data-testid="download-report">
          {t('import.downloadReport')}
        </DownloadButton>
      </Space>
      {hasIssues && (
        <>
          <Typography.Title level={5}>{t('import.issues')}</Typography.Title>
          <ImportIssuesTable jobId={jobId} />
        </>
      )}
    </>
  );
}
