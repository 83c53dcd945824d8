import { PhoneOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, List, Tag, Typography } from 'antd';
import type { TFieldworkCase } from '../../../shared/schemas/survey-fieldwork.ts';
import { useI18n } from '../../i18n/index.tsx';
import { mono } from '../registry/MaskedNumbers.tsx';
import { townshipName } from './names.ts';
import { shanghaiClock, shanghaiMinute } from './time.ts';

const REASON_COLOR: Record<TFieldworkCase['reason'], string> = { appointment: 'magenta', callback: 'orange', fresh: 'blue' };

interface Props {
  fieldworkCase: TFieldworkCase;
  dialedAt: string | null;
  dialing: boolean;
  onDial(): void;
  returning: boolean;
  /** Hand the case back undialled (the server refuses once it has been dialled or answered). */
  onReturn(): void;
}

/**
 * The number in hand: masked (the full number goes only to the dialler, never onto the page),
 * its kind and township, which attempt of how many, why it came now, the appointment, and what
 * earlier attempts found. Until it is dialled, it can be handed back.
 */
export function CaseCard({ fieldworkCase: c, dialedAt, dialing, onDial, returning, onReturn }: Props) {
  const { t, locale } = useI18n();
  const label = (d: { 'zh-CN': string; en: string }) => d[locale];
  return (
    <Card title={t('fieldwork.case.title')} style={{ marginBottom: 16 }} data-testid="case-card" data-case-id={c.id}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <Typography.Text strong style={{ ...mono, fontSize: 22 }} data-testid="phone-masked">
          {c.phoneMasked}
        </Typography.Text>
        <Tag>{t(c.phoneKind === 'mobile' ? 'fieldwork.case.mobile' : 'fieldwork.case.landline')}</Tag>
      </div>
      <Button type="primary" size="large" icon={<PhoneOutlined />} loading={dialing} onClick={onDial} data-testid="dial" block>
        {t('fieldwork.case.dial')} <kbd style={{ opacity: 0.7, marginInlineStart: 4 }}>D</kbd>
      </Button>
      <Typography.Paragraph type={dialedAt ? 'success' : 'secondary'} style={{ margin: '8px 0 12px', fontSize: 12 }} data-testid="dial-state" data-dialed={dialedAt ? 'yes' : 'no'}>
        {dialedAt ? t('fieldwork.case.dialedAt', { time: shanghaiClock(dialedAt) }) : t('fieldwork.case.notDialed')}
      </Typography.Paragraph>
      {!dialedAt && (
        <Button size="small" icon={<RollbackOutlined />} loading={returning} onClick={onReturn} style={{ marginBottom: 12 }} data-testid="return-case">
          {t('fieldwork.case.return')} <kbd style={{ opacity: 0.7, marginInlineStart: 4 }}>T</kbd>
        </Button>
      )}
      <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
        <Descriptions.Item label={t('fieldwork.case.wave')}>{c.wave.name}</Descriptions.Item>
        <Descriptions.Item label={t('fieldwork.case.township')}>
          <span data-testid="case-township">{townshipName(c.township, locale)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('fieldwork.case.attempt')}>
          <span data-testid="case-attempt">{t('fieldwork.case.attemptOf', { n: c.attemptNo, max: c.maxAttempts })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('fieldwork.case.reason')}>
          <Tag color={REASON_COLOR[c.reason]} data-testid="case-reason" data-reason={c.reason}>
            {t(`fieldwork.case.reason.${c.reason}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('fieldwork.case.appointment')}>
          {c.appointment ? (
            <span data-testid="case-appointment">
              {shanghaiMinute(c.appointment.at)}
              {c.appointment.withInterviewer && <Typography.Text type="secondary"> · {c.appointment.withInterviewer}</Typography.Text>}
            </span>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('fieldwork.case.heldUntil')}>{shanghaiClock(c.leaseExpiresAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('fieldwork.case.previous')}
      </Typography.Title>
      {c.previousAttempts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fieldwork.case.noPrevious')} style={{ margin: 0 }} />
      ) : (
        <List
          size="small"
          data-testid="previous-attempts"
          dataSource={c.previousAttempts}
          renderItem={(a) => (
            <List.Item style={{ paddingInline: 0, display: 'block' }}>
              <div>
                <Typography.Text strong>{t('fieldwork.case.attemptNo', { n: a.attemptNo })}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {shanghaiMinute(a.endedAt ?? a.dialedAt ?? a.assignedAt)} · {a.interviewer}
                </Typography.Text>
              </div>
              <div>{a.disposition ? <Tag>{label(a.disposition.label)}</Tag> : <Typography.Text type="secondary">—</Typography.Text>}</div>
              {a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
