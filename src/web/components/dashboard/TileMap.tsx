/**
 * The schematic tile map (乡镇示意图): one tile per township at its row and column, coloured by
 * the chosen metric on a five-step scale with its legend; a township without a figure (no data,
 * or too few answers) is grey and hatched. Clicking a tile opens the township's detail.
 */
import type { TDashboard, TTileMetric } from '../../../shared/dashboard/dashboard-schemas.ts';
import { localName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatMetric, HIGHER_IS_BETTER, NO_DATA, SCALE, tileStep } from './tile-colors.ts';

export function TileMap({ tiles, metric, dark, onOpen }: { tiles: TDashboard['tiles']; metric: TTileMetric; dark: boolean; onOpen: (code: string) => void }) {
  const { t, locale } = useI18n();
  const values = tiles.items.flatMap((x) => (x.metrics[metric].value === null ? [] : [x.metrics[metric].value!]));
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  const better = HIGHER_IS_BETTER[metric];
  return (
    <div>
      <div
        data-testid="dashboard-tile-map"
        data-metric={metric}
        style={{ display: 'grid', gridTemplateColumns: `repeat(${Math.max(1, tiles.cols)}, minmax(0, 1fr))`, gap: 6, maxWidth: Math.max(1, tiles.cols) * 120 }}
      >
        {tiles.items.map((tile) => {
          const v = tile.metrics[metric];
          const step = v.value === null ? null : tileStep(v.value, min, max, better);
          const background = step === null ? NO_DATA : SCALE[step]!;
          const light = step === null || step === 2 || step === 3;
          return (
            <button
              key={tile.township.code}
              type="button"
              data-testid={`dashboard-tile-${tile.township.code}`}
              data-color={step === null ? 'none' : SCALE[step]}
              data-value={v.value === null ? '' : String(v.value)}
              onClick={() => onOpen(tile.township.code)}
              title={`${localName(tile.township, locale)} · ${t(`dashboard.metric.${metric}`)} ${formatMetric(metric, v.value)}${v.n !== null ? ` (n=${v.n})` : ''}`}
              style={{
                gridRow: tile.row + 1,
                gridColumn: tile.col + 1,
                aspectRatio: '1 / 0.8',
                minWidth: 0,
                border: dark ? '1px solid rgba(255,255,255,0.25)' : '1px solid rgba(0,0,0,0.15)',
                borderRadius: 6,
                background,
                color: light ? '#1f1f1f' : '#fff',
                cursor: 'pointer',
                padding: 4,
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
                overflow: 'hidden',
                lineHeight: 1.2,
              }}
            >
              <span style={{ fontSize: 12, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%' }}>{localName(tile.township, locale)}</span>
              <span style={{ fontSize: 13 }}>{v.suppressed ? '*' : formatMetric(metric, v.value)}</span>
            </button>
          );
        })}
      </div>
      <div data-testid="dashboard-tile-legend" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 8, fontSize: 12 }}>
        <span>
          {formatMetric(metric, values.length ? (better ? min : max) : null)} {t('dashboard.legend.low')}
        </span>
        <span style={{ display: 'inline-flex' }}>
          {SCALE.map((c) => (
            <span key={c} style={{ width: 20, height: 12, background: c, display: 'inline-block' }} />
          ))}
        </span>
        <span>
          {t('dashboard.legend.high')} {formatMetric(metric, values.length ? (better ? max : min) : null)}
        </span>
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span style={{ width: 20, height: 12, background: NO_DATA, display: 'inline-block', border: '1px solid #bfbfbf' }} />
          {t('dashboard.legend.noData')}
        </span>
      </div>
    </div>
  );
}
