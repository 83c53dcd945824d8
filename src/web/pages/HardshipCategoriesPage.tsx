import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card } from 'antd';
import { useState } from 'react';
import { hardshipCategoriesApi } from '../../shared/api/registry.ts';
import { call } from '../api.ts';
import { errorText } from '../components/errors.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { HardshipCategoryModal } from '../components/settings/HardshipCategoryModal.tsx';
import { HardshipCategoryTable } from '../components/settings/HardshipCategoryTable.tsx';
import { useHardshipCategories } from '../hooks/useHardshipCategories.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import type { SaveHardshipCategoryRequest, THardshipCategory } from '../types.ts';

type Dialog = { kind: 'add' } | { kind: 'edit'; category: THardshipCategory } | null;

/** County configuration: the hardship categories households can be labelled with. */
export function HardshipCategoriesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  useTitle(t('category.title'));
  const categories = useHardshipCategories();
  const [dialog, setDialog] = useState<Dialog>(null);

  const toggle = async (c: THardshipCategory) => {
    const body: SaveHardshipCategoryRequest = { name: c.name, nameEn: c.nameEn, sort: c.sort, active: !c.active };
    try {
      await call(hardshipCategoriesApi.saveHardshipCategory, { params: { code: c.code }, body });
      void message.success(t('category.saved', { name: c.name }));
      categories.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('category.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })}>
            {t('category.add')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('category.hint')} style={{ marginBottom: 16 }} />
      <Card styles={{ body: { padding: 0 } }}>
        <HardshipCategoryTable categories={categories.all} loading={categories.loading} onEdit={(category) => setDialog({ kind: 'edit', category })} onToggle={toggle} />
      </Card>
      {dialog && (
        <HardshipCategoryModal
          {...(dialog.kind === 'edit' ? { category: dialog.category } : {})}
          existing={categories.all}
          onClose={() => setDialog(null)}
          onDone={categories.reload}
        />
      )}
    </>
  );
}
