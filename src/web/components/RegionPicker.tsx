import { TreeSelect } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CHILD_LEVEL, REGION_LEVELS } from '../../shared/schemas/regions.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { localName } from '../format.ts';
import { useI18n } from '../i18n/index.tsx';
import type { TRegionLevel } from '../types.ts';
import { regionsApi } from '../../shared/api/regions.ts';
import { call } from '../api.ts';

interface PickerRegion {
  code: string;
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  level: string;
  /** Known to have no open children. */
  leaf: boolean;
}

export interface RegionPickerProps {
  value?: string;
  onChange?(code: string | undefined): void;
  placeholder?: string;
  /** The deepest level offered; its regions are leaves ('village' for the registry: households belong to villages). */
  maxLevel?: TRegionLevel;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  'aria-label'?: string;
}

const deeperThan = (level: string, max: TRegionLevel | undefined) =>
  max !== undefined && REGION_LEVELS.indexOf(level as TRegionLevel) >= REGION_LEVELS.indexOf(max);

/**
 * Picks a region of the user's area: a tree that starts at their own region and loads each
 * level from GET /api/regions/:code/children when opened. The value is the division code. A
 * value set from outside (a link, a saved filter) loads its branch so that it shows its name.
 *
 * @example
 * <Form.Item name="regionCode"><RegionPicker maxLevel="village" allowClear /></Form.Item>
 */
export function RegionPicker({ value, onChange, placeholder, maxLevel, allowClear, disabled, id, 'aria-label': ariaLabel }: RegionPickerProps) {
  const me = useMe();
  const { t, locale } = useI18n();
  const root: PickerRegion = useMemo(
    () => ({ code: me.region.code, parentCode: null, name: me.region.name, nameEn: me.region.nameEn, level: me.region.level, leaf: deeperThan(me.region.level, maxLevel) }),
    [me.region, maxLevel],
  );
  const [regions, setRegions] = useState<Map<string, PickerRegion>>(() => new Map([[root.code, root]]));
  const loaded = useRef(new Map<string, Promise<void>>());

  const loadChildren = useCallback(
    (code: string) => {
      const known = loaded.current.get(code);
      if (known) return known;
      const loading = call(regionsApi.listChildren, { params: { code } })
        .then(({ items }) =>
          setRegions((previous) => {
            const next = new Map(previous);
            for (const r of items) {
              next.set(r.code, { code: r.code, parentCode: code, name: r.name, nameEn: r.nameEn, level: r.level, leaf: r.childCount === 0 || deeperThan(r.level, maxLevel) || !CHILD_LEVEL[r.level] });
            }
            const parent = next.get(code);
            if (parent && items.length === 0) next.set(code, { ...parent, leaf: true });
            return next;
          }),
        )
        .catch(() => {
          loaded.current.delete(code); // try again on the next expand
        });
      loaded.current.set(code, loading);
      return loading;
    },
    [maxLevel],
  );

  // The first level, so that the list is there when it opens.
  useEffect(() => {
    if (!root.leaf) void loadChildren(root.code);
  }, [root, loadChildren]);

  // A value not in the tree yet (a link, a saved filter): load the branches from the user's region down to it.
  const resolving = useRef(new Set<string>());
  useEffect(() => {
    if (!value || regions.has(value) || resolving.current.has(value)) return;
    resolving.current.add(value);
    void call(regionsApi.getRegion, { params: { code: value } })
      .then(async (detail) => {
        const chain = detail.ancestors.map((a) => a.code);
        const start = chain.indexOf(root.code);
        if (start < 0) return;
        for (const code of chain.slice(start)) await loadChildren(code);
      })
      .catch(() => undefined);
  }, [value, regions, root.code, loadChildren]);

  const treeData = [...regions.values()].map((r) => ({
    id: r.code,
    pId: r.parentCode ?? 0,
    value: r.code,
    title: localName(r, locale),
    isLeaf: r.leaf,
  }));

  return (
    <TreeSelect<string>
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(code) => onChange?.(code ?? undefined)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: 0 }}
      treeData={treeData}
      loadData={(node) => loadChildren(String(node.value))}
      treeDefaultExpandedKeys={[root.code]}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder ?? t('regionPicker.placeholder')}
      allowClear={allowClear}
      disabled={disabled}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 240, maxWidth: 'calc(100vw - 24px)' } } }}
      data-testid="region-picker"
    />
  );
}
