import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Radio, Typography, Upload } from 'antd';
import { useState } from 'react';
import { IMPORT_CONTENT_TYPES } from '../../../shared/registry/import-schemas.ts';
import { importsApi } from '../../../shared/api/imports.ts';
import { uploadCall, urlOf } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TImportJob, TImportMode } from '../../types.ts';
import { DownloadButton } from '../DownloadButton.tsx';
import { errorText } from '../errors.ts';

const ACCEPTED = /\.(csv|xlsx)$/i;

const fileSize = (bytes: number) => (bytes < 1024 ** 2 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`);

/** The file's own type when the server takes it, else plain bytes (the server looks at the content anyway). */
const contentTypeOf = (file: File) => ((IMPORT_CONTENT_TYPES as readonly string[]).includes(file.type) ? file.type : 'application/octet-stream');

/**
 * Choose a registry file and a mode, and start the import (POST /api/imports/households with the
 * file as the body). A file refused at once (no header, wrong type) says why here.
 */
export function ImportUploadCard({ onStarted }: { onStarted(job: TImportJob): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  const [mode, setMode] = useState<TImportMode>('all_or_nothing');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const start = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const job = await uploadCall(importsApi.uploadHouseholds, { query: { fileName: file.name, mode } }, file, contentTypeOf(file));
      setFile(undefined);
      onStarted(job);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('import.upload')} style={{ marginBottom: 16 }} data-testid="import-upload">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="upload-error" />}
      <div style={{ marginBottom: 16 }}>
        <DownloadButton path={urlOf(importsApi.downloadTemplate)} data-testid="download-template">
          {t('import.template')}
        </DownloadButton>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
          {t('import.templateHint')}
        </Typography.Paragraph>
      </div>
      <Upload.Dragger
        accept=".csv,.xlsx"
        multiple={false}
        // The chosen file is named inside the drop area, not in a list that slides in below it:
        // a list pushed the start button down while a click was on its way to it.
        showUploadList={false}
        beforeUpload={(chosen) => {
          if (!ACCEPTED.test(chosen.name)) setError(t('import.wrongType'));
          else {
            setError(undefined);
            setFile(chosen);
          }
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        {file ? (
          <p className="ant-upload-text" data-testid="chosen-file">
            {t('import.chosen', { name: file.name, size: fileSize(file.size) })}
          </p>
        ) : (
          <p className="ant-upload-text">{t('import.dropHint')}</p>
        )}
        <p className="ant-upload-hint">{file ? t('import.chooseOther') : t('import.dropFormats')}</p>
      </Upload.Dragger>

      <div style={{ marginTop: 16 }}>
        <Typography.Text strong>{t('import.mode')}</Typography.Text>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as TImportMode)}
          style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
          data-testid="import-mode"
          options={(['all_or_nothing', 'partial'] as const).map((m) => ({
            value: m,
            label: (
              <span>
                {t(`import.mode.${m}`)}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`import.modeHint.${m}`)}
                </Typography.Text>
              </span>
            ),
          }))}
        />
      </div>
      <Button type="primary" block style={{ marginTop: 16 }} disabled={!file} loading={busy} onClick={() => void start()} data-testid="start-import">
        {file ? t('import.start') : t('import.chooseFile')}
      </Button>
    </Card>
  );
}
