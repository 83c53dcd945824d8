/**
 * The resident page (群众诉求 · 扫码反映, issue 11 point 9) under /r: public and phone-size, no
 * account. Reached from a village's QR code (`/r?v=<village code>`): the county is the code's
 * first six digits, else the deployment's county. Two tabs: file a problem (/r), follow it with the
 * tracking code (/r/track).
 */
import { Alert, Segmented, Typography } from 'antd';
import { Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { regionsApi } from '../../shared/api/regions.ts';
import { call } from '../api.ts';
import { FullPageSpin } from '../auth/guards.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { ResidentFilePage } from './ResidentFilePage.tsx';
import { ResidentTrackPage } from './ResidentTrackPage.tsx';

/** The village the QR code named, when it is one (12 digits). */
export const villageFromQuery = (v: string | null): string | null => (v && /^\d{12}$/.test(v) ? v : null);

export function ResidentApp() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const village = villageFromQuery(params.get('v'));
  const deployment = useApi((signal) => (village ? Promise.resolve(null) : call(regionsApi.getDeployment, undefined, { signal })), [village]);
  const location = useLocation();
  const navigate = useNavigate();
  useTitle(t('residentPage.title'));
  const top = deployment.data?.region;
  const county = village ? village.slice(0, 6) : top?.level === 'county' ? top.code : null;
  const search = village ? `?v=${village}` : '';
  const tab = location.pathname.startsWith('/r/track') ? 'track' : 'file';

  return (
    <div data-testid="resident-app" style={{ maxWidth: 520, margin: '0 auto', minHeight: '100vh', background: '#f5f6f8' }}>
      <header style={{ background: '#b3261e', color: '#fff', padding: '14px 16px 12px' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('residentPage.title')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Segmented
          block
          style={{ marginTop: 12 }}
          value={tab}
          onChange={(value) => navigate(`${value === 'track' ? '/r/track' : '/r'}${search}`)}
          options={[
            { value: 'file', label: t('residentPage.tab.file') },
            { value: 'track', label: t('residentPage.tab.track') },
          ]}
        />
      </header>
      <main style={{ padding: 12 }}>
        {!village && deployment.loading ? (
          <FullPageSpin />
        ) : !county ? (
          <Alert type="warning" showIcon message={t('residentPage.noCounty')} />
        ) : (
          <Routes>
            <Route index element={<ResidentFilePage county={county} village={village} />} />
            <Route path="track" element={<ResidentTrackPage county={county} />} />
            <Route path="*" element={<ResidentFilePage county={county} village={village} />} />
          </Routes>
        )}
      </main>
    </div>
  );
}
