import { Alert, Col, Form, Input, Row, Select, Switch, Typography, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { QUESTION_ROLES, SURVEY_DOMAINS } from '../../../../shared/schemas/survey.ts';
import { policiesApi } from '../../../../shared/api/visit-campaigns.ts';
import { call, type ApiIssue } from '../../../api.ts';
import { useApi } from '../../../hooks/useApi.ts';
import { useI18n } from '../../../i18n/index.tsx';
import type { DraftQuestion } from '../definition.ts';
import { issueFieldPath } from '../issues.ts';
import { BilingualFields } from './BilingualFields.tsx';
import { CODE_PATTERN, KINDS } from './codes.ts';
import { OptionsEditor } from './OptionsEditor.tsx';

/** One question's fields (at definition.questions[index]). */
export function QuestionPanel({ form, index, questions, issues }: { form: FormInstance; index: number; questions: DraftQuestion[]; issues: ApiIssue[] }) {
  const { t, locale } = useI18n();
  const base = ['definition', 'questions', index];
  const policies = useApi((signal) => call(policiesApi.listPolicies, undefined, { signal }), []);
  const policyCode = Form.useWatch([...base, 'policyCode'], { form, preserve: true }) as string | undefined;
  const kind = Form.useWatch([...base, 'kind'], { form, preserve: true });
  const role = Form.useWatch([...base, 'role'], { form, preserve: true });
  const laterCodes = questions.slice(index + 1).flatMap((q) => (q.code ? [q.code] : []));

  // The server's issues for this question, put back on its fields whenever it is shown.
  useEffect(() => {
    form.setFields(issues.map((i) => ({ name: issueFieldPath(i.path), errors: [i.message] })));
  }, [form, issues]);

  return (
    <div data-testid="question-panel" data-index={index}>
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('survey.q.issuesHere')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {issues.map((i) => (
                <li key={`${i.path}${i.message}`}>
                  <code>{i.path.replace(/^definition\.questions\.\d+\.?/, '') || '—'}</code> {i.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={12}>
        <Col xs={12} md={5}>
          <Form.Item name={[...base, 'code']} label={t('survey.q.code')} rules={[{ required: true, pattern: CODE_PATTERN, message: t('survey.q.codeRule') }]}>
            <Input maxLength={32} />
          </Form.Item>
        </Col>
        <Col xs={12} md={5}>
          <Form.Item name={[...base, 'kind']} label={t('survey.q.kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`survey.kind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[...base, 'role']} label={t('survey.q.role')}>
            <Select options={QUESTION_ROLES.map((r) => ({ value: r, label: t(`survey.role.${r}`) }))} />
          </Form.Item>
        </Col>
        {role === 'domain' && (
          <Col xs={12} md={5}>
            <Form.Item name={[...base, 'domain']} label={t('survey.q.domain')}>
              <Select allowClear options={SURVEY_DOMAINS.map((d) => ({ value: d, label: t(`survey.domain.${d}`) }))} />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} md={3}>
          <Form.Item name={[...base, 'required']} label={t('survey.q.required')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <BilingualFields name={[...base, 'text']} label={t('survey.q.text')} multiline />
      {role === 'awareness' && <BilingualFields name={[...base, 'policy']} label={t('survey.q.policy')} />}
      {role === 'awareness' && (
        <Form.Item name={[...base, 'policyCode']} label={t('survey.q.policyCode')} extra={t('survey.q.policyCodeHint')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ maxWidth: 360 }}
            loading={policies.loading}
            placeholder={t('survey.q.policyCodeNone')}
            // Inactive policies are not offered (the server refuses them), except the one already chosen, so it shows by name.
            options={(policies.data?.items ?? [])
              .filter((p) => p.active || p.code === policyCode)
              .map((p) => ({ value: p.code, label: `${locale === 'en' ? p.nameEn : p.name}（${p.code}）${p.active ? '' : ` · ${t('survey.q.policyInactive')}`}` }))}
            data-testid="question-policy-code"
          />
        </Form.Item>
      )}
      <BilingualFields name={[...base, 'note']} label={t('survey.q.note')} multiline required={false} />
      {kind === 'single' ? (
        <OptionsEditor base={base} laterCodes={laterCodes} />
      ) : (
        <Typography.Text type="secondary">{t(kind === 'township' ? 'survey.q.townshipOptions' : 'survey.q.openAnswer')}</Typography.Text>
      )}
    </div>
  );
}
