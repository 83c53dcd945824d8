import { TreeSelect } from 'antd';
import { caseCategoriesApi } from '../../../shared/api/case-config.ts';
import type { TCaseCategoryNode } from '../../../shared/cases/case-config-schemas.ts';
import { call } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../i18n/index.tsx';

interface TreeNode {
  value: string;
  title: string;
  selectable: boolean;
  children: TreeNode[];
}

/**
 * The category tree (诉求分类) by code. `leavesOnly` for the intake (a case is filed under a leaf,
 * which has the deadlines and the route); a filter may pick a branch. Inactive categories are left
 * out of the intake.
 */
export function CategorySelect({ value, onChange, leavesOnly, id, placeholder }: { value?: string; onChange?(code: string | undefined): void; leavesOnly?: boolean; id?: string; placeholder?: string }) {
  const { locale } = useI18n();
  const tree = useApi((signal) => call(caseCategoriesApi.listCaseCategories, undefined, { signal }), []);
  const toNode = (c: TCaseCategoryNode): TreeNode => {
    const children = c.children.filter((k) => !leavesOnly || k.active).map(toNode);
    return { value: c.code, title: locale === 'en' ? c.nameEn : c.name, selectable: !leavesOnly || children.length === 0, children };
  };
  return (
    <TreeSelect<string>
      id={id}
      value={value}
      onChange={(code) => onChange?.(code ?? undefined)}
      treeData={(tree.data?.items ?? []).filter((c) => !leavesOnly || c.active).map(toNode)}
      treeDefaultExpandAll={leavesOnly}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={!leavesOnly}
      loading={tree.loading}
      placeholder={placeholder}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid="category-select"
    />
  );
}
