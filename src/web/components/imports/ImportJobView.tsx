import { Alert, Button, Card, Descriptions, Progress, Skeleton, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { importsApi } from '../../../shared/api/imports.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { urlOf } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { DownloadButton } from '../DownloadButton.tsx';
import { errorText } from '../errors.ts';
import type { TImportJob } from '../../types.ts';
import { ImportChanges } from './ImportChanges.tsx';
import { ImportIssueGroups } from './ImportIssueGroups.tsx';
import { ImportResult } from './ImportResult.tsx';
import { ImportStatusTag } from './ImportStatusTag.tsx';
import { useImportJob } from './useImportJob.ts';

/**
 * One import: its progress while it runs (polled every second), then the verdict, the counts,
 * the changes to records already registered (to confirm, for a preview), the problems by kind and
 * the report. `onOpen` shows another job (the one that wrote a confirmed preview).
 */
export function ImportJobView({ jobId, onNew, onFinished, onOpen }: { jobId: string; onNew(): void; onFinished(): void; onOpen(jobId: string): void }) {
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
      {finished && <FinishedDetails job={job} onOpen={onOpen} />}
    </Card>
  );
}

function FinishedDetails({ job, onOpen }: { job: TImportJob; onOpen(jobId: string): void }) {
  const { t } = useI18n();
  const link = (id: string, label: string, testId: string) => (
    <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => onOpen(id)} data-testid={testId}>
      {label}
    </Button>
  );
  return (
    <>
      {job.confirmedByJobId && job.status === 'confirmed' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={<>{t('import.changes.confirmed')}{link(job.confirmedByJobId, t('import.changes.openConfirmed'), 'open-confirmed')}</>} />
      )}
      {job.status === 'expired' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('import.changes.expired')} />}
      {job.confirmsJobId && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={<>{t('import.changes.confirms')}{link(job.confirmsJobId, t('import.changes.openPreview'), 'open-preview')}</>} />}
      {job.changeCount > 0 && <ImportChanges job={job} onConfirmed={(next) => onOpen(next.id)} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <DownloadButton path={urlOf(importsApi.downloadReport, { id: job.id })} data-testid="download-report">
          {t('import.downloadReport')}
        </DownloadButton>
      </Space>
      {job.issueCount > 0 && (
        <>
          <Typography.Title level={5}>{t('import.groups.title')}</Typography.Title>
          <ImportIssueGroups jobId={job.id} />
        </>
      )}
    </>
  );
}
