import { Tag, Tooltip } from 'antd';
import { localDate } from '../../../shared/time.ts';
import { isClosed } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TRegion } from '../../types.ts';

/** "演示数据" for synthetic regions; "已撤销" / "已并入 X" for closed ones. */
export function RegionTags({ region, successorName }: { region: Pick<TRegion, 'synthetic' | 'closedOn' | 'successorCode'>; successorName?: string | undefined }) {
  const { t } = useI18n();
  const closed = isClosed(region, localDate());
  return (
    <>
      {closed && (
        <Tag color="default" variant="filled" data-testid="tag-closed">
          {region.successorCode ? t('region.mergedInto', { name: successorName ?? region.successorCode }) : t('region.closed')}
        </Tag>
      )}
      {region.synthetic && (
        <Tooltip title={t('common.syntheticHint')}>
          <Tag color="orange" data-testid="tag-synthetic">
            {t('common.synthetic')}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}
