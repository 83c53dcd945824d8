import { App, Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { casesApi } from '../../shared/api/cases.ts';
import type { TCaseStep } from '../../shared/cases/index.ts';
import type { TCaseDetail } from '../../shared/schemas/cases.ts';
import { formatLocalDateTime } from '../../shared/time.ts';
import { call } from '../api.ts';
import { CaseStatusTags } from '../components/cases/CaseTags.tsx';
import { CaseStepModal } from '../components/cases/CaseStepModal.tsx';
import { CaseTimeline } from '../components/cases/CaseTimeline.tsx';
import { DeadlineLine, useWorkingCalendar } from '../components/cases/DeadlineLine.tsx';
import { RevealNumber } from '../components/household/RevealNumber.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';

/** Steps whose button is the page's main one (the next thing to do). */
const PRIMARY: readonly TCaseStep[] = ['dispatch', 'accept', 'resolve', 'callback'];

/**
 * The case page (诉求详情): where it is, who has it, both deadlines in working time, the history,
 * and a button for each step the server says this account may take now.
 */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const loaded = useApi((signal) => call(casesApi.getCase, { params: { id } }, { signal }), [id]);
  // A step answers the case as it is afterwards: shown at once, without another request.
  const [updated, setUpdated] = useState<TCaseDetail | null>(null);
  const detail = updated?.case.id === id ? updated : loaded.data;
  const [step, setStep] = useState<TCaseStep | null>(null);
  const assignment = detail?.currentAssignment ?? null;
  const calendar = useWorkingCalendar(assignment?.resolveDueAt);
  useTitle(detail ? `${detail.case.caseNo} ${detail.case.title}` : t('cases.title'));

  if (loaded.error && !loaded.loading) return <LoadError error={loaded.error} title={t('cases.title')} onRetry={loaded.reload} />;
  if (!detail) return <Card loading />;
  const c = detail.case;

  return (
    <div data-testid="case-page">
      <Typography.Link>
        <Link to="/cases">← {t('cases.back')}</Link>
      </Typography.Link>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="case-no">{c.caseNo}</span>
            <span>{c.title}</span>
            <CaseStatusTags status={c.status} urgent={c.urgent} reopenCount={c.reopenCount} />
          </Space>
        }
        extra={
          <Space wrap data-testid="case-steps">
            {detail.allowedSteps.map((s) => (
              <Button key={s} type={PRIMARY.includes(s) ? 'primary' : 'default'} danger={s === 'close' || s === 'merge'} onClick={() => setStep(s)} data-testid={`step-${s}`}>
                {t(`cases.step.${s}`)}
              </Button>
            ))}
          </Space>
        }
      />
      {c.mergedInto && (
        <Typography.Paragraph>
          <Link to={`/cases/${c.mergedInto.id}`}>{t('cases.mergedInto', { caseNo: c.mergedInto.caseNo })}</Link>
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('cases.section.details')} size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('cases.col.category')}>{c.categoryName}</Descriptions.Item>
              <Descriptions.Item label={t('cases.col.region')}>{detail.region.level === 'village' ? `${detail.region.name} · ${detail.region.townshipName}` : detail.region.name}</Descriptions.Item>
              <Descriptions.Item label={t('cases.col.unit')}>
                <span data-testid="case-unit">{c.unit ? `${c.unit.name}（${t(`cases.level.${c.unit.level}`)}）` : t('cases.noUnit')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.col.channel')}>{t(`cases.channel.${c.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.col.registeredAt')}>{formatLocalDateTime(c.registeredAt).slice(0, 16)}</Descriptions.Item>
              {assignment && (
                <Descriptions.Item label={t('cases.col.deadline')} span={2}>
                  <Space orientation="vertical" size={0}>
                    <DeadlineLine label="cases.deadline.response" dueAt={assignment.responseDueAt} doneAt={assignment.acceptedAt} calendar={calendar} testId="deadline-response" />
                    <DeadlineLine label="cases.deadline.resolve" dueAt={assignment.resolveDueAt} doneAt={assignment.resolvedAt} calendar={calendar} testId="deadline-resolve" />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('cases.calendarNote')}
                    </Typography.Text>
                  </Space>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('cases.field.description.label')} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.description}</Typography.Paragraph>
              </Descriptions.Item>
              {c.address && <Descriptions.Item label={t('cases.field.address')} span={2}>{c.address}</Descriptions.Item>}
              {c.resolution && (
                <Descriptions.Item label={t('cases.field.resolution')} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.resolution}</Typography.Paragraph>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('cases.section.contact')} span={2}>
                <Space wrap>
                  {c.contactName || (c.contactPhoneMasked === null && t('cases.noContact'))}
                  {c.residentName && <Typography.Text type="secondary">{c.residentName}</Typography.Text>}
                  {c.contactPhoneMasked && (
                    <RevealNumber
                      masked={c.contactPhoneMasked}
                      label={t('cases.phone.reveal')}
                      testId="case-phone"
                      {...(detail.canRevealPhone ? { reveal: (purpose) => call(casesApi.revealCasePhone, { params: { id: c.id }, body: { purpose } }) } : {})}
                    />
                  )}
                  {!c.consentContact && <Typography.Text type="warning">{t('cases.noConsent')}</Typography.Text>}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('cases.section.history')} size="small">
            <CaseTimeline detail={detail} />
          </Card>
        </Col>
      </Row>
      {step && (
        <CaseStepModal
          step={step}
          detail={detail}
          onClose={() => setStep(null)}
          onDone={(next) => {
            setUpdated(next);
            void message.success(t('cases.step.done', { step: t(`cases.step.${step}`) }));
          }}
        />
      )}
    </div>
  );
}
