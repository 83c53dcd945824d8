import { Tag } from 'antd';
import { useI18n } from '../../i18n/index.tsx';

const WAVE_COLOURS = { draft: 'default', fieldwork: 'processing', closed: 'success' } as const;
const VERSION_COLOURS = { draft: 'warning', published: 'success' } as const;

/** A wave's status: 草稿 / 实施中 / 已结束. */
export function WaveStatusTag({ status }: { status: 'draft' | 'fieldwork' | 'closed' }) {
  const { t } = useI18n();
  return (
    <Tag color={WAVE_COLOURS[status]} data-testid="wave-status" data-status={status}>
      {t(`survey.waveStatus.${status}`)}
    </Tag>
  );
}

/** A questionnaire version's status: 草稿 / 已发布. */
export function VersionStatusTag({ status }: { status: 'draft' | 'published' }) {
  const { t } = useI18n();
  return (
    <Tag color={VERSION_COLOURS[status]} data-status={status}>
      {t(`survey.versionStatus.${status}`)}
    </Tag>
  );
}
