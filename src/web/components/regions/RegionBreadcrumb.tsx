import { Breadcrumb } from 'antd';
import { Link } from 'react-router-dom';
import { localName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { RegionDetail } from '../../types.ts';
import type { RegionScope } from './scope.ts';

/** From the top of the tree to the region; ancestors above the user's own region are plain text. */
export function RegionBreadcrumb({ region, scope }: { region: RegionDetail; scope: RegionScope }) {
  const { locale } = useI18n();
  return (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      data-testid="region-breadcrumb"
      items={[
        ...region.ancestors.map((a) => ({
          key: a.code,
          title: scope.inScope(a.code) ? <Link to={`/regions/${a.code}`}>{localName(a, locale)}</Link> : <span>{localName(a, locale)}</span>,
        })),
        { key: region.code, title: <span aria-current="page">{localName(region, locale)}</span> },
      ]}
    />
  );
}
