/**
 * The notifications module's front door (issue 11, 告知群众): messages to residents about their
 * cases go through `notification_outbox` and an `SmsSender` (a gateway webhook, or the dev
 * sender's log). The server starts the worker (`startNotificationWorker`); tests drive its two
 * steps directly.
 */
export { startNotificationWorker } from './notification-worker.ts';
export type { NotificationWorker } from './notification-worker.ts';
export { enqueueNotifications } from './enqueue-notifications.ts';
export { sendDueNotifications, backoffMs } from './send-due-notifications.ts';
export { DevSmsSender, WebhookSmsSender, smsSenderFromEnv } from './sms-sender.ts';
export type { SmsMessage, SmsSender } from './sms-sender.ts';
export { notificationText } from './notification-texts.ts';
