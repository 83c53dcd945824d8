import { PhoneOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { surveyResultsApi } from '../../../../shared/api/survey-results.ts';
import type { TRecheckItem } from '../../../../shared/schemas/survey-results.ts';
import { formatLocalDateTime } from '../../../../shared/time.ts';
import { call } from '../../../api.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { errorText } from '../../errors.ts';
import { openTelLink } from '../../fieldwork/telLink.ts';
import type { RegionNamer } from '../useRegionNames.ts';
import { minutes } from './format.ts';

const RESULT_COLOURS = { confirmed: 'success', not_confirmed: 'error', unreachable: 'default' } as const;

/**
 * The re-check sample: each interview's interviewer, township, length, flags and result, with the
 * re-check call (the audited dial action; the number only reaches the dialler) and the result's form.
 */
export function RecheckTable({
  items,
  loading,
  nameOf,
  onError,
  onRecord,
}: {
  items: TRecheckItem[];
  loading: boolean;
  nameOf: RegionNamer;
  onError: (error: string | undefined) => void;
  onRecord: (item: TRecheckItem) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [dialing, setDialing] = useState<string | null>(null);

  const dial = async (r: TRecheckItem) => {
    setDialing(r.interviewId);
    onError(undefined);
    try {
      const answer = await call(surveyResultsApi.dialRecheck, { params: { id: r.interviewId } });
      if (answer.kind === 'tel') openTelLink(answer.uri);
      void message.success(t('fieldwork.recheck.dialed'));
    } catch (e) {
      onError(errorText(t, e));
    } finally {
      setDialing(null);
    }
  };

  return (
    <Table<TRecheckItem>
      rowKey="interviewId"
      size="small"
      pagination={false}
      dataSource={items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      data-testid="recheck-table"
      locale={{ emptyText: t('survey.qc.empty') }}
      columns={[
        { key: 'interviewer', title: t('survey.progress.interviewer'), render: (_, r) => r.interviewer.displayName },
        { key: 'township', title: t('survey.strata.township'), render: (_, r) => (r.township ? nameOf(r.township) : '—') },
        { key: 'duration', title: t('survey.qc.duration'), align: 'right', render: (_, r) => minutes(r.durationSeconds) },
        { key: 'completed', title: t('survey.qc.completedAt'), render: (_, r) => (r.completedAt ? formatLocalDateTime(r.completedAt).slice(0, 16) : '—') },
        {
          key: 'flags',
          title: t('survey.qc.flags'),
          render: (_, r) =>
            r.flags.length ? r.flags.map((f) => <Tag key={f} color="orange">{f === 'too_short' || f === 'straight_lining' ? t(`survey.qc.flag.${f}`) : f}</Tag>) : <Typography.Text type="secondary">{t('survey.qc.random')}</Typography.Text>,
        },
        {
          key: 'result',
          title: t('survey.qc.result'),
          render: (_, r) =>
            r.result ? (
              <span>
                <Tag color={RESULT_COLOURS[r.result]}>{t(`survey.qc.result.${r.result}`)}</Tag>
                {r.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.note}</Typography.Text>}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('survey.qc.pending')}</Typography.Text>
            ),
        },
        {
          key: 'actions',
          title: t('common.actions'),
          render: (_, r) => (
            <Space size={4} wrap>
              <Button size="small" icon={<PhoneOutlined />} loading={dialing === r.interviewId} onClick={() => void dial(r)} data-testid="recheck-dial">
                {t('fieldwork.recheck.dial')}
              </Button>
              <Button size="small" onClick={() => onRecord(r)} data-testid="record-recheck">
                {r.result ? t('common.edit') : t('survey.qc.record')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
