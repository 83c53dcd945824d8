/** The resident page's progress tab (/r/track): the tracking code in, the case's status and dated steps out. */
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { residentPageApi } from '../../shared/api/resident-page.ts';
import type { TPublicCaseProgress, TPublicStep } from '../../shared/schemas/resident-page.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { ApiError, call } from '../api.ts';
import { errorText } from '../components/errors.ts';
import { useI18n, type MessageKey, type Translate } from '../i18n/index.tsx';

const STATUS_COLOR: Record<TPublicCaseProgress['status'], string> = {
  registered: 'default',
  dispatched: 'processing',
  accepted: 'processing',
  in_progress: 'processing',
  resolved: 'success',
  called_back: 'success',
  closed: 'success',
  merged: 'default',
};

/** One step in words: what happened and, for a dispatch, to which unit. */
export function stepText(t: Translate, step: TPublicStep, locale: string): string {
  const unit = step.unit ? (locale === 'en' ? step.unit.nameEn : step.unit.name) : null;
  if ((step.kind === 'dispatch' || step.kind === 'escalate' || step.kind === 'reopen') && !unit) return t(`residentPage.step.${step.kind}NoUnit` as MessageKey);
  return t(`residentPage.step.${step.kind}` as MessageKey, unit ? { unit } : undefined);
}

export function ResidentTrackPage({ county }: { county: string }) {
  const { t, locale } = useI18n();
  const location = useLocation();
  const given = (location.state as { code?: string } | null)?.code;
  const [form] = Form.useForm<{ trackingCode: string }>();
  const [progress, setProgress] = useState<TPublicCaseProgress>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const lookUp = async (trackingCode: string) => {
    setLoading(true);
    setError(undefined);
    setProgress(undefined);
    try {
      setProgress(await call(residentPageApi.trackCase, { body: { county, trackingCode: trackingCode.trim() } }));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('residentPage.trackNotFound') : errorText(t, e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (given) {
      form.setFieldValue('trackingCode', given);
      void lookUp(given);
    }
    // Only the code handed over from the filing, once.
  }, [given]);

  return (
    <Card>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void lookUp(v.trackingCode)}>
        <Form.Item name="trackingCode" label={t('residentPage.trackCode')} rules={[{ required: true, whitespace: true, message: t('residentPage.trackCode') }]}>
          <Input size="large" maxLength={40} autoComplete="off" placeholder={t('residentPage.trackCodePlaceholder')} style={{ fontFamily: 'monospace', letterSpacing: 2 }} data-testid="resident-track-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={loading} data-testid="resident-track-submit">
          {t('residentPage.trackButton')}
        </Button>
      </Form>
      {error && <Alert type="warning" showIcon message={error} style={{ marginTop: 16 }} data-testid="resident-track-error" />}
      {progress && (
        <div data-testid="resident-progress" style={{ marginTop: 16 }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('residentPage.caseNo')}>{progress.caseNo}</Descriptions.Item>
            <Descriptions.Item label={t('residentPage.category')}>{locale === 'en' ? progress.category.nameEn : progress.category.name}</Descriptions.Item>
            <Descriptions.Item label={t('residentPage.village')}>{progress.village}</Descriptions.Item>
            <Descriptions.Item label={t('residentPage.registeredAt')}>{formatLocalDateTime(progress.registeredAt).slice(0, 16)}</Descriptions.Item>
            <Descriptions.Item label={t('residentPage.status')}>
              <Tag color={STATUS_COLOR[progress.status]} data-testid="resident-status">
                {t(`residentPage.status.${progress.status}` as MessageKey)}
              </Tag>
            </Descriptions.Item>
          </Descriptions>
          <h4 style={{ margin: '16px 0 8px' }}>{t('residentPage.progress')}</h4>
          <Timeline
            items={[...progress.steps].reverse().map((step, i) => ({
              key: i,
              color: step.kind === 'resolve' || step.kind === 'close' ? 'green' : 'blue',
              children: (
                <div data-testid="resident-step">
                  <div>
                    <b>{stepText(t, step, locale)}</b>
                  </div>
                  <div style={{ color: '#888', fontSize: 12 }}>{formatLocalDateTime(step.at).slice(0, 16)}</div>
                  {step.text && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{step.text}</div>}
                </div>
              ),
            }))}
          />
        </div>
      )}
    </Card>
  );
}
