import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Form, List, Tooltip, Typography } from 'antd';
import type { ApiIssue } from '../../../api.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { nextQuestionCode, type DraftQuestion } from '../definition.ts';

/**
 * The questions of the definition as a list: the selected one can be moved or removed, a new one
 * goes after it; each shows its code, the start of its text and how many issues it has.
 */
export function QuestionList({
  questions,
  selected,
  onSelect,
  issuesOf,
}: {
  questions: DraftQuestion[];
  selected: number;
  onSelect: (index: number) => void;
  issuesOf: (index: number) => ApiIssue[];
}) {
  const { t, locale } = useI18n();
  const questionLabel = (q: DraftQuestion) => (q.text?.[locale] ?? '').slice(0, 40);
  return (
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
                  onClick={() => onSelect(i)}
                  style={{ cursor: 'pointer', background: i === selected ? 'rgba(22,119,255,.08)' : undefined, paddingInline: 12 }}
                  data-testid={`question-item-${i}`}
                  actions={
                    i === selected
                      ? [
                          <Tooltip key="up" title={t('survey.q.moveUp')}>
                            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('survey.q.moveUp')} onClick={(e) => { e.stopPropagation(); move(i, i - 1); onSelect(i - 1); }} />
                          </Tooltip>,
                          <Tooltip key="down" title={t('survey.q.moveDown')}>
                            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} aria-label={t('survey.q.moveDown')} onClick={(e) => { e.stopPropagation(); move(i, i + 1); onSelect(i + 1); }} />
                          </Tooltip>,
                          <Tooltip key="remove" title={t('survey.q.removeQuestion')}>
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} aria-label={t('survey.q.removeQuestion')} onClick={(e) => { e.stopPropagation(); remove(i); onSelect(Math.max(0, i - 1)); }} />
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
                onSelect(selected + 1);
              }}
            >
              {t('survey.q.addQuestion')}
            </Button>
          </div>
        </Card>
      )}
    </Form.List>
  );
}
