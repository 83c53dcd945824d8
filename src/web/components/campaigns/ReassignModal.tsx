import { Form, Select } from 'antd';
import { visitCampaignsApi } from '../../../shared/api/visit-campaigns.ts';
import { call } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FormModal } from '../FormModal.tsx';

/** The "village's cadres" choice: no cadre named (the API's `cadreId: null`). */
const TO_VILLAGE = 'village';

/**
 * 调配走访干部: gives a village's targets (all, or the chosen households) to one cadre whose region
 * contains the village, or back to the village's cadres.
 */
export function ReassignModal(props: { campaignId: string; villageCode: string; villageName: string; householdIds: string[] | null; onClose(): void; onDone(count: number): void }) {
  const { t } = useI18n();
  const cadres = useApi((signal) => call(visitCampaignsApi.listCadres, { params: { id: props.campaignId }, query: { villageCode: props.villageCode } }, { signal }), [props.campaignId, props.villageCode]);
  const options = [
    { value: TO_VILLAGE, label: t('campaign.reassign.toVillage') },
    ...(cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.username}，${c.regionName}）` })),
  ];
  return (
    <FormModal<{ cadre: string }>
      title={`${t('campaign.reassign.title')} · ${props.villageName}`}
      fields={['cadreId']}
      rename={{ cadreId: 'cadre' }}
      data-testid="reassign-form"
      onClose={props.onClose}
      onSubmit={async ({ cadre }) => {
        const result = await call(visitCampaignsApi.reassignTargets, {
          params: { id: props.campaignId },
          body: { villageCode: props.villageCode, cadreId: cadre === TO_VILLAGE ? null : cadre, ...(props.householdIds ? { householdIds: props.householdIds } : {}) },
        });
        props.onDone(result.reassigned);
      }}
    >
      <Form.Item name="cadre" label={t('campaign.reassign.cadre')} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={options} loading={cadres.loading} />
      </Form.Item>
    </FormModal>
  );
}
