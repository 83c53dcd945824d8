import { SearchOutlined } from '@ant-design/icons';
import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { categoryName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { THardshipCategory, ResidentFilter } from '../../types.ts';
import { FilterBar } from '../FilterBar.tsx';
import { RegionPicker } from '../RegionPicker.tsx';

const item = { style: { marginBottom: 0 } };

const clean = (v: ResidentFilter): ResidentFilter =>
  Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '').map(([k, s]) => [k, s.trim()]));

/**
 * Search (name, pinyin, initials, number endings, phone), region, hardship category, and whether
 * hardship households have their responsible cadre. Shows `value` (the page's URL), reports changes.
 */
export function ResidentFilters({ value, categories, onChange }: { value: ResidentFilter; categories: THardshipCategory[]; onChange(values: ResidentFilter): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<ResidentFilter>();
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(value);
  }, [form, value]);

  return (
    <FilterBar<ResidentFilter> name="residentFilters" form={form} onSearch={(v) => onChange(clean(v))} onReset={() => onChange({})} actions={{ lg: 8, xl: 4 }}>
      {[
        {
          key: 'q',
          lg: 12,
          xl: 7,
          node: (
            <Form.Item name="q" {...item}>
              <Input
                allowClear
                placeholder={t('registry.searchPlaceholder')}
                title={t('registry.searchHelp')}
                prefix={<SearchOutlined />}
                maxLength={40}
                aria-label={t('registry.searchPlaceholder')}
                autoCapitalize="off"
                spellCheck={false}
                data-testid="resident-search"
              />
            </Form.Item>
          ),
        },
        {
          key: 'region',
          lg: 12,
          xl: 5,
          node: (
            <Form.Item name="regionCode" {...item}>
              <RegionPicker maxLevel="village" allowClear placeholder={t('registry.filter.region')} aria-label={t('registry.filter.region')} />
            </Form.Item>
          ),
        },
        {
          key: 'category',
          lg: 8,
          xl: 4,
          node: (
            <Form.Item name="category" {...item}>
              <Select
                allowClear
                placeholder={t('registry.filter.category')}
                aria-label={t('registry.filter.category')}
                options={categories.map((c) => ({ value: c.code, label: categoryName(c, locale) }))}
              />
            </Form.Item>
          ),
        },
        {
          key: 'paired',
          lg: 8,
          xl: 4,
          node: (
            <Form.Item name="paired" {...item}>
              <Select
                allowClear
                placeholder={t('registry.filter.paired')}
                aria-label={t('registry.filter.paired')}
                options={[
                  { value: 'false', label: t('registry.paired.false') },
                  { value: 'true', label: t('registry.paired.true') },
                ]}
              />
            </Form.Item>
          ),
        },
      ]}
    </FilterBar>
  );
}
