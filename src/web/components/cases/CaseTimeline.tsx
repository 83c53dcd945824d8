import { Image, Space, Tag, Timeline, Typography } from 'antd';
import { casesApi } from '../../../shared/api/cases.ts';
import { SATISFACTIONS, type TCaseDetail, type TCaseEventView } from '../../../shared/schemas/cases.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { urlOf } from '../../api.ts';
import { isMessageKey, useI18n } from '../../i18n/index.tsx';
import { deadlineTime } from './deadline.ts';

const COLOR: Record<string, string> = { reopen: 'red', escalate: 'orange', auto_escalate: 'red', return: 'orange', remind: 'red', resolve: 'green', close: 'gray', merge: 'gray' };

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** 办理过程: every step of the case, oldest first, with who, when, to which unit, why, and the photos. */
export function CaseTimeline({ detail }: { detail: TCaseDetail }) {
  const { t } = useI18n();
  const unitOf = (e: TCaseEventView) => detail.assignments.find((a) => a.id === e.assignmentId)?.unit.name;
  const describe = (e: TCaseEventView) => {
    const parts: string[] = [];
    const unit = unitOf(e);
    if (unit && (e.kind === 'dispatch' || e.kind === 'escalate' || e.kind === 'auto_escalate' || e.kind === 'reopen')) parts.push(t('cases.event.to', { unit }));
    const resolveDueAt = str(e.details.resolveDueAt);
    if (resolveDueAt) parts.push(`${t('cases.deadline.resolve')} ${deadlineTime(resolveDueAt)}`);
    const intoCaseNo = str(e.details.intoCaseNo);
    const fromCaseNo = str(e.details.fromCaseNo);
    if (e.kind === 'merge' && intoCaseNo) parts.push(t('cases.event.mergedInto', { caseNo: intoCaseNo }));
    if (e.kind === 'merge' && fromCaseNo) parts.push(t('cases.event.mergedFrom', { caseNo: fromCaseNo }));
    if (e.kind === 'callback') {
      const solved = e.details.solved;
      if (solved === true || solved === false) parts.push(t(solved ? 'cases.form.solved.yes' : 'cases.form.solved.no'));
      const satisfaction = str(e.details.satisfaction);
      if (satisfaction && (SATISFACTIONS as readonly string[]).includes(satisfaction)) parts.push(t(`cases.form.satisfaction.${satisfaction as (typeof SATISFACTIONS)[number]}`));
      if (e.details.outcome === 'unreachable') parts.push(t('cases.form.outcome.unreachable'));
    }
    return parts.join('，');
  };
  return (
    <Timeline
      data-testid="case-timeline"
      items={detail.events.map((e) => {
        const key = `cases.event.${e.kind}`;
        const extra = describe(e);
        return {
          key: e.id,
          color: COLOR[e.kind] ?? 'blue',
          content: (
            <div data-testid="case-event" data-kind={e.kind}>
              <Space size={6} wrap>
                <Typography.Text strong>{isMessageKey(key) ? t(key) : e.kind}</Typography.Text>
                {e.kind === 'reopen' && <Tag color="volcano">{t('cases.reopened')}</Tag>}
                <Typography.Text type="secondary">{formatLocalDateTime(e.at).slice(0, 16)}</Typography.Text>
                <Typography.Text type="secondary">{e.actorName ?? t('cases.event.system')}</Typography.Text>
              </Space>
              {extra && <div>{extra}</div>}
              {e.note && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
              {e.files.length > 0 && (
                <Image.PreviewGroup>
                  <Space wrap style={{ marginTop: 4 }}>
                    {e.files.map((sha256) => (
                      <Image key={sha256} width={72} height={72} style={{ objectFit: 'cover' }} src={urlOf(casesApi.downloadCaseFile, { id: detail.case.id, sha256 })} alt={t('cases.event.photos')} />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
