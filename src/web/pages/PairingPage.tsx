import { Card, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { hasAnyRole } from '../../shared/roles.ts';
import { PAIRING_WRITE_ROLES } from '../access.ts';
import { call } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { BulkAssignModal } from '../components/pairing/BulkAssignModal.tsx';
import { CadreLoadTable } from '../components/pairing/CadreLoadTable.tsx';
import { CoverageTable } from '../components/pairing/CoverageTable.tsx';
import { PairingBreadcrumb } from '../components/pairing/PairingBreadcrumb.tsx';
import { PairingTotals } from '../components/pairing/PairingTotals.tsx';
import { regionScope } from '../components/regions/scope.ts';
import { localName } from '../format.ts';
import { useApi } from '../hooks/useApi.ts';
import { useHardshipCategories } from '../hooks/useHardshipCategories.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import type { PairingReportRow } from '../types.ts';
import { pairingApi } from '../../shared/api/pairing.ts';
import { regionsApi } from '../../shared/api/regions.ts';

/** 结对帮扶: coverage of hardship households by responsible cadres, region by region, and each cadre's load. */
export function PairingPage() {
  const me = useMe();
  const { t, locale } = useI18n();
  useTitle(t('report.title'));
  const [params] = useSearchParams();
  const code = params.get('region') ?? me.region.code;
  const categories = useHardshipCategories();
  const [bulk, setBulk] = useState<PairingReportRow | null>(null);
  const report = useApi((signal) => call(pairingApi.pairingReport, { query: { regionCode: code } }, { signal }), [code]);
  // The region's place in the tree (breadcrumb) and its children's names in both languages.
  const region = useApi((signal) => call(regionsApi.listChildren, { params: { code }, query: { includeClosed: 'true' } }, { signal }), [code]);

  const error = report.error ?? region.error;
  if (error && !report.loading && !region.loading) {
    return (
      <LoadError
        error={error}
        title={t('report.notFoundTitle')}
        onRetry={() => {
          report.reload();
          region.reload();
        }}
      />
    );
  }
  const data = report.data?.region.code === code ? report.data : undefined;
  const place = region.data?.parent.code === code ? region.data : undefined;
  if (!data || !place) return <Skeleton active paragraph={{ rows: 10 }} />;

  const names = new Map([place.parent, ...place.items].map((r) => [r.code, localName(r, locale)]));
  const nameOf = (row: PairingReportRow) => names.get(row.region.code) ?? row.region.name;
  const atVillages = data.rows.some((r) => r.region.level === 'village');

  return (
    <div data-testid="pairing-page" data-region-code={code}>
      <PageHeader title={t('report.title')} />
      <PairingBreadcrumb region={place.parent} scope={regionScope(place.parent, me)} />
      <PairingTotals totals={data.totals} />
      <Card title={t('report.byRegion')} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, padding: '8px 16px' }}>
          {t(atVillages ? 'report.villageHint' : 'report.drillHint')}
        </Typography.Paragraph>
        <CoverageTable rows={data.rows} nameOf={nameOf} canBulkAssign={hasAnyRole(me.roles, PAIRING_WRITE_ROLES)} onBulkAssign={setBulk} />
      </Card>
      <Card title={t('report.cadres')} styles={{ body: { padding: 0 } }}>
        <CadreLoadTable cadres={data.cadres} regionName={(c) => names.get(c) ?? c} />
      </Card>
      {bulk && (
        <BulkAssignModal
          village={bulk}
          name={nameOf(bulk)}
          categories={categories.active}
          onClose={() => setBulk(null)}
          onDone={() => {
            setBulk(null);
            report.reload();
          }}
        />
      )}
    </div>
  );
}
