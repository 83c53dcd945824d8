import { DatabaseOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { IMPORT_CONTENT_TYPES } from '../../../shared/registry/import-schemas.ts';
import type { TWave } from '../../../shared/schemas/survey.ts';
import { surveyApi } from '../../../shared/api/survey.ts';
import { call, isApiError, uploadCall, type ApiIssue } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatCount } from './format.ts';
import { problemText } from './issues.ts';

const ACCEPTED = /\.(csv|xlsx)$/i;
const contentTypeOf = (file: File) => ((IMPORT_CONTENT_TYPES as readonly string[]).includes(file.type) ? file.type : 'application/octet-stream');

interface RowIssue {
  key: string;
  row: string;
  column: string;
  message: string;
}

/** 'rows.7.phone' → row 7, column phone; 'header' and 'rows' stay whole. */
function rowIssues(issues: ApiIssue[]): RowIssue[] {
  return issues.map((i, k) => {
    const [, row = '', column = ''] = /^rows\.(\d+)\.?(.*)$/.exec(i.path) ?? [];
    return { key: String(k), row, column: column || (row ? '' : i.path), message: i.message };
  });
}

/**
 * The wave's sampling frame: where it comes from and how many numbers it holds, built from the
 * registry's phones or from an uploaded list (CSV or XLSX with 电话 and 乡镇 columns, all or
 * nothing: a file with a bad row imports nothing, and the rows are listed).
 */
export function FrameCard({ wave, editable, onChanged }: { wave: TWave; editable: boolean; onChanged(w: TWave): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'registry' | 'upload' | null>(null);
  const [problem, setProblem] = useState<{ text: string; issues: RowIssue[] }>();

  const fail = (e: unknown) => setProblem({ text: problemText(t, locale, e), issues: isApiError(e) ? rowIssues(e.issues) : [] });

  const fromRegistry = async () => {
    setBusy('registry');
    setProblem(undefined);
    try {
      const w = await call(surveyApi.buildRegistryFrame, { params: { id: wave.id } });
      void message.success(t('survey.frame.built', { count: formatCount(w.counts.frame) }));
      onChanged(w);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const fromFile = async (file: File) => {
    setBusy('upload');
    setProblem(undefined);
    try {
      const w = await uploadCall(surveyApi.uploadFrame, { params: { id: wave.id }, query: { fileName: file.name } }, file, contentTypeOf(file));
      void message.success(t('survey.frame.built', { count: formatCount(w.counts.frame) }));
      onChanged(w);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('survey.frame.title')} style={{ marginBottom: 16 }} data-testid="frame-card">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'source', label: t('survey.frame.source'), children: <span data-testid="frame-source">{wave.frameSource ? t(`survey.frame.source.${wave.frameSource}`) : t('survey.frame.none')}</span> },
          { key: 'size', label: t('survey.frame.size'), children: <span data-testid="frame-size">{formatCount(wave.counts.frame)}</span> },
          {
            key: 'kinds',
            label: t('survey.frame.byKind'),
            children: `${t('survey.phone.mobile')} ${formatCount(wave.strata.reduce((n, s) => n + s.frameMobile, 0))} · ${t('survey.phone.landline')} ${formatCount(wave.strata.reduce((n, s) => n + s.frameLandline, 0))}`,
          },
        ]}
      />
      {editable && (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('survey.frame.hint')}
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<DatabaseOutlined />} loading={busy === 'registry'} disabled={busy !== null} onClick={() => void fromRegistry()} data-testid="frame-registry">
              {t('survey.frame.fromRegistry')}
            </Button>
            <Upload
              accept=".csv,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                if (!ACCEPTED.test(file.name)) setProblem({ text: t('survey.frame.wrongType'), issues: [] });
                else void fromFile(file);
                return Upload.LIST_IGNORE;
              }}
            >
              <Button icon={<UploadOutlined />} loading={busy === 'upload'} disabled={busy !== null} data-testid="frame-upload">
                {t('survey.frame.upload')}
              </Button>
            </Upload>
          </Space>
        </>
      )}
      {problem && (
        <div style={{ marginTop: 16 }} data-testid="frame-problem">
          <Alert type="error" showIcon title={problem.text} role="alert" style={{ marginBottom: problem.issues.length ? 12 : 0 }} />
          {problem.issues.length > 0 && (
            <Table<RowIssue>
              rowKey="key"
              size="small"
              pagination={problem.issues.length > 20 ? { pageSize: 20 } : false}
              dataSource={problem.issues}
              data-testid="frame-issues"
              columns={[
                { key: 'row', title: t('survey.frame.issueRow'), dataIndex: 'row', width: 80 },
                { key: 'column', title: t('survey.frame.issueColumn'), width: 120, render: (_, r) => (r.column === 'phone' ? t('survey.frame.colPhone') : r.column === 'township' ? t('survey.frame.colTownship') : r.column) },
                { key: 'message', title: t('survey.frame.issueMessage'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
      {!editable && wave.status === 'draft' && wave.sampledAt && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
          {t('survey.frame.lockedBySample')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
