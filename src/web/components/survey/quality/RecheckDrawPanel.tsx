import { ExperimentOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { surveyResultsApi } from '../../../../shared/api/survey-results.ts';
import type { ZDrawRecheckResult } from '../../../../shared/schemas/survey-results.ts';
import { call } from '../../../api.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { errorText } from '../../errors.ts';

type DrawResult = z.infer<typeof ZDrawRecheckResult>;

/** Draws the re-check sample (a seeded share plus every flagged interview); `onDrawn` refreshes the list. */
export function RecheckDrawPanel({ waveId, onError, onDrawn }: { waveId: string; onError: (error: string | undefined) => void; onDrawn: () => void }) {
  const { t } = useI18n();
  const [drawing, setDrawing] = useState(false);
  const [drawn, setDrawn] = useState<DrawResult>();
  const [drawForm] = Form.useForm<{ percent: number; seed?: string }>();

  const draw = async () => {
    setDrawing(true);
    onError(undefined);
    try {
      const v = drawForm.getFieldsValue();
      const result = await call(surveyResultsApi.drawRecheckSample, { params: { id: waveId }, body: { percent: v.percent, ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}) } });
      setDrawn(result);
      onDrawn();
    } catch (e) {
      onError(errorText(t, e));
    } finally {
      setDrawing(false);
    }
  };

  return (
    <>
      <Typography.Title level={5}>{t('survey.qc.drawTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('survey.qc.drawHint')}
      </Typography.Paragraph>
      <Form form={drawForm} layout="inline" initialValues={{ percent: 5 }} style={{ rowGap: 8 }}>
        <Form.Item name="percent" label={t('survey.qc.percent')}>
          <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="seed" label={t('survey.sample.seed')}>
          <Input maxLength={64} style={{ width: 140 }} placeholder={t('survey.qc.seedDefault')} />
        </Form.Item>
        <Button icon={<ExperimentOutlined />} loading={drawing} onClick={() => void draw()} data-testid="draw-recheck">
          {t('survey.qc.draw')}
        </Button>
      </Form>
      {drawn && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="recheck-drawn">
          {t('survey.qc.drawn', drawn)}
        </Typography.Paragraph>
      )}
    </>
  );
}
