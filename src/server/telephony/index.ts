/** How calls are placed (fieldwork's dial, the supervisor's re-check call): the `Telephony` adapter. */
export { telLinkTelephony } from './telephony.ts';
export type { DialRequest, Telephony } from './telephony.ts';
