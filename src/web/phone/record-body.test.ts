import { describe, expect, it } from 'vitest';
import { ZVisitRecord } from '../../shared/visits/index.ts';
import { recordBody } from './record-body.ts';
import type { DraftBody } from './store.ts';

const draft: DraftBody = {
  clientId: '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd',
  campaignId: '7',
  householdId: '1024',
  visitedAt: '2026-12-01T02:30:00.000Z',
  kind: 'home',
  situation: '老人身体尚可',
  aid: [{ itemCode: 'dibao_cash', amountFen: 30000 }],
  acknowledgement: { kind: 'signed' },
};
const hash = (c: string) => c.repeat(64);

describe('recordBody', () => {
  it('waits until every file has its hash', () => {
    expect(recordBody(draft, [{ kind: 'signature', position: 0, sha256: null, capturedAt: null, takenAt: null }])).toBeNull();
  });

  it('names the photos in order and the signature by the hashes the server gave, and is a valid record', () => {
    const body = recordBody(draft, [
      { kind: 'photo', position: 1, sha256: hash('b'), capturedAt: null, takenAt: '2026-12-01T02:29:00.000Z' },
      { kind: 'signature', position: 0, sha256: hash('c'), capturedAt: null, takenAt: null },
      { kind: 'photo', position: 0, sha256: hash('a'), capturedAt: '2026-12-01T02:28:00.000Z', takenAt: '2026-12-01T02:29:30.000Z' },
    ]);
    expect(body?.photos).toEqual([
      { sha256: hash('a'), capturedAt: '2026-12-01T02:28:00.000Z' },
      { sha256: hash('b'), capturedAt: '2026-12-01T02:29:00.000Z' },
    ]);
    expect(body?.acknowledgement).toEqual({ kind: 'signed', signatureSha256: hash('c') });
    expect(ZVisitRecord.safeParse(body).success).toBe(true);
  });

  it('is the same body every time (a resend is recognised), and keeps a witness as it is', () => {
    const files = [{ kind: 'signature' as const, position: 0, sha256: hash('c'), capturedAt: null, takenAt: null }];
    expect(JSON.stringify(recordBody(draft, files))).toBe(JSON.stringify(recordBody(draft, files)));
    const witnessed = recordBody({ ...draft, acknowledgement: { kind: 'cannot_sign', witnessName: '李四' } }, []);
    expect(witnessed?.acknowledgement).toEqual({ kind: 'cannot_sign', witnessName: '李四' });
    expect(recordBody({ ...draft, aid: [], acknowledgement: undefined }, [])?.acknowledgement).toBeUndefined();
  });

  it('refuses a signed record without its signature', () => {
    expect(() => recordBody(draft, [])).toThrow(/holds no signature/);
  });
});
