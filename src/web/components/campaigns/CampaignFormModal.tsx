import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Divider, Form, Input, InputNumber, Select, Space } from 'antd';
import { visitCampaignsApi } from '../../../shared/api/visit-campaigns.ts';
import { regionsApi } from '../../../shared/api/regions.ts';
import type { TCampaignDetail, TCampaignDraftInput, TCampaignKind } from '../../../shared/visits/index.ts';
import { call } from '../../api.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useHardshipCategories } from '../../hooks/useHardshipCategories.ts';
import { useI18n } from '../../i18n/index.tsx';
import { dateItemProps } from '../dates.ts';
import { FormModal } from '../FormModal.tsx';

interface GoodsValues {
  code?: string;
  name: string;
  unit: string;
  quantity: number;
}
interface ItemValues {
  code?: string;
  name: string;
  yuan?: number | null;
  goods?: GoodsValues[];
  deliveriesPerHousehold?: number;
}
interface Values {
  kind: TCampaignKind;
  name: string;
  startsOn: string;
  endsOn: string;
  deadline: string;
  minVisits: number;
  minVisitsHardship: number;
  graceDays: number;
  regionCodes: string[];
  aidStandards?: { categoryCode: string; items?: ItemValues[] }[];
  budgets?: { townshipCode: string; yuan: number }[];
  filterVillages?: string[];
  filterCategories?: string[];
}

const FIELDS = ['definition', 'regionCodes', 'targetFilter'] as const;

/** Money is entered in yuan and stored in fen (integers). */
const toFen = (yuan: number) => Math.round(yuan * 100);
const toYuan = (fen: number) => fen / 100;

function toValues(c: TCampaignDetail | undefined): Partial<Values> {
  if (!c) return { kind: 'hardship', minVisits: 1, minVisitsHardship: 2, graceDays: 7, regionCodes: [], aidStandards: [], budgets: [] };
  const d = c.definition;
  return {
    kind: d.kind,
    name: d.name,
    startsOn: d.period.startsOn,
    endsOn: d.period.endsOn,
    deadline: d.done.deadline,
    minVisits: d.done.minVisits,
    minVisitsHardship: d.done.minVisitsHardship,
    graceDays: d.graceDays,
    regionCodes: c.regions.map((r) => r.code),
    aidStandards: d.aidStandards.map((s) => ({
      categoryCode: s.categoryCode,
      items: s.items.map((i) => ({ code: i.code, name: i.name, yuan: i.amountFen === undefined ? null : toYuan(i.amountFen), goods: i.goods, deliveriesPerHousehold: i.deliveriesPerHousehold })),
    })),
    budgets: d.budgets.map((b) => ({ townshipCode: b.townshipCode, yuan: toYuan(b.budgetFen) })),
    filterVillages: c.targetFilter?.villageCodes ?? [],
    filterCategories: c.targetFilter?.categoryCodes ?? [],
  };
}

/**
 * The draft the server takes. Codes the admin does not type: an item's is its category's code and
 * its place (`dibao_aid`, `dibao_aid2`), goods' the same with `goods` (kept when editing).
 */
function toDraft(v: Values): TCampaignDraftInput {
  return {
    definition: {
      kind: v.kind,
      name: v.name,
      period: { startsOn: v.startsOn, endsOn: v.endsOn },
      done: { deadline: v.deadline, minVisits: v.minVisits, minVisitsHardship: v.minVisitsHardship },
      aidStandards: (v.aidStandards ?? []).map((s) => ({
        categoryCode: s.categoryCode,
        items: (s.items ?? []).map((item, i) => ({
          code: item.code || `${s.categoryCode}_aid${i ? i + 1 : ''}`,
          name: item.name,
          ...(item.yuan ? { amountFen: toFen(item.yuan) } : {}),
          goods: (item.goods ?? []).map((g, j) => ({ code: g.code || `${s.categoryCode}_goods${i + 1}_${j + 1}`, name: g.name, unit: g.unit, quantity: g.quantity })),
          deliveriesPerHousehold: item.deliveriesPerHousehold ?? 1,
        })),
      })),
      budgets: (v.budgets ?? []).map((b) => ({ townshipCode: b.townshipCode, budgetFen: toFen(b.yuan) })),
      graceDays: v.graceDays,
    },
    regionCodes: v.regionCodes,
    targetFilter: v.kind === 'custom' ? { villageCodes: v.filterVillages ?? [], categoryCodes: v.filterCategories ?? [] } : null,
  };
}

