import { Alert, App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import type { FormRule } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { rectificationApi } from '../../shared/api/rectification.ts';
import { ZRectificationSettingsInput, type TRectificationSettingsInput } from '../../shared/assessment/index.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call } from '../api.ts';
import { applyIssues, errorText } from '../components/errors.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n, type MessageKey, type Translate } from '../i18n/index.tsx';

/** The form holds the dissatisfaction threshold in percent, as people say it; the API holds a share. */
interface SettingsForm {
  indexThreshold: number | null;
  domainScoreThreshold: number | null;
  dissatisfactionPercent: number | null;
  caseMinCount: number | null;
  caseAlpha: number | null;
}
type FieldName = keyof SettingsForm;

const FIELDS: readonly { name: FieldName; api: keyof TRectificationSettingsInput; rule: MessageKey; toApi: (v: number) => number }[] = [
  { name: 'indexThreshold', api: 'indexThreshold', rule: 'rectSettings.rule.score', toApi: (v) => v },
  { name: 'domainScoreThreshold', api: 'domainScoreThreshold', rule: 'rectSettings.rule.score', toApi: (v) => v },
  { name: 'dissatisfactionPercent', api: 'dissatisfactionThreshold', rule: 'rectSettings.rule.percent', toApi: (v) => Math.round(v * 1e6) / 1e8 },
  { name: 'caseMinCount', api: 'caseMinCount', rule: 'rectSettings.rule.count', toApi: (v) => v },
  { name: 'caseAlpha', api: 'caseAlpha', rule: 'rectSettings.rule.alpha', toApi: (v) => v },
];

/**
 * The field's rule: required, then the shared schema's own check of that member (the server
 * checks the same), with a message in the page's language.
 */
const fieldRules = (t: Translate, field: (typeof FIELDS)[number]): FormRule[] => [
  { required: true, message: t('common.required') },
  {
    validator: (_rule, value: unknown) =>
      typeof value !== 'number' || ZRectificationSettingsInput.shape[field.api].safeParse(field.toApi(value)).success ? Promise.resolve() : Promise.reject(new Error(t(field.rule))),
  },
];

/**
 * The whole form as the API wants it, checked by the shared schema; null when a field is empty or
 * out of range (the form's rules say which).
 *
 * @example
 * toSettingsInput({ indexThreshold: 80, domainScoreThreshold: 75, dissatisfactionPercent: 15, caseMinCount: 5, caseAlpha: 0.05 });
 * // { indexThreshold: 80, domainScoreThreshold: 75, dissatisfactionThreshold: 0.15, caseMinCount: 5, caseAlpha: 0.05 }
 */
export function toSettingsInput(v: SettingsForm): TRectificationSettingsInput | null {
  const out: Record<string, number> = {};
  for (const f of FIELDS) {
    const value = v[f.name];
    if (typeof value !== 'number') return null;
    out[f.api] = f.toApi(value);
  }
  const parsed = ZRectificationSettingsInput.safeParse(out);
  return parsed.success ? parsed.data : null;
}

/**
 * 整改建议标准 (county admin): the thresholds a closed wave's figures are held against when the
 * platform proposes tasks, and the rule for a case category piling up in a township. Reached from
 * the rectification list; each save is audited with the values before and after.
 */
export function RectificationSettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  useTitle(t('rectSettings.title'));
  const [form] = Form.useForm<SettingsForm>();
  const loaded = useApi((signal) => call(rectificationApi.getRectificationSettings, undefined, { signal }), []);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const settings = loaded.data;
  useEffect(() => {
    if (!settings) return;
    form.setFieldsValue({
      indexThreshold: settings.indexThreshold,
      domainScoreThreshold: settings.domainScoreThreshold,
      dissatisfactionPercent: Math.round(settings.dissatisfactionThreshold * 1e8) / 1e6,
      caseMinCount: settings.caseMinCount,
      caseAlpha: settings.caseAlpha,
    });
  }, [settings, form]);

  const save = async () => {
    setProblem(null);
    const values = await form.validateFields().catch(() => null);
    const body = values && toSettingsInput(values);
    if (!body) return;
    setSaving(true);
    try {
      await call(rectificationApi.updateRectificationSettings, { body });
      void message.success(t('rectSettings.saved'));
      loaded.reload();
    } catch (e) {
      const fields = FIELDS.map((f) => f.name);
      applyIssues(form, e, fields, { dissatisfactionThreshold: 'dissatisfactionPercent' });
      setProblem(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  // No min/max on the inputs: they would clamp silently; the rules say what is wrong instead.
  const item = (name: FieldName, props: { step: number; suffix?: string }) => {
    const field = FIELDS.find((f) => f.name === name)!;
    return (
      <Form.Item name={name} label={t(`rectSettings.${name}`)} extra={t(`rectSettings.${name}.hint`)} rules={fieldRules(t, field)}>
        <InputNumber step={props.step} suffix={props.suffix} style={{ width: 200 }} data-testid={`rect-settings-${name}`} />
      </Form.Item>
    );
  };

  return (
    <div data-testid="rect-settings-page">
      <PageHeader title={t('rectSettings.title')} extra={<Link to="/rectification">{t('rect.back')}</Link>} />
      {loaded.error && !loaded.loading ? (
        <LoadError error={loaded.error} title={t('rectSettings.title')} onRetry={loaded.reload} />
      ) : (
        <Card loading={loaded.loading && !settings}>
          <Typography.Paragraph type="secondary">{t('rectSettings.intro')}</Typography.Paragraph>
          {settings && (
            <Typography.Paragraph type="secondary" data-testid="rect-settings-saved">
              {settings.saved && settings.updatedAt ? t('rectSettings.savedAt', { at: formatLocalDateTime(settings.updatedAt) }) : t('rectSettings.defaults')}
            </Typography.Paragraph>
          )}
          {problem && <Alert type="error" showIcon title={problem} closable onClose={() => setProblem(null)} style={{ marginBottom: 16 }} data-testid="rect-settings-problem" />}
          <Form form={form} layout="vertical" name="rect-settings">
            <Typography.Title level={5}>{t('rectSettings.survey')}</Typography.Title>
            {item('indexThreshold', { step: 1 })}
            {item('domainScoreThreshold', { step: 1 })}
            {item('dissatisfactionPercent', { step: 1, suffix: '%' })}
            <Typography.Title level={5}>{t('rectSettings.cases')}</Typography.Title>
            {item('caseMinCount', { step: 1 })}
            {item('caseAlpha', { step: 0.01 })}
            <Space>
              <Button type="primary" loading={saving} onClick={() => void save()} data-testid="rect-settings-save">
                {t('rectSettings.save')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
    </div>
  );
}
