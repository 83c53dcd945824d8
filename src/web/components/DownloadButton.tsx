import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { download, type Query } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from './errors.ts';

interface Props extends Pick<ButtonProps, 'type' | 'size' | 'disabled'> {
  /** GET route of the file, e.g. /api/residents/export.xlsx. */
  path: string;
  query?: Query;
  /** The name to save it under; the server's when absent. */
  fileName?: string;
  /** Said once the file is saved. */
  doneMessage?: string;
  children: ReactNode;
  'data-testid'?: string;
}

/** A button that downloads a generated file with the session (see `download`), showing progress and failures. */
export function DownloadButton({ path, query, fileName, doneMessage, children, type, size, disabled, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      await download(path, query, fileName);
      if (doneMessage) void message.success(doneMessage);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void start()} type={type} size={size} disabled={disabled} data-testid={testId}>
      {children}
    </Button>
  );
}
