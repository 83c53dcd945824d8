import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { caseBatchesApi } from '../../shared/api/case-batches.ts';
import { CASE_BATCH_CONTENT_TYPES, type TCaseBatch, type TCaseBatchDetail, type TCaseBatchRowReport } from '../../shared/cases/case-batch-schemas.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call, downloadCall, isApiError, uploadCall } from '../api.ts';
import { errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

const ACCEPTED = /\.(xlsx|csv|json)$/i;
const OUTCOME_COLOR = { created: 'green', existing: 'blue', refused: 'red' } as const;

/** The content type a batch file is sent with: JSON by its name, a spreadsheet as the browser says (or octet-stream). */
function contentTypeOf(file: File): string {
  if (/\.json$/i.test(file.name)) return 'application/json';
  return (CASE_BATCH_CONTENT_TYPES as readonly string[]).includes(file.type) && file.type !== 'application/json' ? file.type : 'application/octet-stream';
}

/** 12345 工单导入: upload the hotline's work orders, see each row's outcome, download the report. */
export function CaseBatchesPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  useTitle(t('caseIntake.batches.title'));
  const list = useApi((signal) => call(caseBatchesApi.listCaseBatches, { query: {} }, { signal }), []);
  const [selected, setSelected] = useState<TCaseBatchDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const open = async (b: TCaseBatch) => {
    try {
      setSelected(await call(caseBatchesApi.getCaseBatch, { params: { id: b.id } }));
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  const send = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      const batch = await uploadCall(caseBatchesApi.uploadCaseBatch, { query: { fileName: file.name } }, file, contentTypeOf(file));
      void message.success(t('caseIntake.batches.done', { created: batch.rowsCreated, refused: batch.rowsRefused }));
      setSelected(batch);
      list.reload();
    } catch (e) {
      const issues = isApiError(e) ? e.issues.map((i) => i.message).join('；') : '';
      setProblem([errorText(t, e), issues].filter(Boolean).join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('caseIntake.batches.title')}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void downloadCall(caseBatchesApi.downloadCaseBatchTemplate, {}, '12345工单导入模板.xlsx')}>
              {t('caseIntake.batches.template')}
            </Button>
            <Upload
              accept=".xlsx,.csv,.json"
              showUploadList={false}
              beforeUpload={(file) => {
                if (!ACCEPTED.test(file.name)) setProblem(t('caseIntake.batches.wrongType'));
                else void send(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="case-batch-upload">
                {t('caseIntake.batches.upload')}
              </Button>
            </Upload>
          </Space>
        }
      />
      <Alert type="info" showIcon title={t('caseIntake.batches.hint')} style={{ marginBottom: 16 }} />
      {problem && <Alert type="error" showIcon title={problem} closable onClose={() => setProblem(null)} style={{ marginBottom: 16 }} data-testid="case-batch-problem" />}
      <Card title={t('caseIntake.batches.list')} styles={{ body: { padding: 0 } }} style={{ marginBottom: 16 }}>
        {list.error ? (
          <LoadError error={list.error} title={t('caseIntake.batches.list')} onRetry={list.reload} />
        ) : (
          <Table<TCaseBatch>
            rowKey="id"
            size="middle"
            pagination={false}
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('caseIntake.batches.empty') }}
            onRow={(b) => ({ onClick: () => void open(b), style: { cursor: 'pointer' } })}
            rowClassName={(b) => (b.id === selected?.id ? 'ant-table-row-selected' : '')}
            columns={[
              { key: 'file', title: t('caseIntake.batches.file'), render: (_, b) => <Typography.Link>{`#${b.id} ${b.fileName}`}</Typography.Link> },
              { key: 'counts', title: t('caseIntake.batches.report'), render: (_, b) => t('caseIntake.batches.counts', { total: b.rowsTotal, created: b.rowsCreated, refused: b.rowsRefused }) },
              { key: 'at', title: t('caseIntake.batches.at'), render: (_, b) => formatLocalDateTime(b.createdAt) },
              { key: 'by', title: t('caseIntake.batches.by'), render: (_, b) => b.createdBy ?? '—' },
            ]}
          />
        )}
      </Card>
      {selected && (
        <Card
          title={`${t('caseIntake.batches.report')} · #${selected.id} ${selected.fileName}`}
          extra={
            <Button icon={<DownloadOutlined />} onClick={() => void downloadCall(caseBatchesApi.downloadCaseBatchReport, { params: { id: selected.id } }, `${selected.fileName.replace(/\.(csv|xlsx|json)$/i, '')}-导入报告.xlsx`)}>
              {t('caseIntake.batches.downloadReport')}
            </Button>
          }
          styles={{ body: { padding: 0 } }}
          data-testid="case-batch-report"
        >
          <Table<TCaseBatchRowReport>
            rowKey="rowNo"
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={selected.report}
            columns={[
              { key: 'row', title: t('caseIntake.report.row'), dataIndex: 'rowNo', width: 70 },
              { key: 'ref', title: t('caseIntake.report.ref'), render: (_, r) => r.externalRef ?? '—' },
              { key: 'outcome', title: t('caseIntake.report.outcome'), render: (_, r) => <Tag color={OUTCOME_COLOR[r.outcome]}>{t(`caseIntake.outcome.${r.outcome}`)}</Tag> },
              { key: 'case', title: t('caseIntake.report.case'), render: (_, r) => (r.caseId && r.caseNo ? <Link to={`/cases/${r.caseId}`}>{r.caseNo}</Link> : '—') },
              { key: 'problems', title: t('caseIntake.report.problems'), render: (_, r) => r.problems.map((p) => p[locale]).join('；') },
            ]}
          />
        </Card>
      )}
    </>
  );
}
