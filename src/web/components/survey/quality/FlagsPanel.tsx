import { AuditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { surveyResultsApi } from '../../../../shared/api/survey-results.ts';
import type { ZFlagInterviewsResult } from '../../../../shared/schemas/survey-results.ts';
import { call } from '../../../api.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { errorText } from '../../errors.ts';
import { minutes } from './format.ts';

type FlagResult = z.infer<typeof ZFlagInterviewsResult>;

/** Flags the too-short and the straight-lined complete interviews of a wave, and shows the counts. */
export function FlagsPanel({ waveId, onError }: { waveId: string; onError: (error: string | undefined) => void }) {
  const { t } = useI18n();
  const [flagging, setFlagging] = useState(false);
  const [flags, setFlags] = useState<FlagResult>();
  const [flagForm] = Form.useForm<{ shortFraction: number; minStraightLineAnswers: number }>();

  const runFlags = async () => {
    setFlagging(true);
    onError(undefined);
    try {
      const v = flagForm.getFieldsValue();
      setFlags(await call(surveyResultsApi.flagInterviews, { params: { id: waveId }, body: v }));
    } catch (e) {
      onError(errorText(t, e));
    } finally {
      setFlagging(false);
    }
  };

  return (
    <>
      <Typography.Title level={5}>{t('survey.qc.flagsTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('survey.qc.flagsHint')}
      </Typography.Paragraph>
      <Form form={flagForm} layout="inline" initialValues={{ shortFraction: 0.4, minStraightLineAnswers: 6 }} style={{ rowGap: 8 }}>
        <Form.Item name="shortFraction" label={t('survey.qc.shortFraction')}>
          <InputNumber min={0.05} max={1} step={0.05} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="minStraightLineAnswers" label={t('survey.qc.minStraight')}>
          <InputNumber min={2} max={50} precision={0} style={{ width: 70 }} />
        </Form.Item>
        <Button icon={<AuditOutlined />} loading={flagging} onClick={() => void runFlags()} data-testid="run-flags">
          {t('survey.qc.runFlags')}
        </Button>
      </Form>
      {flags && (
        <Descriptions
          size="small"
          column={2}
          style={{ marginTop: 12 }}
          data-testid="flag-result"
          items={[
            { key: 'checked', label: t('survey.qc.checked'), children: flags.checked },
            { key: 'median', label: t('survey.qc.median'), children: minutes(flags.medianSeconds) },
            { key: 'threshold', label: t('survey.qc.threshold'), children: minutes(flags.thresholdSeconds) },
            { key: 'short', label: t('survey.qc.flag.too_short'), children: flags.tooShort },
            { key: 'straight', label: t('survey.qc.flag.straight_lining'), children: flags.straightLining },
            { key: 'flagged', label: t('survey.qc.flagged'), children: flags.flagged },
          ]}
        />
      )}
    </>
  );
}
