import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';
import { mono } from '../registry/MaskedNumbers.tsx';

interface Props {
  masked: string;
  /** POST route that answers { value } and records the reveal; absent when the user's role may not reveal. */
  revealPath?: string;
  /** What the eye button says to a screen reader and on hover. */
  label: string;
  testId: string;
}

/**
 * A masked number with, for the roles allowed to, an eye button that shows the full number in
 * place (one person's, one at a time) and says that the view was recorded.
 */
export function RevealNumber({ masked, revealPath, label, testId }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [value, setValue] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    if (!revealPath) return;
    setBusy(true);
    try {
      const revealed = await api.post<{ value: string }>(revealPath);
      setValue(revealed.value);
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  if (value) {
    return (
      <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
        <span>
          <Typography.Text strong copyable style={mono} data-testid={`${testId}-revealed`}>
            {value}
          </Typography.Text>
          <Tooltip title={t('reveal.hide')}>
            <Button type="text" size="small" icon={<EyeInvisibleOutlined />} aria-label={t('reveal.hide')} onClick={() => setValue(undefined)} />
          </Tooltip>
        </span>
        <Typography.Text type="warning" style={{ fontSize: 12 }} role="status">
          {t('reveal.recorded')}
        </Typography.Text>
      </span>
    );
  }
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span style={mono} data-testid={testId}>
        {masked}
      </span>
      {revealPath && (
        <Tooltip title={label}>
          <Button type="text" size="small" icon={<EyeOutlined />} loading={busy} aria-label={label} onClick={() => void reveal()} data-testid={`${testId}-reveal`} />
        </Tooltip>
      )}
    </span>
  );
}