/** 新建 / 修改走访活动: kind, period, regions, done rule, aid standards (yuan shown, fen stored), budgets, grace days. */
export function CampaignFormModal({ campaign, onClose, onDone }: { campaign?: TCampaignDetail; onClose(): void; onDone(c: TCampaignDetail): void }) {
  const { t, text } = useI18n();
  const me = useMe();
  const categories = useHardshipCategories();
  const children = useApi((signal) => call(regionsApi.listChildren, { params: { code: me.region.code } }, { signal }), [me.region.code]);
  const nameOf = (r: { name: string; nameEn: string | null }) => text({ 'zh-CN': r.name, en: r.nameEn ?? r.name });
  // A county admin picks townships; a township admin its township or some of its villages.
  const regionOptions = [
    ...(me.region.level === 'township' ? [{ value: me.region.code, label: nameOf(me.region) }] : []),
    ...(children.data?.items ?? []).filter((r) => r.level === 'township' || r.level === 'village').map((r) => ({ value: r.code, label: `${nameOf(r)} ${r.code}` })),
  ];
  const townshipOptions = me.region.level === 'township' ? [{ value: me.region.code, label: nameOf(me.region) }] : (children.data?.items ?? []).filter((r) => r.level === 'township').map((r) => ({ value: r.code, label: nameOf(r) }));
  const categoryOptions = categories.active.map((c) => ({ value: c.code, label: categories.nameOf(c.code) }));

  return (
    <FormModal<Values>
      title={campaign ? t('campaign.edit') : t('campaign.create')}
      width={860}
      initialValues={toValues(campaign)}
      fields={FIELDS}
      nestedIssues
      data-testid="campaign-form"
      onClose={onClose}
      onSubmit={async (values) => {
        const body = toDraft(values);
        const saved = campaign ? await call(visitCampaignsApi.updateCampaign, { params: { id: campaign.id }, body }) : await call(visitCampaignsApi.createCampaign, { body });
        onDone(saved);
      }}
    >
      {(form) => (
        <>
          <Space wrap size="middle" style={{ width: '100%' }}>
            <Form.Item name="kind" label={t('campaign.field.kind')} rules={[{ required: true }]}>
              <Select style={{ width: 220 }} options={(['hardship', 'all_households', 'custom'] as const).map((k) => ({ value: k, label: t(`campaign.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="name" label={t('campaign.field.name')} rules={[{ required: true, max: 80 }]}>
              <Input style={{ width: 420 }} />
            </Form.Item>
          </Space>
          <Space wrap size="middle">
            <Form.Item name="startsOn" label={t('campaign.field.startsOn')} rules={[{ required: true }]} {...dateItemProps}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="endsOn" label={t('campaign.field.endsOn')} rules={[{ required: true }]} {...dateItemProps}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="deadline" label={t('campaign.field.deadline')} rules={[{ required: true }]} {...dateItemProps}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="regionCodes" label={t('campaign.field.regions')} rules={[{ required: true }]}>
            <Select mode="multiple" options={regionOptions} optionFilterProp="label" loading={children.loading} />
          </Form.Item>
          <Divider titlePlacement="start">{t('campaign.section.done')}</Divider>
          <Space wrap size="middle">
            <Form.Item name="minVisits" label={t('campaign.field.minVisits')} rules={[{ required: true }]}>
              <InputNumber min={1} max={20} precision={0} />
            </Form.Item>
            <Form.Item name="minVisitsHardship" label={t('campaign.field.minVisitsHardship')} rules={[{ required: true }]}>
              <InputNumber min={1} max={20} precision={0} />
            </Form.Item>
            <Form.Item name="graceDays" label={t('campaign.field.graceDays')} tooltip={t('campaign.field.graceHint')} rules={[{ required: true }]}>
              <InputNumber min={0} max={60} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {() =>
              form.getFieldValue('kind') === 'custom' && (
                <>
                  <Divider titlePlacement="start">{t('campaign.section.filter')}</Divider>
                  <Form.Item name="filterVillages" label={t('campaign.field.filterVillages')}>
                    <Select mode="tags" tokenSeparators={[',', ' ', '，']} />
                  </Form.Item>
                  <Form.Item name="filterCategories" label={t('campaign.field.filterCategories')}>
                    <Select mode="multiple" options={categoryOptions} />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
          <Divider titlePlacement="start">{t('campaign.section.aid')}</Divider>
          <Form.List name="aidStandards">
            {(standards, { add, remove }) => (
              <>
                {standards.map((standard) => (
                  <Card key={standard.key} size="small" style={{ marginBottom: 12 }} extra={<MinusCircleOutlined onClick={() => remove(standard.name)} aria-label="remove" />}
                    title={
                      <Form.Item name={[standard.name, 'categoryCode']} rules={[{ required: true }]} style={{ margin: 0 }}>
                        <Select style={{ width: 240 }} placeholder={t('campaign.aid.category')} options={categoryOptions} />
                      </Form.Item>
                    }
                  >
                    <Form.List name={[standard.name, 'items']} initialValue={[{}]}>
                      {(items, itemOps) => (
                        <>
                          {items.map((item) => (
                            <div key={item.key} style={{ borderBottom: '1px dashed #eee', marginBottom: 8 }}>
                              <Form.Item name={[item.name, 'code']} hidden>
                                <Input />
                              </Form.Item>
                              <Space wrap align="start">
                                <Form.Item name={[item.name, 'name']} label={t('campaign.aid.itemName')} rules={[{ required: true, max: 40 }]}>
                                  <Input style={{ width: 200 }} />
                                </Form.Item>
                                <Form.Item name={[item.name, 'yuan']} label={t('campaign.aid.yuan')}>
                                  <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: 140 }} />
                                </Form.Item>
                                <Form.Item name={[item.name, 'deliveriesPerHousehold']} label={t('campaign.aid.times')} initialValue={1}>
                                  <InputNumber min={1} max={12} precision={0} />
                                </Form.Item>
                                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => itemOps.remove(item.name)} style={{ marginTop: 30 }} />
                              </Space>
                              <Form.List name={[item.name, 'goods']}>
                                {(goods, goodsOps) => (
                                  <>
                                    {goods.map((g) => (
                                      <Space key={g.key} wrap align="baseline">
                                        <Form.Item name={[g.name, 'code']} hidden>
                                          <Input />
                                        </Form.Item>
                                        <Form.Item name={[g.name, 'name']} rules={[{ required: true, max: 40 }]}>
                                          <Input placeholder={t('campaign.aid.goodsName')} style={{ width: 160 }} />
                                        </Form.Item>
                                        <Form.Item name={[g.name, 'quantity']} rules={[{ required: true }]} initialValue={1}>
                                          <InputNumber min={1} max={10_000} precision={0} placeholder={t('campaign.aid.quantity')} />
                                        </Form.Item>
                                        <Form.Item name={[g.name, 'unit']} rules={[{ required: true, max: 10 }]}>
                                          <Input placeholder={t('campaign.aid.goodsUnit')} style={{ width: 80 }} />
                                        </Form.Item>
                                        <MinusCircleOutlined onClick={() => goodsOps.remove(g.name)} />
                                      </Space>
                                    ))}
                                    <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => goodsOps.add({ quantity: 1 })} style={{ marginBottom: 8 }}>
                                      {t('campaign.aid.addGoods')}
                                    </Button>
                                  </>
                                )}
                              </Form.List>
                            </div>
                          ))}
                          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => itemOps.add({ deliveriesPerHousehold: 1 })}>
                            {t('campaign.aid.addItem')}
                          </Button>
                        </>
                      )}
                    </Form.List>
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ items: [{ deliveriesPerHousehold: 1 }] })} data-testid="add-standard">
                  {t('campaign.aid.addStandard')}
                </Button>
              </>
            )}
          </Form.List>
          <Divider titlePlacement="start">{t('campaign.section.budgets')}</Divider>
          <Form.List name="budgets">
            {(budgets, { add, remove }) => (
              <>
                {budgets.map((b) => (
                  <Space key={b.key} wrap align="baseline">
                    <Form.Item name={[b.name, 'townshipCode']} rules={[{ required: true }]}>
                      <Select style={{ width: 200 }} placeholder={t('campaign.budget.township')} options={townshipOptions} />
                    </Form.Item>
                    <Form.Item name={[b.name, 'yuan']} rules={[{ required: true }]}>
                      <InputNumber min={0} max={1_000_000_000} precision={2} placeholder={t('campaign.budget.yuan')} style={{ width: 180 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(b.name)} />
                  </Space>
                ))}
                <div>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                    {t('campaign.budget.add')}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormModal>
  );
}
