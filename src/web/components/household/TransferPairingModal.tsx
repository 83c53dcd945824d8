import { Alert, App, Form } from 'antd';
import { pairingApi } from '../../../shared/api/pairing.ts';
import { localDate } from '../../../shared/time.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TPairing } from '../../types.ts';
import { CadrePicker } from '../CadrePicker.tsx';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';
import { PairingDateReason } from './PairingFields.tsx';

interface Values {
  cadreId: string;
  on: string;
  reason: string;
}

/** POST /api/pairings/:id/transfer: another cadre takes over on a date, with a reason. */
export function TransferPairingModal({ pairing, onClose, onDone }: { pairing: TPairing; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      title={t('pairing.transferTitle', { name: pairing.cadre.displayName })}
      okText={t('pairing.transfer')}
      fields={['cadreId', 'on', 'reason']}
      rename={{ toCadreId: 'cadreId' }}
      initialValues={{ on: localDate() }}
      onClose={onClose}
      onSubmit={async (v) => {
        const updated = await call(pairingApi.transferPairing, { params: { id: pairing.id }, body: { toCadreId: v.cadreId, on: v.on, reason: v.reason.trim() } });
        const next = updated.pairings.find((p) => p.cadre.id === v.cadreId && p.endedOn === null);
        void message.success(t('pairing.transferred', { name: next?.cadre.displayName ?? '' }));
        onDone();
      }}
    >
      <Alert type="info" showIcon title={t('pairing.transferHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="cadreId" label={t('pairing.toCadre')} rules={[requiredRule(t)]}>
        <CadrePicker exclude={[pairing.cadre.id]} />
      </Form.Item>
      <PairingDateReason dateName="on" dateLabel="pairing.transferOn" reasonRequired />
    </FormModal>
  );
}
