import { Card, Skeleton, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { CHILD_LEVEL } from '../../shared/schemas/regions.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { RegionActionModals, type RegionAction } from '../components/regions/RegionActionModals.tsx';
import { RegionBreadcrumb } from '../components/regions/RegionBreadcrumb.tsx';
import { RegionChildrenTable } from '../components/regions/RegionChildrenTable.tsx';
import { RegionHistoryDrawer } from '../components/regions/RegionHistoryDrawer.tsx';
import { RegionSummary } from '../components/regions/RegionSummary.tsx';
import { regionScope } from '../components/regions/scope.ts';
import { levelPluralLabel, localName } from '../format.ts';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { regionsApi } from '../../shared/api/regions.ts';
import { call } from '../api.ts';

/** The region browser: a region, its children (click to drill down), its history, admin actions. */
export function RegionPage() {
  const { code = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const [showClosed, setShowClosed] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [action, setAction] = useState<RegionAction | null>(null);
  const { data, error, loading, reload } = useApi(
    (signal) => call(regionsApi.listChildren, { params: { code }, query: showClosed ? { includeClosed: 'true' } : {} }, { signal }),
    [code, showClosed],
  );
  const current = data?.parent.code === code ? data : undefined;
  useTitle(current ? localName(current.parent, locale) : t('nav.regions'));

  if (error && !loading) return <LoadError error={error} title={t('region.notFoundTitle')} onRetry={reload} />;
  if (!current) return <Skeleton active paragraph={{ rows: 8 }} />;

  const { parent: region, items } = current;
  const scope = regionScope(region, me);
  const childLevel = CHILD_LEVEL[region.level];

  return (
    <div data-testid="region-page" data-region-code={region.code}>
      <RegionBreadcrumb region={region} scope={scope} />
      <RegionSummary region={region} scope={scope} onHistory={() => setHistoryOpen(true)} onAction={(kind) => setAction({ kind, region })} />
      {childLevel && (
        <Card
          title={
            <Space size={8}>
              <span>{levelPluralLabel(t, childLevel)}</span>
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {items.length}
              </Typography.Text>
            </Space>
          }
          extra={
            <Space size={6}>
              <Switch size="small" checked={showClosed} onChange={setShowClosed} aria-label={t('region.showClosed')} />
              <Typography.Text style={{ fontSize: 13 }}>{t('region.showClosed')}</Typography.Text>
            </Space>
          }
          styles={{ body: { padding: 0 } }}
        >
          <RegionChildrenTable items={items} loading={loading} canChange={scope.canChangeChildren} onAction={(kind, child) => setAction({ kind, region: child })} />
        </Card>
      )}
      <RegionHistoryDrawer region={region} open={historyOpen} onClose={() => setHistoryOpen(false)} />
      <RegionActionModals
        action={action}
        current={region}
        scope={scope}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          reload();
        }}
      />
    </div>
  );
}
