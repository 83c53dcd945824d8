import { Card, Col, Row } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { importsApi } from '../../shared/api/imports.ts';
import { call } from '../api.ts';
import { ImportColumnsHelp } from '../components/imports/ImportColumnsHelp.tsx';
import { ImportJobsTable } from '../components/imports/ImportJobsTable.tsx';
import { ImportJobView } from '../components/imports/ImportJobView.tsx';
import { ImportUploadCard } from '../components/imports/ImportUploadCard.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePagedList } from '../hooks/usePagedList.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const PAGE_SIZE = 20;

/** 导入: upload a registry file, follow it, read its problems; the recent imports below. The open job is in the URL (?job=). */
export function ImportsPage() {
  const { t, locale } = useI18n();
  useTitle(t('import.title'));
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const open = (id: string | null) => setParams(id ? { job: id } : {});
  const jobs = usePagedList((cursor, signal) => call(importsApi.listImportJobs, { query: { limit: PAGE_SIZE, cursor } }, { signal }), locale);

  return (
    <>
      <PageHeader title={t('import.title')} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          {jobId ? (
            <ImportJobView jobId={jobId} onNew={() => open(null)} onFinished={jobs.reload} onOpen={open} />
          ) : (
            <ImportUploadCard
              onStarted={(job) => {
                open(job.id);
                jobs.reload();
              }}
            />
          )}
          <Card title={t('import.recent')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
            <ImportJobsTable jobs={jobs.items} loading={jobs.loading && jobs.items.length === 0} selected={jobId} onOpen={(j) => open(j.id)} />
            <LoadMore count={jobs.items.length} hasMore={jobs.nextCursor !== null} loading={jobs.loading} error={jobs.error} onLoadMore={jobs.loadMore} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <ImportColumnsHelp />
        </Col>
      </Row>
    </>
  );
}
