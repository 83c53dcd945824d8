/**
 * How a call is placed. Today the workstation dials with a `tel:` link (the interviewer's desk
 * phone or softphone opens it); a SIP adapter (the call centre's PBX places the call and the
 * number never reaches the browser) can implement the same interface later.
 */
import type { TDialResponse } from '../../shared/schemas/survey-fieldwork.ts';

export interface DialRequest {
  /** The full number, decrypted for this one call. */
  phone: string;
  caseId: string;
  interviewerId: string;
  dialedAt: Date;
}

export interface Telephony {
  readonly kind: TDialResponse['kind'];
  dial(request: DialRequest): Promise<TDialResponse>;
}

/**
 * The `tel:` link adapter: answers the number as a URI for the browser to open.
 *
 * @example
 * await telLinkTelephony.dial({ phone: '13912345678', caseId: '1', interviewerId: '2', dialedAt: new Date() });
 * // => { kind: 'tel', uri: 'tel:13912345678', dialedAt: '…' }
 */
export const telLinkTelephony: Telephony = {
  kind: 'tel',
  async dial({ phone, dialedAt }) {
    // Landlines are stored as 0538-1234567; a tel: URI carries digits (RFC 3966 visual separators are optional).
    return { kind: 'tel', uri: `tel:${phone.replace(/[^\d+]/g, '')}`, dialedAt: dialedAt.toISOString() };
  },
};
