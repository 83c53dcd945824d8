import { Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { TResidentListItem } from '../../types.ts';

export const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

/** A masked ID number, as lists show it: 370921********123X. */
export function MaskedId({ value }: { value: string }) {
  return (
    <span style={mono} data-testid="masked-id">
      {value}
    </span>
  );
}

/** Masked phones, one a line, with 固话 marked. */
export function MaskedPhones({ phones }: { phones: TResidentListItem['phones'] }) {
  const { t } = useI18n();
  if (!phones.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      {phones.map((p) => (
        <span key={p.id} style={{ ...mono, whiteSpace: 'nowrap' }} data-testid="masked-phone">
          {p.masked}
          {p.kind === 'landline' && <Typography.Text type="secondary"> {t('phone.landline')}</Typography.Text>}
        </span>
      ))}
    </span>
  );
}
