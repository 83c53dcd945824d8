import { App, Button, Card, Col, InputNumber, Row, Slider, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { surveyResultsApi } from '../../../shared/api/survey-results.ts';
import type { TSurveyProgress } from '../../../shared/schemas/survey-results.ts';
import { call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../errors.ts';
import { Term } from './Term.tsx';

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The eligibility estimate e used by RR3: the share of the numbers of unknown eligibility taken
 * as eligible. Shown with where it comes from (estimated from the resolved cases, the wave's
 * stored setting, or a what-if); a slider previews the rates with another e, and survey
 * managers can store it as the wave's setting or go back to the estimate.
 */
export function EligibilityControl({
  waveId,
  eligibility,
  whatIf,
  onWhatIf,
  canSave,
  onSaved,
}: {
  waveId: string;
  eligibility: TSurveyProgress['eligibility'];
  whatIf: number | null;
  onWhatIf(e: number | null): void;
  canSave: boolean;
  onSaved(p: TSurveyProgress): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const shown = whatIf ?? eligibility.used;

  const store = async (value: number | null) => {
    setSaving(true);
    try {
      const p = await call(surveyResultsApi.setEligibility, { params: { id: waveId }, body: { eligibility: value === null ? null : round(value) } });
      onWhatIf(null);
      onSaved(p);
      void message.success(value === null ? t('survey.e.cleared') : t('survey.e.saved', { e: round(value) }));
    } catch (e) {
      void message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={<Term code="e" />} style={{ marginBottom: 16 }} data-testid="eligibility">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('words.e.explain')}
      </Typography.Paragraph>
      <Row gutter={16} align="middle">
        <Col xs={24} md={8}>
          <Space orientation="vertical" size={2}>
            <span>
              {t('survey.e.used')}{' '}
              <Typography.Text strong data-testid="e-used">
                {shown === null ? '—' : shown.toFixed(3)}
              </Typography.Text>{' '}
              <Tag color={whatIf !== null ? 'orange' : eligibility.source === 'override' ? 'blue' : 'default'}>{t(`survey.e.source.${whatIf !== null ? 'query' : eligibility.source}`)}</Tag>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('survey.e.estimated')} {eligibility.estimated === null ? '—' : eligibility.estimated.toFixed(3)} · {t('survey.e.override')} {eligibility.override === null ? '—' : eligibility.override.toFixed(3)}
            </Typography.Text>
          </Space>
        </Col>
        <Col xs={16} md={10}>
          <Slider min={0} max={1} step={0.01} value={shown ?? 1} onChange={(v) => onWhatIf(round(v))} aria-label={t('survey.e.whatIf')} data-testid="e-slider" />
        </Col>
        <Col xs={8} md={6}>
          <InputNumber min={0} max={1} step={0.01} precision={3} value={shown ?? undefined} onChange={(v) => onWhatIf(v === null ? null : round(v))} style={{ width: '100%' }} aria-label={t('survey.e.whatIf')} data-testid="e-input" />
        </Col>
      </Row>
      <Space wrap style={{ marginTop: 8 }}>
        {whatIf !== null && <Button onClick={() => onWhatIf(null)}>{t('survey.e.reset')}</Button>}
        {canSave && whatIf !== null && (
          <Button type="primary" loading={saving} onClick={() => void store(whatIf)} data-testid="e-save">
            {t('survey.e.save')}
          </Button>
        )}
        {canSave && eligibility.override !== null && whatIf === null && (
          <Button loading={saving} onClick={() => void store(null)} data-testid="e-clear">
            {t('survey.e.clear')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
