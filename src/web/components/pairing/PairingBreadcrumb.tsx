import { Breadcrumb } from 'antd';
import { Link } from 'react-router-dom';
import { localName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { RegionDetail } from '../../types.ts';
import type { RegionScope } from '../regions/scope.ts';

/** From the user's own region down to the report's, each a link to its report; those above are plain text. */
export function PairingBreadcrumb({ region, scope }: { region: RegionDetail; scope: RegionScope }) {
  const { locale } = useI18n();
  return (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      data-testid="pairing-breadcrumb"
      items={[
        ...region.ancestors.map((a) => ({
          key: a.code,
          title: scope.inScope(a.code) ? <Link to={`/pairing?region=${a.code}`}>{localName(a, locale)}</Link> : <span>{localName(a, locale)}</span>,
        })),
        { key: region.code, title: <span aria-current="page">{localName(region, locale)}</span> },
      ]}
    />
  );
}
