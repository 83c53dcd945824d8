import type { ThemeConfig } from 'antd';

/** Sober and legible: deep blue for actions and the side menu, the brand red only in the mark. */
export const SIDER_BG = '#0f2747';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    colorLink: '#1d4f91',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { siderBg: SIDER_BG, headerBg: '#ffffff', bodyBg: '#f3f5f8' },
    Menu: { darkItemBg: SIDER_BG, darkSubMenuItemBg: SIDER_BG, darkItemSelectedBg: '#1d4f91' },
  },
};
