import { useI18n } from '../i18n/index.tsx';

/** The 连心 mark: a red seal-like square with 连, and the name beside it. */
export function Brand({ dark = false, size = 'medium', showTagline = false }: { dark?: boolean; size?: 'medium' | 'large'; showTagline?: boolean }) {
  const { t } = useI18n();
  const mark = size === 'large' ? 48 : 30;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: size === 'large' ? 14 : 10, minWidth: 0 }}>
      <div
        aria-hidden
        style={{
          width: mark,
          height: mark,
          flex: 'none',
          borderRadius: size === 'large' ? 10 : 6,
          background: 'linear-gradient(135deg, #c8252c, #a3161d)',
          color: '#fff',
          display: 'grid',
          placeItems: 'center',
          fontWeight: 700,
          fontSize: mark * 0.56,
          fontFamily: '"Songti SC", "SimSun", "Noto Serif CJK SC", serif',
          boxShadow: '0 1px 2px rgba(0,0,0,.2)',
        }}
      >
        连
      </div>
      <div style={{ minWidth: 0, lineHeight: 1.25 }}>
        <div style={{ fontWeight: 600, fontSize: size === 'large' ? 26 : 17, color: dark ? '#fff' : 'rgba(0,0,0,.88)', whiteSpace: 'nowrap' }}>{t('app.name')}</div>
        {showTagline && <div style={{ fontSize: 13, color: dark ? 'rgba(255,255,255,.65)' : 'rgba(0,0,0,.55)', whiteSpace: 'nowrap' }}>{t('app.tagline')}</div>}
      </div>
    </div>
  );
}
