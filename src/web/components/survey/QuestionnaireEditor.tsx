import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Checkbox, Col, Form, Input, InputNumber, List, Row, Select, Space, Switch, Tabs, Tooltip, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { QUESTION_ROLES, SURVEY_DOMAINS, ZQuestionnaireDefinition, type TQuestionnaireVersion } from '../../../shared/schemas/survey.ts';
import { api, isApiError, type ApiIssue } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { issueQuestionIndex, nextQuestionCode, normalizeDefinition, type DraftDefinition, type DraftQuestion } from './definition.ts';
import { issueFieldPath, problemText } from './issues.ts';

interface EditorValues {
  name: string;
  nameEn: string;
  definition: DraftDefinition;
}

const KINDS = ['single', 'township', 'open'] as const;
const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** Two inputs, Chinese and English, for one bilingual text at `name`. */
function BilingualFields({ name, label, multiline, required = true }: { name: (string | number)[]; label: string; multiline?: boolean; required?: boolean }) {
  const { t } = useI18n();
  const rules = required ? [{ required: true, whitespace: true, message: t('common.required') }] : [];
  const Field = multiline ? Input.TextArea : Input;
  const extra = multiline ? { autoSize: { minRows: 1, maxRows: 6 } } : {};
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'zh-CN']} label={`${label}（中文）`} rules={rules}>
          <Field maxLength={2000} {...extra} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'en']} label={`${label} (English)`} rules={rules}>
          <Field maxLength={2000} {...extra} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The answer options of one single-choice question: label, score and the flags the statistics and the script use. */
function OptionsEditor({ base, laterCodes }: { base: (string | number)[]; laterCodes: string[] }) {
  const { t } = useI18n();
  return (
    <Form.List name={[...base, 'options']}>
      {(fields, { add, remove, move }, { errors }) => (
        <div data-testid="options-editor">
          {fields.map((field, j) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 8 }}
              data-testid={`option-${j}`}
              title={t('survey.q.optionNo', { n: j + 1 })}
              extra={
                <Space size={0}>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={j === 0} onClick={() => move(j, j - 1)} aria-label={t('survey.q.moveUp')} />
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={j === fields.length - 1} onClick={() => move(j, j + 1)} aria-label={t('survey.q.moveDown')} />
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(j)} aria-label={t('survey.q.removeOption')} />
                </Space>
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'label', 'zh-CN']} label={t('survey.q.labelZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                    <Input maxLength={2000} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'label', 'en']} label={t('survey.q.labelEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                    <Input maxLength={2000} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={12} md={7}>
                  <Form.Item name={[field.name, 'id']} label={t('survey.q.optionId')} rules={[{ required: true, pattern: CODE_PATTERN, message: t('survey.q.codeRule') }]}>
                    <Input maxLength={32} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[field.name, 'score']} label={t('survey.q.score')}>
                    <InputNumber min={-1000} max={1000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'skipTo']} label={t('survey.q.skipTo')}>
                    <Select allowClear placeholder={t('survey.q.noSkip')} options={laterCodes.map((c) => ({ value: c, label: c }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Space size={[16, 0]} wrap>
                {(['excludedFromBase', 'satisfied', 'dissatisfied', 'screensOut'] as const).map((flag) => (
                  <Form.Item key={flag} name={[field.name, flag]} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>{t(`survey.q.flag.${flag}`)}</Checkbox>
                  </Form.Item>
                ))}
              </Space>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ id: `o${fields.length + 1}`, label: { 'zh-CN': '', en: '' }, score: null, excludedFromBase: false, satisfied: false, dissatisfied: false, screensOut: false })}
            data-testid="add-option"
          >
            {t('survey.q.addOption')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** One question's fields (at definition.questions[index]). */
function QuestionPanel({ form, index, questions, issues }: { form: FormInstance; index: number; questions: DraftQuestion[]; issues: ApiIssue[] }) {
  const { t } = useI18n();
  const base = ['definition', 'questions', index];
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
      <BilingualFields name={[...base, 'note']} label={t('survey.q.note')} multiline required={false} />
      {kind === 'single' ? (
        <OptionsEditor base={base} laterCodes={laterCodes} />
      ) : (
        <Typography.Text type="secondary">{t(kind === 'township' ? 'survey.q.townshipOptions' : 'survey.q.openAnswer')}</Typography.Text>
      )}
    </div>
  );
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
      const saved = await api.put<TQuestionnaireVersion>(`/api/survey/questionnaire-versions/${version.id}`, {
        name: v.name.trim(),
        nameEn: (v.nameEn ?? '').trim(),
        definition: normalizeDefinition(v.definition),
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

  const questionLabel = (q: DraftQuestion) => (q.text?.[locale] ?? '').slice(0, 40);

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
          <Form.List name={['definition', 'questions']}>
            {(fields, { add, remove, move }) => (
              <Card size="small" title={t('survey.q.questions', { count: fields.length })} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
                <List
                  size="small"
                  dataSource={fields}
                  data-testid="question-list"
                  renderItem={(field, i) => {
                    const q = questions[i] ?? {};
                    const count = issuesOf(i).length;
                    return (
                      <List.Item
                        key={field.key}
                        onClick={() => setSelected(i)}
                        style={{ cursor: 'pointer', background: i === selected ? 'rgba(22,119,255,.08)' : undefined, paddingInline: 12 }}
                        data-testid={`question-item-${i}`}
                        actions={
                          i === selected
                            ? [
                                <Tooltip key="up" title={t('survey.q.moveUp')}>
                                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('survey.q.moveUp')} onClick={(e) => { e.stopPropagation(); move(i, i - 1); setSelected(i - 1); }} />
                                </Tooltip>,
                                <Tooltip key="down" title={t('survey.q.moveDown')}>
                                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} aria-label={t('survey.q.moveDown')} onClick={(e) => { e.stopPropagation(); move(i, i + 1); setSelected(i + 1); }} />
                                </Tooltip>,
                                <Tooltip key="remove" title={t('survey.q.removeQuestion')}>
                                  <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} aria-label={t('survey.q.removeQuestion')} onClick={(e) => { e.stopPropagation(); remove(i); setSelected(Math.max(0, i - 1)); }} />
                                </Tooltip>,
                              ]
                            : []
                        }
                      >
                        <Badge count={count} size="small" offset={[6, 0]}>
                          <Typography.Text strong style={{ marginInlineEnd: 8 }}>
                            {q.code || '—'}
                          </Typography.Text>
                        </Badge>
                        <Typography.Text type="secondary" ellipsis style={{ flex: 1, minWidth: 0 }}>
                          {questionLabel(q)}
                        </Typography.Text>
                      </List.Item>
                    );
                  }}
                />
                <div style={{ padding: 12 }}>
                  <Button
                    icon={<PlusOutlined />}
                    block
                    data-testid="add-question"
                    onClick={() => {
                      add({ code: nextQuestionCode(questions), kind: 'single', role: 'other', text: { 'zh-CN': '', en: '' }, options: [], required: true }, selected + 1);
                      setSelected(selected + 1);
                    }}
                  >
                    {t('survey.q.addQuestion')}
                  </Button>
                </div>
              </Card>
            )}
          </Form.List>
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
