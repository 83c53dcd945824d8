import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { TRevealPurpose } from '../../../shared/schemas/reveal-purpose.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { mono } from '../registry/MaskedNumbers.tsx';
import { RevealPurposeModal } from './RevealPurposeModal.tsx';

interface Props {
  masked: string;
  /** Asks the server for the full number with a purpose (which records the reveal); absent when the user's role may not reveal. */
  reveal?: (purpose: TRevealPurpose) => Promise<{ value: string }>;
  /** What the eye button says to a screen reader and on hover; also the purpose dialog's title. */
  label: string;
  testId: string;
}

/**
 * A masked number with, for the roles allowed to, an eye button that asks for the purpose and
 * then shows the full number in place (one person's, one at a time) and says that the view was
 * recorded.
 */
export function RevealNumber({ masked, reveal: fetchValue, label, testId }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const [value, setValue] = useState<string>();
  const [asking, setAsking] = useState(false);

  const reveal = async (purpose: TRevealPurpose) => {
    if (!fetchValue) return;
    const revealed = await fetchValue(purpose);
    setValue(revealed.value);
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
      {fetchValue && (
        <Tooltip title={label}>
          <Button type="text" size="small" icon={<EyeOutlined />} aria-label={label} onClick={() => setAsking(true)} data-testid={`${testId}-reveal`} />
        </Tooltip>
      )}
      {asking && <RevealPurposeModal title={label} userId={me.id} reveal={reveal} onClose={() => setAsking(false)} />}
    </span>
  );
}
