import { DatePicker, Form, Input } from 'antd';
import { localDate } from '../../../shared/time.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { dateItemProps } from '../dates.ts';
import { requiredRule } from '../rules.ts';

/** Pairing dates record what was arranged: not in the future. */
const notAfterToday = (d: { format(f: string): string }) => d.format('YYYY-MM-DD') > localDate();

/** The date and the reason of a pairing change (start, transfer, end). */
export function PairingDateReason({ dateName, dateLabel, reasonRequired }: { dateName: string; dateLabel: MessageKey; reasonRequired: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name={dateName} label={t(dateLabel)} rules={[requiredRule(t)]} {...dateItemProps}>
        <DatePicker style={{ width: '100%' }} disabledDate={notAfterToday} />
      </Form.Item>
      <Form.Item name="reason" label={t('pairing.reason')} rules={[...(reasonRequired ? [requiredRule(t)] : []), { max: 500 }]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}
