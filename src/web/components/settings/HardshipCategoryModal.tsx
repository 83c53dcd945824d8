import { App, Form, Input, InputNumber, Switch } from 'antd';
import { ZHardshipCategoryParams } from '../../../shared/schemas/registry.ts';
import { hardshipCategoriesApi } from '../../../shared/api/registry.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { SaveHardshipCategoryRequest, THardshipCategory } from '../../types.ts';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';

interface Values {
  code: string;
  name: string;
  nameEn: string;
  sort: number;
  active: boolean;
}

const validCode = (code: string) => ZHardshipCategoryParams.safeParse({ code }).success;

/**
 * PUT /api/hardship-categories/:code: a new category (`category` absent) or changes to one.
 * The code of a new one must not be taken: the route would silently overwrite that category.
 */
export function HardshipCategoryModal({ category, existing, onClose, onDone }: { category?: THardshipCategory; existing: THardshipCategory[]; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const nextSort = Math.max(0, ...existing.map((c) => c.sort)) + 10;
  return (
    <FormModal<Values>
      open
      title={category ? t('category.editTitle', { name: category.name }) : t('category.add')}
      okText={t('common.save')}
      fields={['code', 'name', 'nameEn', 'sort', 'active']}
      initialValues={category ?? { sort: nextSort, active: true }}
      onClose={onClose}
      onSubmit={async (v) => {
        const code = category?.code ?? v.code.trim();
        const body: SaveHardshipCategoryRequest = { name: v.name.trim(), nameEn: v.nameEn.trim(), sort: v.sort, active: v.active };
        const saved = await call(hardshipCategoriesApi.saveHardshipCategory, { params: { code }, body });
        void message.success(t('category.saved', { name: saved.name }));
        onDone();
      }}
    >
      <Form.Item
        name="code"
        label={t('category.code')}
        extra={t('category.codeRule')}
        rules={
          category
            ? []
            : [
                requiredRule(t),
                {
                  validator: (_, value: string | undefined) => {
                    const code = value?.trim() ?? '';
                    if (!code) return Promise.resolve();
                    if (!validCode(code)) return Promise.reject(new Error(t('category.codeRule')));
                    if (existing.some((c) => c.code === code)) return Promise.reject(new Error(t('category.codeTaken')));
                    return Promise.resolve();
                  },
                },
              ]
        }
      >
        <Input maxLength={40} disabled={Boolean(category)} autoCapitalize="off" spellCheck={false} style={{ fontFamily: 'ui-monospace, monospace' }} />
      </Form.Item>
      <Form.Item name="name" label={t('category.name')} rules={[requiredRule(t), { max: 40, whitespace: true }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('category.nameEn')} rules={[requiredRule(t), { max: 80, whitespace: true }]}>
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="sort" label={t('category.sort')} extra={t('category.sortHint')} rules={[requiredRule(t)]}>
        <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="active" label={t('category.status')} valuePropName="checked">
        <Switch checkedChildren={t('category.active')} unCheckedChildren={t('category.inactive')} />
      </Form.Item>
    </FormModal>
  );
}
