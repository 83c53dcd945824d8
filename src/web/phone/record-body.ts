/**
 * The body the phone sends for an outbox record (pure): the saved form plus the content hashes the
 * server gave its files. Built the same way every time from what is stored, so a resend is the
 * same body and the server answers `resend` instead of 409.
 */
import type { TVisitRecordInput } from '../../shared/visits/index.ts';
import type { DraftBody, OutboxFile } from './store.ts';

/**
 * The record as `POST /api/visits` takes it, or `null` while a file is not uploaded yet.
 *
 * @example
 * recordBody(record.body, files); // { clientId, …, photos: [{ sha256, capturedAt }], acknowledgement: { kind: 'signed', signatureSha256 } }
 */
export function recordBody(draft: DraftBody, files: readonly Pick<OutboxFile, 'kind' | 'position' | 'sha256' | 'capturedAt' | 'takenAt'>[]): TVisitRecordInput | null {
  if (files.some((f) => f.sha256 === null)) return null;
  const photos = files
    .filter((f) => f.kind === 'photo')
    .sort((a, b) => a.position - b.position)
    .map((f) => ({ sha256: f.sha256!, capturedAt: f.capturedAt ?? f.takenAt }));
  const { acknowledgement, ...rest } = draft;
  const body: TVisitRecordInput = { ...rest, photos };
  if (acknowledgement?.kind === 'cannot_sign') body.acknowledgement = acknowledgement;
  if (acknowledgement?.kind === 'signed') {
    const signature = files.find((f) => f.kind === 'signature');
    if (!signature) throw new Error(`record ${draft.clientId} is signed but holds no signature`);
    body.acknowledgement = { kind: 'signed', signatureSha256: signature.sha256! };
  }
  return body;
}
