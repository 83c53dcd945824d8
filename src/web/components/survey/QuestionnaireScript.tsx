import { Card, Col, Row, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TLocale } from '../../../shared/locale.ts';
import type { TAnswerOption, TQuestion, TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';

type Shown = 'both' | TLocale;

/** The marks the interviewer needs beside an option: its score, out of the base, ends the interview, skips. */
function OptionMarks({ option }: { option: TAnswerOption }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {option.score !== null && <Tag>{t('survey.q.scoreIs', { score: option.score })}</Tag>}
      {option.excludedFromBase && <Tag color="default">{t('survey.q.excluded')}</Tag>}
      {option.screensOut && <Tag color="red">{t('survey.q.screensOut')}</Tag>}
      {option.skipTo && <Tag color="blue">{t('survey.q.skipsTo', { code: option.skipTo })}</Tag>}
    </Space>
  );
}

function QuestionText({ question, lang }: { question: TQuestion; lang: TLocale }) {
  const { t } = useI18n();
  return (
    <div lang={lang}>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {question.text[lang]}
      </Typography.Paragraph>
      {question.note && (
        <Typography.Paragraph type="secondary" italic style={{ fontSize: 12, marginBottom: 4 }}>
          {t('survey.q.noteForInterviewer')}
          {question.note[lang]}
        </Typography.Paragraph>
      )}
      {question.kind === 'township' && <Typography.Text type="secondary">{t('survey.q.townshipOptions')}</Typography.Text>}
      {question.kind === 'open' && <Typography.Text type="secondary">{t('survey.q.openAnswer')}</Typography.Text>}
      {question.options.length > 0 && (
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {question.options.map((o) => (
            <li key={o.id} style={{ marginBottom: 2 }}>
              <span style={{ marginInlineEnd: 8 }}>{o.label[lang]}</span>
              <OptionMarks option={o} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * A questionnaire version as the interviewer's script reads it: the introduction, each question
 * with its options (scores, "out of the base", "ends the interview", skips) and notes for the
 * interviewer, and the closing; in Chinese, English or both side by side.
 */
export function QuestionnaireScript({ definition }: { definition: TQuestionnaireDefinition }) {
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const [shown, setShown] = useState<Shown>(mobile ? locale : 'both');
  const langs: TLocale[] = shown === 'both' ? ['zh-CN', 'en'] : [shown];
  const span = 24 / langs.length;
  const block = (render: (lang: TLocale) => React.ReactNode) => (
    <Row gutter={24}>
      {langs.map((lang) => (
        <Col key={lang} xs={24} md={span}>
          {render(lang)}
        </Col>
      ))}
    </Row>
  );

  return (
    <div data-testid="questionnaire-script">
      <Segmented<Shown>
        value={shown}
        onChange={setShown}
        options={[
          { value: 'both', label: t('survey.q.bothLanguages') },
          { value: 'zh-CN', label: '中文' },
          { value: 'en', label: 'English' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Card size="small" style={{ marginBottom: 12 }} title={t('survey.q.introduction')}>
        {block((lang) => (
          <div lang={lang}>
            <Typography.Title level={5}>{definition.title[lang]}</Typography.Title>
            <Typography.Paragraph>{definition.introduction[lang]}</Typography.Paragraph>
          </div>
        ))}
      </Card>
      {definition.questions.map((q) => (
        <Card
          key={q.code}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid={`script-question-${q.code}`}
          title={
            <Space size={8} wrap>
              <Typography.Text strong>{q.code}</Typography.Text>
              <Tag>{t(`survey.role.${q.role}`)}</Tag>
              {q.domain && <Tag color="blue">{t(`survey.domain.${q.domain}`)}</Tag>}
              {!q.required && <Tag>{t('survey.q.optional')}</Tag>}
            </Space>
          }
        >
          {block((lang) => (
            <QuestionText question={q} lang={lang} />
          ))}
        </Card>
      ))}
      <Card size="small" title={t('survey.q.closing')}>
        {block((lang) => (
          <Typography.Paragraph lang={lang} style={{ margin: 0 }}>
            {definition.closing[lang]}
          </Typography.Paragraph>
        ))}
      </Card>
    </div>
  );
}
