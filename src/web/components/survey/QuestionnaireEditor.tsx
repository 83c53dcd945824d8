import { Alert, App, Button, Card, Col, Form, Input, Row, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { ZQuestionnaireDefinition, type TQuestionnaireVersion } from '../../../shared/schemas/survey.ts';
import { surveyApi } from '../../../shared/api/survey.ts';
import { call, isApiError, type ApiIssue } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { issueQuestionIndex, normalizeDefinition, type DraftDefinition, type DraftQuestion } from './definition.ts';
import { issueFieldPath, problemText } from './issues.ts';
import { BilingualFields } from './questionnaire/BilingualFields.tsx';
import { QuestionList } from './questionnaire/QuestionList.tsx';
import { QuestionPanel } from './questionnaire/QuestionPanel.tsx';

interface EditorValues {
  name: string;
  nameEn: string;
  definition: DraftDefinition;
}

/**
 * The structured editor of a draft version: the texts in both languages, each question's kind,
 * role, wording and options (scores, "excluded from the base", "screens out", skips, required),
 * and an advanced JSON view. The server's rule checks come back as issues, shown at their field
 * and listed by question.
 */
export function QuestionnaireEditor({ version, onSaved }: { version: TQuestionnaireVersion; onSaved(v: TQuestionnaireVersion): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  // Untyped: its fields are addressed by paths built at run time (definition.questions.3.options.1.skipTo).
  const [form] = Form.useForm();
  const [selected, setSelected] = useState(0);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ text: string; issues: ApiIssue[] }>();
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string>();
  // preserve: the list's items are not all on screen (one question is edited at a time).
  const watched = Form.useWatch(['definition', 'questions'], { form, preserve: true }) as DraftQuestion[] | undefined;
  const questions = watched ?? version.definition.questions;

  const issues = error?.issues ?? [];
  const issuesOf = (index: number) => issues.filter((i) => issueQuestionIndex(i.path) === index);
  const generalIssues = issues.filter((i) => issueQuestionIndex(i.path) === null);

  const values = (): EditorValues => form.getFieldsValue(true) as EditorValues;

  const save = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = values();
    setSaving(true);
    // The previous answer's issues go; the new answer brings its own.
    form.setFields(issues.map((i) => ({ name: issueFieldPath(i.path), errors: [] })));
    setError(undefined);
    try {
      const saved = await call(surveyApi.saveQuestionnaireDraft, {
        params: { id: version.id },
        body: { name: v.name.trim(), nameEn: (v.nameEn ?? '').trim(), definition: normalizeDefinition(v.definition) },
      });
      void message.success(t('survey.q.saved'));
      onSaved(saved);
    } catch (e) {
      const list = isApiError(e) ? e.issues : [];
      setError({ text: problemText(t, locale, e), issues: list });
      // Fields outside the question panel (names, titles) take theirs now; questions take theirs when shown.
      form.setFields(list.filter((i) => issueQuestionIndex(i.path) === null).map((i) => ({ name: issueFieldPath(i.path), errors: [i.message] })));
      const first = list.map((i) => issueQuestionIndex(i.path)).find((i) => i !== null);
      if (first !== undefined && first !== null) setSelected(first);
    } finally {
      setSaving(false);
    }
  };

  const openJson = () => {
    setJson(JSON.stringify(normalizeDefinition(values().definition), null, 2));
    setJsonError(undefined);
    setTab('json');
  };

  const applyJson = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      setJsonError(t('survey.q.jsonSyntax', { message: (e as Error).message }));
      return;
    }
    const result = ZQuestionnaireDefinition.safeParse(parsed);
    if (!result.success) {
      setJsonError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；'));
      return;
    }
    form.setFieldValue('definition', result.data);
    setSelected(0);
    setJsonError(undefined);
    setTab('form');
  };

  const formView = (
    <>
      <Card size="small" title={t('survey.q.general')} style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('survey.q.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('survey.q.nameEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <BilingualFields name={['definition', 'title']} label={t('survey.q.title')} />
        <BilingualFields name={['definition', 'introduction']} label={t('survey.q.introduction')} multiline />
        <BilingualFields name={['definition', 'closing']} label={t('survey.q.closing')} multiline />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <QuestionList questions={questions} selected={selected} onSelect={setSelected} issuesOf={issuesOf} />
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('survey.q.editing', { code: questions[selected]?.code ?? '' })}>
            {questions[selected] && <QuestionPanel key={selected} form={form} index={selected} questions={questions} issues={issuesOf(selected)} />}
          </Card>
        </Col>
      </Row>
    </>
  );

  return (
    <div data-testid="questionnaire-editor">
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={error.text}
          data-testid="editor-error"
          description={
            issues.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {generalIssues.map((i) => (
                  <li key={`${i.path}${i.message}`}>
                    <code>{i.path}</code> {i.message}
                  </li>
                ))}
                {[...new Set(issues.map((i) => issueQuestionIndex(i.path)).filter((i): i is number => i !== null))].map((index) => (
                  <li key={index}>
                    <Typography.Link onClick={() => setSelected(index)}>{t('survey.q.questionHasIssues', { code: questions[index]?.code ?? String(index + 1), count: issuesOf(index).length })}</Typography.Link>
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: version.questionnaireName, nameEn: version.questionnaireNameEn, definition: version.definition }}
        name={`questionnaire-${version.id}`}
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => (key === 'json' ? openJson() : setTab('form'))}
          items={[
            { key: 'form', label: t('survey.q.formView'), children: formView, forceRender: true },
            {
              key: 'json',
              label: t('survey.q.jsonView'),
              children: (
                <div>
                  <Typography.Paragraph type="secondary">{t('survey.q.jsonHint')}</Typography.Paragraph>
                  {jsonError && <Alert type="error" showIcon title={jsonError} style={{ marginBottom: 12 }} />}
                  <Input.TextArea value={json} onChange={(e) => setJson(e.target.value)} autoSize={{ minRows: 16, maxRows: 40 }} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="json-editor" spellCheck={false} />
                  <Button type="primary" onClick={applyJson} style={{ marginTop: 12 }}>
                    {t('survey.q.applyJson')}
                  </Button>
                </div>
              ),
            },
          ]}
        />
      </Form>
      <div style={{ position: 'sticky', bottom: 0, background: 'var(--ant-color-bg-container, #fff)', padding: '12px 0', borderTop: '1px solid rgba(5,5,5,.06)', zIndex: 2 }}>
        <Button type="primary" onClick={() => void save()} loading={saving} disabled={tab === 'json'} data-testid="save-draft">
          {t('survey.q.saveDraft')}
        </Button>
      </div>
    </div>
  );
}
