import { ArrowLeftOutlined, ArrowRightOutlined, CheckCircleOutlined, CloudSyncOutlined, DisconnectOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Progress, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { TFieldworkCase } from '../../../shared/schemas/survey-fieldwork.ts';
import type { TQuestion } from '../../../shared/schemas/survey.ts';
import { useI18n } from '../../i18n/index.tsx';
import { townshipName } from './names.ts';
import type { InterviewModel, SaveState } from './useInterview.ts';

/** A question's options in the interface language; the township question's are the wave's townships. */
export function optionsOf(question: TQuestion, townships: TFieldworkCase['questionnaire']['townships'], locale: 'zh-CN' | 'en') {
  if (question.kind === 'township') return townships.map((t) => ({ id: t.code, label: townshipName(t, locale) }));
  return question.options.map((o) => ({ id: o.id, label: o.label[locale] }));
}

const SAVE_ICON: Record<SaveState, React.ReactNode> = {
  saved: <CheckCircleOutlined />,
  pending: <CloudSyncOutlined />,
  saving: <LoadingOutlined />,
  offline: <DisconnectOutlined />,
};
const SAVE_COLOR: Record<SaveState, string> = { saved: 'success', pending: 'processing', saving: 'processing', offline: 'error' };

interface Props {
  fieldworkCase: TFieldworkCase;
  interview: InterviewModel;
  /** "Choose an answer first", after Enter on a required question without one. */
  needsAnswer: boolean;
  onGoOn(): void;
}

/**
 * The script, one step at a time: the introduction, each question on the skip path with its
 * interviewer note and numbered options (or a text box), then the closing words, or the
 * screen-out notice. Whether the answers are on the server shows at the top right.
 */
export function InterviewScript({ fieldworkCase, interview, needsAnswer, onGoOn }: Props) {
  const { t, locale } = useI18n();
  const definition = fieldworkCase.questionnaire.definition;
  const { position, path } = interview;
  const body = useRef<HTMLDivElement>(null);
  const positionKey = position.at === 'question' ? position.code : position.at;

  // Keys go to the script after each step (a click on a button or radio would otherwise keep them); open questions take the text box.
  useEffect(() => {
    const question = position.at === 'question' ? definition.questions.find((q) => q.code === position.code) : undefined;
    if (question?.kind === 'open') body.current?.querySelector('textarea')?.focus();
    else if (position.at !== 'end') body.current?.focus();
  }, [positionKey]);

  const questionIndex = position.at === 'question' ? definition.questions.findIndex((q) => q.code === position.code) : -1;
  const question = questionIndex >= 0 ? definition.questions[questionIndex] : undefined;
  const percent = position.at === 'end' ? 100 : position.at === 'intro' ? 0 : Math.round((100 * questionIndex) / definition.questions.length);

  const saveTag = (
    <Tag color={SAVE_COLOR[interview.saveState]} icon={SAVE_ICON[interview.saveState]} data-testid="save-state" data-state={interview.saveState} style={{ marginInlineEnd: 0 }}>
      {t(`fieldwork.save.${interview.saveState}`)}
    </Tag>
  );

  return (
    <Card title={definition.title[locale]} extra={saveTag} style={{ marginBottom: 16 }} data-testid="script" data-position={positionKey}>
      <Progress percent={percent} size="small" showInfo={false} style={{ marginBottom: 12 }} />
      <div ref={body} tabIndex={-1} style={{ outline: 'none' }} aria-live="polite">
        {position.at === 'intro' && (
          <>
            <Typography.Text type="secondary">{t('fieldwork.script.intro')}</Typography.Text>
            <Typography.Paragraph style={{ fontSize: 16, marginTop: 8 }} data-testid="introduction">
              {definition.introduction[locale]}
            </Typography.Paragraph>
            <Button type="primary" onClick={onGoOn} data-testid="start-interview">
              {t('fieldwork.script.start')} <kbd style={{ opacity: 0.7 }}>Enter</kbd>
            </Button>
          </>
        )}

        {question && (
          <div data-testid="question" data-code={question.code}>
            <Space size={8} style={{ marginBottom: 8 }}>
              <Tag color="blue">{question.code}</Tag>
              <Typography.Text type="secondary">{t('fieldwork.script.questionOf', { n: questionIndex + 1, total: definition.questions.length })}</Typography.Text>
              {!question.required && <Tag>{t('fieldwork.script.optional')}</Tag>}
            </Space>
            <Typography.Paragraph style={{ fontSize: 18, fontWeight: 500 }} data-testid="question-text">
              {question.text[locale]}
            </Typography.Paragraph>
            {question.note && (
              <Alert type="info" showIcon title={t('fieldwork.script.note')} description={question.note[locale]} style={{ marginBottom: 12 }} data-testid="question-note" />
            )}
            {question.kind === 'open' ? (
              <Input.TextArea
                key={question.code}
                value={interview.drafts.get(question.code) ?? textOf(interview.answers.get(question.code))}
                onChange={(e) => interview.draft(question.code, e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    onGoOn();
                  } else if (e.key === 'Escape') {
                    body.current?.focus();
                  }
                }}
                maxLength={2000}
                autoSize={{ minRows: 3, maxRows: 8 }}
                aria-label={question.text[locale]}
                placeholder={t('fieldwork.script.textHint')}
                data-testid="open-answer"
              />
            ) : (
              <Radio.Group
                value={optionOf(interview.answers.get(question.code))}
                onChange={(e) => interview.choose(question.code, String(e.target.value))}
                style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                aria-label={question.text[locale]}
              >
                {optionsOf(question, fieldworkCase.questionnaire.townships, locale).map((o, i) => (
                  <Radio key={o.id} value={o.id} data-testid={`option-${i + 1}`} data-option-id={o.id}>
                    <kbd style={{ opacity: 0.7, marginInlineEnd: 6 }}>{i + 1}</kbd>
                    {o.label}
                  </Radio>
                ))}
              </Radio.Group>
            )}
            {needsAnswer && <Alert type="warning" showIcon title={t('fieldwork.script.needsAnswer')} style={{ marginTop: 12 }} role="alert" data-testid="needs-answer" />}
          </div>
        )}

        {position.at === 'end' &&
          (path.screenedOut ? (
            <Alert type="warning" showIcon title={t('fieldwork.script.screenedOut')} description={t('fieldwork.script.screenedOutHint')} data-testid="screened-out" />
          ) : (
            <>
              <Typography.Text type="secondary">{t('fieldwork.script.closing')}</Typography.Text>
              <Typography.Paragraph style={{ fontSize: 16, marginTop: 8 }} data-testid="closing">
                {definition.closing[locale]}
              </Typography.Paragraph>
              {path.missing.length > 0 ? (
                <Alert type="warning" showIcon title={t('fieldwork.script.missing', { codes: path.missing.join('、') })} data-testid="missing" />
              ) : (
                <Alert type="success" showIcon title={t('fieldwork.script.done')} data-testid="script-done" />
              )}
            </>
          ))}
      </div>
      {position.at !== 'intro' && (
        <Space style={{ marginTop: 16 }} wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => interview.goBack()} data-testid="previous-question">
            {t('fieldwork.script.back')}
          </Button>
          {position.at === 'question' && (
            <Button type="primary" onClick={onGoOn} data-testid="next-question">
              {t('fieldwork.script.goOn')} <ArrowRightOutlined />
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}

const optionOf = (a: { optionId: string } | { text: string } | undefined) => (a && 'optionId' in a ? a.optionId : undefined);
const textOf = (a: { optionId: string } | { text: string } | undefined) => (a && 'text' in a ? a.text : '');
