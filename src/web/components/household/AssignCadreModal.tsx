import { Alert, App, Form, Radio } from 'antd';
import { pairingApi } from '../../../shared/api/pairing.ts';
import { localDate } from '../../../shared/time.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { THouseholdDetail } from '../../types.ts';
import { CadrePicker } from '../CadrePicker.tsx';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';
import { inForce } from './dated.ts';
import { PairingDateReason } from './PairingFields.tsx';

interface Values {
  cadreId: string;
  role: 'responsible' | 'helper';
  startedOn: string;
  reason?: string;
}

/** POST /api/households/:id/pairings: a responsible cadre (one at a time) or a helper. */
export function AssignCadreModal({ household, onClose, onDone }: { household: THouseholdDetail; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const current = household.pairings.filter((p) => inForce(p.endedOn));
  const hasResponsible = current.some((p) => p.role === 'responsible');
  return (
    <FormModal<Values>
      open
      title={t('pairing.assignTitle')}
      okText={t('pairing.assign')}
      fields={['cadreId', 'role', 'startedOn', 'reason']}
      initialValues={{ role: hasResponsible ? 'helper' : 'responsible', startedOn: localDate() }}
      onClose={onClose}
      onSubmit={async (v) => {
        const updated = await call(pairingApi.assignCadre, {
          params: { id: household.id },
          body: { cadreId: v.cadreId, role: v.role, startedOn: v.startedOn, reason: v.reason?.trim() ?? '' },
        });
        const added = updated.pairings.find((p) => p.cadre.id === v.cadreId && p.endedOn === null);
        void message.success(t('pairing.assigned', { name: added?.cadre.displayName ?? '' }));
        onDone();
      }}
    >
      {hasResponsible && <Alert type="info" showIcon title={t('pairing.responsibleTaken')} style={{ marginBottom: 16 }} />}
      <Form.Item name="cadreId" label={t('pairing.cadre')} rules={[requiredRule(t)]}>
        <CadrePicker exclude={current.map((p) => p.cadre.id)} />
      </Form.Item>
      <Form.Item name="role" label={t('pairing.role')} rules={[requiredRule(t)]}>
        <Radio.Group
          options={[
            { value: 'responsible', label: t('pairing.role.responsible'), disabled: hasResponsible },
            { value: 'helper', label: t('pairing.role.helper') },
          ]}
        />
      </Form.Item>
      <PairingDateReason dateName="startedOn" dateLabel="pairing.startedOn" reasonRequired={false} />
    </FormModal>
  );
}
