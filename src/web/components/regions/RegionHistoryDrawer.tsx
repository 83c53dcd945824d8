import { Alert, Drawer, Empty, Spin, Timeline, Typography } from 'antd';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { localName } from '../../format.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import type { RegionDetail, RegionEvent } from '../../types.ts';
import { errorText } from '../errors.ts';
import { regionsApi } from '../../../shared/api/regions.ts';
import { call } from '../../api.ts';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const nameOf = (v: unknown) => (typeof v === 'object' && v !== null ? str((v as { name?: unknown }).name) : undefined);

const EVENT_COLOR: Record<RegionEvent['kind'], string> = { open: 'green', rename: 'blue', move: 'blue', merge: 'gray', close: 'red', reopen: 'green' };

/** One line about an event, from its `details` (whose shape depends on the kind). */
export function describeEvent(t: Translate, e: RegionEvent): string[] {
  const d = e.details;
  const lines: string[] = [];
  switch (e.kind) {
    case 'open':
      if (str(d.name)) lines.push(t('event.detail.open', { name: str(d.name)!, code: str(d.code) ?? '' }));
      break;
    case 'rename':
      lines.push(t('event.detail.rename', { from: nameOf(d.from) ?? '—', to: nameOf(d.to) ?? '—' }));
      break;
    case 'move':
      lines.push(t('event.detail.move', { from: str(d.fromParentName) ?? str(d.fromParentCode) ?? '—', to: str(d.toParentName) ?? str(d.toParentCode) ?? '—' }));
      break;
    case 'merge':
      lines.push(t('event.detail.merge', { name: [str(d.successorName), str(d.successorCode) && `(${str(d.successorCode)})`].filter(Boolean).join(' ') || '—' }));
      break;
    default:
      break;
  }
  if (str(d.reason)) lines.push(t('event.detail.reason', { reason: str(d.reason)! }));
  return lines;
}

/** The dated history of a region: opened, renamed, moved, merged, closed. */
export function RegionHistoryDrawer({ region, open, onClose }: { region: RegionDetail; open: boolean; onClose(): void }) {
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const { data, error, loading } = useApi(
    (signal) => (open ? call(regionsApi.listHistory, { params: { code: region.code } }, { signal }) : Promise.resolve(undefined)),
    [region.code, open],
  );

  return (
    <Drawer open={open} onClose={onClose} title={t('region.historyTitle', { name: localName(region, locale) })} size={mobile ? '100%' : 440} destroyOnHidden>
      {error && <Alert type="error" showIcon title={errorText(t, error)} />}
      {loading && !data && <Spin />}
      {data && data.items.length === 0 && <Empty description={t('region.historyEmpty')} />}
      {data && data.items.length > 0 && (
        <Timeline
          data-testid="region-history"
          items={data.items.map((e) => ({
            key: e.id,
            color: EVENT_COLOR[e.kind],
            content: (
              <div>
                <div>
                  <Typography.Text strong>{t(`event.${e.kind}`)}</Typography.Text> <Typography.Text type="secondary">{e.effectiveOn}</Typography.Text>
                </div>
                {describeEvent(t, e).map((line) => (
                  <div key={line}>{line}</div>
                ))}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('event.recordedAt', { at: formatLocalDateTime(e.createdAt) })}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
