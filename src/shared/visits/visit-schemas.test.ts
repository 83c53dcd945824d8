import { describe, expect, it } from 'vitest';
import { SURVEY_DOMAINS } from '../schemas/survey.ts';
import { VISIT_KINDS, VISIT_LIMITS, ZAidGiven, ZClientId, ZUtcInstant, ZVisitRecord, type TVisitRecordInput } from './visit-schemas.ts';

const ID = '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd';
const HASH = 'a'.repeat(64);

const visit = (over: Partial<TVisitRecordInput> = {}): TVisitRecordInput => ({
  clientId: ID,
  campaignId: '7',
  householdId: '1024',
  visitedAt: '2026-12-01T02:30:00Z',
  kind: 'home',
  ...over,
});

const messages = (r: { error?: { issues: { message: string; path: PropertyKey[] }[] } }) => (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('visit record', () => {
  it('parses a minimal visit and fills the lists in', () => {
    expect(ZVisitRecord.parse(visit())).toEqual({
      clientId: ID,
      campaignId: '7',
      householdId: '1024',
      visitedAt: '2026-12-01T02:30:00.000Z',
      kind: 'home',
      companions: [],
      met: [],
      situation: '',
      problems: [],
      policiesExplained: [],
      aid: [],
      photos: [],
      hardshipProposals: [],
    });
  });

  it('parses a full visit with aid, photos and a witness', () => {
    const v = ZVisitRecord.parse(
      visit({
        companions: [{ userId: '12', name: '王伟' }, { name: '驻村第一书记 刘强' }],
        met: [{ residentId: '55', name: '张桂英', relation: '本人' }],
        situation: '  老人身体尚可，冬季取暖需要帮助 🙂  ',
        problems: SURVEY_DOMAINS.map((domain) => ({ text: `问题 ${domain}`, domain })),
        policiesExplained: ['medical_insurance', 'pension'],
        aid: [{ itemCode: 'tekun_cash', amountFen: 50000 }, { itemCode: 'tekun_goods', goods: [{ code: 'rice', quantity: 2 }] }],
        photos: [{ sha256: HASH, capturedAt: '2026-12-01T02:29:10.5Z' }, { sha256: 'b'.repeat(64), capturedAt: null }],
        acknowledgement: { kind: 'cannot_sign', witnessName: '李四' },
        hardshipProposals: [{ action: 'add', categoryCode: 'dibao', reason: '丈夫去世，收入骤减' }],
      }),
    );
    expect(v.situation).toBe('老人身体尚可，冬季取暖需要帮助 🙂');
    expect(v.photos[0]!.capturedAt).toBe('2026-12-01T02:29:10.500Z');
    expect(v.aid[0]!.goods).toEqual([]);
    expect(v.problems).toHaveLength(8);
  });

  it('takes every kind of visit and no other', () => {
    for (const kind of VISIT_KINDS) expect(ZVisitRecord.safeParse(visit({ kind })).success, kind).toBe(true);
    expect(ZVisitRecord.safeParse(visit({ kind: 'letter' as never })).success).toBe(false);
  });

  it('takes the id in lower case only, so one id has one spelling', () => {
    expect(ZClientId.safeParse(ID.toUpperCase()).success).toBe(false);
    expect(ZClientId.safeParse(ID.replace(/-/g, '')).success).toBe(false);
    expect(ZClientId.safeParse('00000000-0000-0000-0000-000000000000').success).toBe(false);
    expect(ZClientId.safeParse(crypto.randomUUID()).success).toBe(true);
  });

  it('takes instants in UTC only and writes them one way', () => {
    expect(ZUtcInstant.parse('2026-11-28T15:30:00Z')).toBe('2026-11-28T15:30:00.000Z');
    expect(ZUtcInstant.parse('2026-11-28T15:30:00.123456Z')).toBe('2026-11-28T15:30:00.123Z');
    for (const bad of ['2026-11-28T23:30:00+08:00', '2026-11-28 15:30:00Z', '2026-11-28', '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z']) {
      expect(ZUtcInstant.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('keeps problems to the eight survey domains, with words', () => {
    expect(ZVisitRecord.safeParse(visit({ problems: [{ text: '路灯', domain: 'roads' as never }] })).success).toBe(false);
    expect(messages(ZVisitRecord.safeParse(visit({ problems: [{ text: '   ', domain: 'medical' }] })))).toEqual(['problems.0.text: a problem needs words']);
  });

  it('bounds every list and text at its limit exactly', () => {
    const cases: [keyof TVisitRecordInput, number, (i: number) => unknown][] = [
      ['companions', VISIT_LIMITS.companions, (i) => ({ name: `同行${i}` })],
      ['met', VISIT_LIMITS.met, (i) => ({ name: `村民${i}` })],
      ['problems', VISIT_LIMITS.problems, () => ({ text: '问题', domain: 'medical' })],
      ['policiesExplained', VISIT_LIMITS.policies, (i) => `policy_${i}`],
      ['photos', VISIT_LIMITS.photos, (i) => ({ sha256: i.toString(16).padStart(64, '0'), capturedAt: null })],
      ['hardshipProposals', VISIT_LIMITS.hardshipProposals, (i) => ({ action: 'add', categoryCode: `cat_${i}`, reason: '理由' })],
    ];
    for (const [field, max, make] of cases) {
      const list = (n: number) => Array.from({ length: n }, (_, i) => make(i));
      expect(ZVisitRecord.safeParse(visit({ [field]: list(max) })).success, `${field} at ${max}`).toBe(true);
      expect(ZVisitRecord.safeParse(visit({ [field]: list(max + 1) })).success, `${field} past ${max}`).toBe(false);
    }
    const texts: [number, (s: string) => Partial<TVisitRecordInput>][] = [
      [VISIT_LIMITS.situation, (s) => ({ situation: s })],
      [VISIT_LIMITS.problemText, (s) => ({ problems: [{ text: s, domain: 'culture' }] })],
      [VISIT_LIMITS.proposalReason, (s) => ({ hardshipProposals: [{ action: 'end', categoryCode: 'dibao', reason: s }] })],
    ];
    for (const [max, make] of texts) {
      expect(ZVisitRecord.safeParse(visit(make('困'.repeat(max)))).success, `${max}`).toBe(true);
      expect(ZVisitRecord.safeParse(visit(make('困'.repeat(max + 1)))).success, `${max} + 1`).toBe(false);
    }
    const aid = Array.from({ length: VISIT_LIMITS.aid + 1 }, (_, i) => ({ itemCode: `item_${i}`, amountFen: 1 }));
    const ack = { kind: 'signed' as const, signatureSha256: HASH };
    expect(ZVisitRecord.safeParse(visit({ aid: aid.slice(0, -1), acknowledgement: ack })).success).toBe(true);
    expect(ZVisitRecord.safeParse(visit({ aid, acknowledgement: ack })).success).toBe(false);
  });

  it('names a thing once per list', () => {
    const ack = { kind: 'signed' as const, signatureSha256: HASH };
    expect(messages(ZVisitRecord.safeParse(visit({ aid: [{ itemCode: 'cash', amountFen: 1 }, { itemCode: 'cash', amountFen: 2 }], acknowledgement: ack })))).toEqual(['aid: aid item cash listed twice']);
    expect(messages(ZVisitRecord.safeParse(visit({ policiesExplained: ['pension', 'pension'] })))).toEqual(['policiesExplained: policy pension listed twice']);
    expect(messages(ZVisitRecord.safeParse(visit({ photos: [HASH, HASH].map((sha256) => ({ sha256, capturedAt: null })) })))).toEqual([`photos: photo ${HASH} listed twice`]);
    expect(ZAidGiven.safeParse({ itemCode: 'goods', goods: [{ code: 'rice', quantity: 1 }, { code: 'rice', quantity: 1 }] }).success).toBe(false);
  });

  it('wants aid inside a campaign, with an acknowledgement, and positive', () => {
    const ack = { kind: 'signed' as const, signatureSha256: HASH };
    expect(messages(ZVisitRecord.safeParse(visit({ aid: [{ itemCode: 'cash', amountFen: 1 }] })))).toEqual(['acknowledgement: aid handed over needs an acknowledgement']);
    expect(messages(ZVisitRecord.safeParse(visit({ campaignId: undefined, aid: [{ itemCode: 'cash', amountFen: 1 }], acknowledgement: ack })))).toEqual(['campaignId: aid is handed over within a campaign']);
    expect(messages(ZVisitRecord.safeParse(visit({ acknowledgement: ack })))).toEqual(['acknowledgement: an acknowledgement without aid']);
    expect(messages(ZVisitRecord.safeParse(visit({ kind: 'phone', aid: [{ itemCode: 'cash', amountFen: 1 }], acknowledgement: ack })))).toEqual(['aid: aid is not handed over in a phone call']);
    expect(ZVisitRecord.safeParse(visit({ kind: 'meeting', aid: [{ itemCode: 'cash', amountFen: 1 }], acknowledgement: ack })).success).toBe(true);
    expect(ZAidGiven.safeParse({ itemCode: 'cash', amountFen: -100 }).success).toBe(false);
    expect(ZAidGiven.safeParse({ itemCode: 'cash', amountFen: 0 }).success).toBe(false);
    expect(ZAidGiven.safeParse({ itemCode: 'cash', goods: [{ code: 'rice', quantity: 0 }] }).success).toBe(false);
    expect(ZVisitRecord.safeParse(visit({ aid: [{ itemCode: 'cash', amountFen: 1 }], acknowledgement: { kind: 'signed' } as never })).success).toBe(false);
    expect(ZVisitRecord.safeParse(visit({ aid: [{ itemCode: 'cash', amountFen: 1 }], acknowledgement: { kind: 'cannot_sign', witnessName: ' ' } })).success).toBe(false);
  });

  it('refuses unknown fields, invisible characters in names, and a recorder in the body', () => {
    expect(ZVisitRecord.safeParse({ ...visit(), recordedBy: '12' }).success).toBe(false);
    expect(ZVisitRecord.safeParse(visit({ companions: [{ name: '王\u200B伟' }] })).success).toBe(false);
    expect(ZVisitRecord.safeParse(visit({ met: [{ name: '张三', extra: 1 } as never] })).success).toBe(false);
    expect(ZVisitRecord.safeParse(visit({ householdId: '0' })).success).toBe(false);
    expect(ZVisitRecord.safeParse(visit({ photos: [{ sha256: HASH.toUpperCase(), capturedAt: null }] })).success).toBe(false);
  });
});
