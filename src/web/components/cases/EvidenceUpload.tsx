import { PlusOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { casesApi } from '../../../shared/api/cases.ts';
import { uploadCall } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';

/**
 * Evidence photos (办理材料) for a note or a resolution: each picked image is uploaded to the case
 * at once (the server re-encodes it and names it by its SHA-256); the form field holds the hashes
 * the step then names.
 */
export function EvidenceUpload({ caseId, onChange }: { caseId: string; value?: string[]; onChange?(hashes: string[]): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  return (
    <Upload
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp"
      multiple
      fileList={files}
      onChange={({ fileList }) => {
        setFiles(fileList);
        // The uploaded ones (each answer is the stored photo's hash); a failed one is left out.
        onChange?.(fileList.filter((f) => f.status === 'done' && typeof f.response === 'string').map((f) => f.response as string));
      }}
      customRequest={({ file, onSuccess, onError }) => {
        const blob = file as File;
        uploadCall(casesApi.uploadCaseFile, { params: { id: caseId } }, blob, blob.type)
          .then((stored) => onSuccess?.(stored.sha256))
          .catch((e: unknown) => {
            void message.error(errorText(t, e));
            onError?.(e instanceof Error ? e : new Error(String(e)));
          });
      }}
      data-testid="evidence-upload"
    >
      <div>
        <PlusOutlined />
        <div style={{ marginTop: 4 }}>{t('cases.form.addPhoto')}</div>
      </div>
    </Upload>
  );
}
