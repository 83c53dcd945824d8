import { Alert, App } from 'antd';
import { pairingApi } from '../../../shared/api/pairing.ts';
import { localDate } from '../../../shared/time.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TPairing } from '../../types.ts';
import { FormModal } from '../FormModal.tsx';
import { PairingDateReason } from './PairingFields.tsx';

interface Values {
  on: string;
  reason: string;
}

/** POST /api/pairings/:id/end: the pairing ends on a date, with a reason, and stays in the history. */
export function EndPairingModal({ pairing, onClose, onDone }: { pairing: TPairing; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      danger
      title={t('pairing.endTitle', { name: pairing.cadre.displayName })}
      okText={t('pairing.end')}
      fields={['on', 'reason']}
      initialValues={{ on: localDate() }}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(pairingApi.endPairing, { params: { id: pairing.id }, body: { on: v.on, reason: v.reason.trim() } });
        void message.success(t('pairing.endedDone', { name: pairing.cadre.displayName }));
        onDone();
      }}
    >
      <Alert type="warning" showIcon title={t('pairing.endHint')} style={{ marginBottom: 16 }} />
      <PairingDateReason dateName="on" dateLabel="pairing.endOn" reasonRequired />
    </FormModal>
  );
}
