import { Space, Tag } from 'antd';
import type { TCaseStatus } from '../../../shared/cases/index.ts';
import { useI18n } from '../../i18n/index.tsx';

export const CASE_STATUS_COLOR: Record<TCaseStatus, string> = {
  registered: 'orange',
  dispatched: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  called_back: 'green',
  closed: 'success',
  merged: 'default',
};

/** A case's status with its flags: 紧急 and 重办 (a reopened case counts against its unit). */
export function CaseStatusTags({ status, urgent, reopenCount }: { status: TCaseStatus; urgent?: boolean; reopenCount?: number }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={CASE_STATUS_COLOR[status]} data-testid="case-status" data-status={status}>
        {t(`cases.status.${status}`)}
      </Tag>
      {urgent && <Tag color="red">{t('cases.urgent')}</Tag>}
      {(reopenCount ?? 0) > 0 && (
        <Tag color="volcano" data-testid="case-reopened">
          {t('cases.reopened')}
          {reopenCount! > 1 ? ` ×${reopenCount}` : ''}
        </Tag>
      )}
    </Space>
  );
}

/** The overdue / due-soon mark of a list row. */
export function DueTag({ overdue, dueSoon }: { overdue: boolean; dueSoon: boolean }) {
  const { t } = useI18n();
  if (overdue) return <Tag color="red" data-testid="due-overdue">{t('cases.due.overdue')}</Tag>;
  if (dueSoon) return <Tag color="orange" data-testid="due-soon">{t('cases.due.soon')}</Tag>;
  return null;
}
