/**
 * A visit record (走访记录) as the phone sends it (issue 10, point 3). The phone makes the record's
 * id, so a resend can be recognised (see `idempotent-record.ts`). Every list and text is bounded.
 * The recording cadre is the session's account, never a field of the body; `companions` are the
 * others who went along.
 */
import { z } from 'zod';
import { ZId, zName } from '../schemas/common.ts';
import { SURVEY_DOMAINS } from '../schemas/survey.ts';
import { ZCode, ZFen, ZGoodsQuantity } from './campaign-schemas.ts';

/**
 * A record id made on the phone (`crypto.randomUUID()`): a UUID in lower case, so the same id
 * has one spelling on both sides.
 *
 * @example
 * ZClientId.parse('3f1c2a9e-8b7d-4c6e-9f01-23456789abcd');
 * ZClientId.safeParse('3F1C2A9E-8B7D-4C6E-9F01-23456789ABCD').success; // false
 */
export const ZClientId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, { message: 'a record id: a UUID in lower case' });

/**
 * An instant in UTC as ISO 8601 with `Z` (`2026-11-28T15:30:00Z`), between the years 1 and 9999,
 * rewritten to `Date#toISOString()`'s form (milliseconds always written) so the same instant has
 * one spelling whatever the phone sent.
 *
 * @example
 * ZUtcInstant.parse('2026-11-28T15:30:00Z'); // '2026-11-28T15:30:00.000Z'
 * ZUtcInstant.safeParse('2026-11-28T23:30:00+08:00').success; // false
 */
export const ZUtcInstant = z.iso
  .datetime({ message: 'an instant in UTC: YYYY-MM-DDTHH:mm:ss(.sss)Z' })
  .refine(
    (v) => {
      const year = new Date(v).getUTCFullYear();
      return year >= 1 && year <= 9999;
    },
    { message: 'must be between the years 1 and 9999' },
  )
  // zod runs this even after a failed check: an invalid string stays as it is (already refused) instead of throwing a RangeError (a 500).
  .overwrite((v) => {
    const at = new Date(v);
    return Number.isNaN(at.getTime()) ? v : at.toISOString();
  });

/** Kinds of visit: 入户 `home`, 电话 `phone`, 田间地头 `field`, 企业商户 `business`, 座谈 `meeting`. */
export const VISIT_KINDS = ['home', 'phone', 'field', 'business', 'meeting'] as const;
export const ZVisitKind = z.enum(VISIT_KINDS);
export type TVisitKind = z.infer<typeof ZVisitKind>;

/** Free text as typed on a phone: trimmed, at most `max` characters (UTF-16 code units, as zod counts). */
const zText = (max: number) => z.string().trim().max(max);

/** Bounds of the record, in one place for the forms' counters and the tests. */
export const VISIT_LIMITS = {
  companions: 10,
  met: 20,
  situation: 2000,
  problems: 20,
  problemText: 1000,
  policies: 50,
  aid: 20,
  goodsPerAid: 20,
  photos: 10,
  hardshipProposals: 10,
  proposalReason: 500,
} as const;

/** Someone who went along (同行人员): an account when they have one, always a name. */
export const ZCompanion = z.strictObject({ userId: ZId.optional(), name: zName(40) });

/** Someone the visitors met (接待人): a registered resident when known, always a name, and a relation to the household head. */
export const ZPersonMet = z.strictObject({ residentId: ZId.optional(), name: zName(40), relation: zName(20).optional() });

/**
 * A problem the family raised (反映问题): its words and one of the survey's eight domains. The
 * coming cases module turns it into a case (民情诉求).
 *
 * @example
 * ZRaisedProblem.parse({ text: '村口路灯坏了', domain: 'public_security' });
 */
export const ZRaisedProblem = z.strictObject({
  text: zText(VISIT_LIMITS.problemText).min(1, { message: 'a problem needs words' }),
  domain: z.enum(SURVEY_DOMAINS),
});
export type TRaisedProblem = z.infer<typeof ZRaisedProblem>;

/** Goods handed over: the goods' code in the aid item's standard and how many. */
export const ZGoodsGiven = z.strictObject({ code: ZCode, quantity: ZGoodsQuantity });

/**
 * Aid handed over in this visit (发放慰问): one line per aid item, with money in fen and/or goods.
 * Whether it fits the campaign's standard is the aid ledger's question (`checkAidLine`).
 *
 * @example
 * ZAidGiven.parse({ itemCode: 'tekun_cash', amountFen: 50000 });
 */
export const ZAidGiven = z
  .strictObject({
    itemCode: ZCode,
    amountFen: ZFen.optional(),
    goods: z.array(ZGoodsGiven).max(VISIT_LIMITS.goodsPerAid).default([]),
  })
  .superRefine((a, ctx) => {
    if ((a.amountFen === undefined || a.amountFen === 0) && a.goods.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'aid handed over needs an amount, goods, or both', path: [] });
    }
    const codes = a.goods.map((g) => g.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', message: 'the same goods are listed twice', path: ['goods'] });
  });
