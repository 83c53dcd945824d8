import { Segmented } from 'antd';
import type { TLocale } from '../../shared/locale.ts';
import { useI18n } from '../i18n/index.tsx';

/** 中文 / EN. `onChange` defaults to switching the interface only (the login page). */
export function LanguageSwitch({ onChange }: { onChange?: (locale: TLocale) => void }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<TLocale>
      size="small"
      aria-label={t('lang.label')}
      data-testid="language-switch"
      value={locale}
      onChange={(value) => (onChange ? onChange(value) : setLocale(value))}
      options={[
        { value: 'zh-CN', label: <span lang="zh-CN">中文</span> },
        { value: 'en', label: <span lang="en">EN</span> },
      ]}
    />
  );
}
