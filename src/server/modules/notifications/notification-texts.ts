/**
 * The messages residents receive (短信), in Chinese: the case number (受理编号) and the tracking
 * code (查询码) and nothing else about the case or the person.
 */
export type NotificationKind = 'accepted' | 'resolved' | 'callback' | 'reopened';

/**
 * The text of one message.
 *
 * @example
 * notificationText('accepted', { caseNo: 'MQ20261206000042', trackingCode: 'K7Q2M9XD' });
 * // '【连心】您反映的诉求（受理编号MQ20261206000042）已由承办单位签收，正在办理。查询码K7Q2M9XD。'
 */
export function notificationText(kind: NotificationKind, { caseNo, trackingCode }: { caseNo: string; trackingCode: string }): string {
  const tail = `查询码${trackingCode}。`;
  switch (kind) {
    case 'accepted':
      return `【连心】您反映的诉求（受理编号${caseNo}）已由承办单位签收，正在办理。${tail}`;
    case 'resolved':
      return `【连心】您反映的诉求（受理编号${caseNo}）已办结，近期将有工作人员回访听取您的意见。${tail}`;
    case 'callback':
      return `【连心】感谢您对诉求（受理编号${caseNo}）办理情况的评价，本诉求已办结。${tail}`;
    case 'reopened':
      return `【连心】您反映的诉求（受理编号${caseNo}）已重新交承办单位办理。${tail}`;
  }
}

/** The case step (case_event.kind) each message announces. */
export const STEP_MESSAGES: Record<'accept' | 'resolve' | 'callback' | 'reopen', NotificationKind> = {
  accept: 'accepted',
  resolve: 'resolved',
  callback: 'callback',
  reopen: 'reopened',
};