export type TAidGiven = z.infer<typeof ZAidGiven>;

/** A stored file by its content: the SHA-256 of its bytes in lower-case hex. */
export const ZContentHash = z.string().regex(/^[0-9a-f]{64}$/, { message: 'a content hash: 64 lower-case hex digits (SHA-256)' });

/** A photo by its content hash, and when it was taken (from its metadata, when it had any). */
export const ZPhotoRef = z.strictObject({ sha256: ZContentHash, capturedAt: ZUtcInstant.nullable() });

/**
 * The recipient's acknowledgement of aid (签收): a signature drawn on the screen (stored as a
 * file, referenced by its hash), or "cannot sign" (无法签字) with a witness.
 *
 * @example
 * ZAcknowledgement.parse({ kind: 'cannot_sign', witnessName: '李四' });
 */
export const ZAcknowledgement = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('signed'), signatureSha256: ZContentHash }),
  z.strictObject({ kind: z.literal('cannot_sign'), witnessName: zName(40) }),
]);
export type TAcknowledgement = z.infer<typeof ZAcknowledgement>;

/**
 * A proposed change to the family's hardship labels (困难类别): goes to the township admin for
 * approval, never straight into the registry.
 */
export const ZHardshipProposal = z.strictObject({
  action: z.enum(['add', 'end']),
  categoryCode: ZCode,
  reason: zText(VISIT_LIMITS.proposalReason).min(1, { message: 'a proposal needs a reason' }),
});

const duplicate = (values: readonly string[]) => values.find((v, i) => values.indexOf(v) !== i);

/**
 * The visit record as the phone sends it. Aid needs a campaign and an acknowledgement and is never
 * handed over in a phone call (电话); a list names a thing once (aid item, policy, photo, proposal).
 *
 * @example
 * ZVisitRecord.parse({
 *   clientId: '3f1c2a9e-8b7d-4c6e-9f01-23456789abcd',
 *   campaignId: '7',
 *   householdId: '1024',
 *   visitedAt: '2026-12-01T02:30:00Z',
 *   kind: 'home',
 *   situation: '老人身体尚可，冬季取暖需要帮助',
 *   aid: [{ itemCode: 'tekun_cash', amountFen: 50000 }],
 *   acknowledgement: { kind: 'cannot_sign', witnessName: '李四' },
 * });
 */
export const ZVisitRecord = z
  .strictObject({
    clientId: ZClientId,
    /** The campaign this visit belongs to; a visit outside any campaign has none. */
    campaignId: ZId.optional(),
    householdId: ZId,
    companions: z.array(ZCompanion).max(VISIT_LIMITS.companions).default([]),
    visitedAt: ZUtcInstant,
    kind: ZVisitKind,
    met: z.array(ZPersonMet).max(VISIT_LIMITS.met).default([]),
    situation: zText(VISIT_LIMITS.situation).default(''),
    problems: z.array(ZRaisedProblem).max(VISIT_LIMITS.problems).default([]),
    /** Codes of the configurable policy list (政策宣传). */
    policiesExplained: z.array(ZCode).max(VISIT_LIMITS.policies).default([]),
    aid: z.array(ZAidGiven).max(VISIT_LIMITS.aid).default([]),
    photos: z.array(ZPhotoRef).max(VISIT_LIMITS.photos).default([]),
    acknowledgement: ZAcknowledgement.optional(),
    hardshipProposals: z.array(ZHardshipProposal).max(VISIT_LIMITS.hardshipProposals).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.aid.length > 0 && v.campaignId === undefined) ctx.addIssue({ code: 'custom', message: 'aid is handed over within a campaign', path: ['campaignId'] });
    if (v.aid.length > 0 && v.acknowledgement === undefined) ctx.addIssue({ code: 'custom', message: 'aid handed over needs an acknowledgement', path: ['acknowledgement'] });
    if (v.aid.length > 0 && v.kind === 'phone') ctx.addIssue({ code: 'custom', message: 'aid is not handed over in a phone call', path: ['aid'] });
    if (v.aid.length === 0 && v.acknowledgement !== undefined) ctx.addIssue({ code: 'custom', message: 'an acknowledgement without aid', path: ['acknowledgement'] });
    const checks: [string, string | undefined, string][] = [
      ['aid', duplicate(v.aid.map((a) => a.itemCode)), 'aid item'],
      ['policiesExplained', duplicate(v.policiesExplained), 'policy'],
      ['photos', duplicate(v.photos.map((p) => p.sha256)), 'photo'],
      ['hardshipProposals', duplicate(v.hardshipProposals.map((p) => p.categoryCode)), 'hardship category'],
    ];
    for (const [path, dup, what] of checks) {
      if (dup !== undefined) ctx.addIssue({ code: 'custom', message: `${what} ${dup} listed twice`, path: [path] });
    }
  });
export type TVisitRecord = z.infer<typeof ZVisitRecord>;
/** The record as the phone sends it (lists may be absent). */
export type TVisitRecordInput = z.input<typeof ZVisitRecord>;
