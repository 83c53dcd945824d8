/** The county admin's Open311 client systems and API keys, and the notification outbox (see `contract.ts`). */
import { ZOk } from '../schemas/common.ts';
import { ZCreateOpen311Client, ZCreatedOpen311Client, ZListNotificationsQuery, ZNotificationList, ZOpen311Client, ZOpen311ClientParams } from '../schemas/open311.ts';
import { z } from 'zod';
import { defineContract } from './contract.ts';

export const open311ClientsApi = {
  listOpen311Clients: defineContract({ method: 'GET', url: '/api/open311-clients', response: z.object({ items: z.array(ZOpen311Client) }) }),
  createOpen311Client: defineContract({ method: 'POST', url: '/api/open311-clients', body: ZCreateOpen311Client, response: ZCreatedOpen311Client, status: 201 }),
  revokeOpen311Client: defineContract({ method: 'POST', url: '/api/open311-clients/:id/revoke', params: ZOpen311ClientParams, response: ZOk }),
};

export const notificationsApi = {
  listNotifications: defineContract({ method: 'GET', url: '/api/notifications', querystring: ZListNotificationsQuery, response: ZNotificationList }),
};
