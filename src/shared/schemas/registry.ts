import { z } from 'zod';
import { zName, ZId, ZIsoDate, ZListCode, ZRegionCode } from './common.ts';

export const ZHardshipCategory = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), sort: z.number().int(), active: z.boolean() });
export type THardshipCategory = z.infer<typeof ZHardshipCategory>;

export const ZHardshipCategoryParams = z.strictObject({ code: ZListCode });
export const ZSaveHardshipCategoryRequest = z.strictObject({
  name: zName(40),
  nameEn: zName(80),
  sort: z.number().int().min(0).max(10_000),
  active: z.boolean(),
});

export const ZGender = z.enum(['M', 'F']);

/** Search and list filters, shared by the list, its export and the pairing reports. */
export const ZResidentFilter = z.strictObject({
  /** Name (张三), pinyin or initials (zhangs, zs), last digits of an ID number (123X), or a phone. */
  q: z.string().trim().max(40).optional(),
  regionCode: ZRegionCode.optional(),
  category: z.string().trim().min(1).max(40).optional(),
  /** Only hardship households with (true) or without (false) a responsible cadre. */
  paired: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

/** The most rows a list skips to reach a page by number (an OFFSET): 5,000 pages of 200. */
export const MAX_LIST_OFFSET = 1_000_000;

export const ZResidentListQuery = ZResidentFilter.extend({
  /** The next page after the one that gave this cursor (keyset: as fast on page 1,000 as on page 2). */
  cursor: z.string().max(200).optional(),
  /** A page by its number (1-based), for a jump; `cursor` is the cheaper way to the next page. */
  page: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /**
   * Also count all matches (`total`). Not by default: the count reads every match, and a search
   * that only wants the first page (or another page of a counted list) should not pay for it.
   */
  count: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
})
  .refine((q) => !(q.cursor && q.page), { message: 'cursor or page, not both', path: ['page'] })
  .refine((q) => !q.page || (q.page - 1) * q.limit <= MAX_LIST_OFFSET, { message: 'page too far: narrow the filter', path: ['page'] });

/** The responsible cadre (负责干部) of a household today. */
export const ZPairedCadre = z.object({ id: ZId, displayName: z.string() });
export type TPairedCadre = z.infer<typeof ZPairedCadre>;

export const ZResidentListItem = z.object({
  id: ZId,
  name: z.string(),
  gender: ZGender,
  birthDate: z.string(),
  relationship: z.string(),
  idNumberMasked: z.string(),
  phones: z.array(z.object({ id: ZId, kind: z.enum(['mobile', 'landline']), masked: z.string() })),
  household: z.object({ id: ZId, householdNo: z.string(), address: z.string() }),
  village: z.object({ code: ZRegionCode, name: z.string() }),
  township: z.object({ code: ZRegionCode, name: z.string() }),
  hardship: z.array(z.string()),
  /** The household's responsible cadre today, if any (结对干部). */
  pairedCadre: ZPairedCadre.nullable(),
});
export type TResidentListItem = z.infer<typeof ZResidentListItem>;

/**
 * A page of the resident list with the number of all matches (null unless asked for with `count`).
 * `exact` is false when the matches were only counted up to a cap (`count` is then the cap:
 * "more than 100,000").
 */
export const ZResidentPage = z.object({
  items: z.array(ZResidentListItem),
  nextCursor: z.string().nullable(),
  total: z.object({ count: z.number().int(), exact: z.boolean() }).nullable(),
});
export type TResidentPage = z.infer<typeof ZResidentPage>;

export const ZHardshipLabel = z.object({
  id: ZId,
  categoryCode: z.string(),
  residentId: ZId.nullable(),
  residentName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  source: z.string(),
  note: z.string(),
});

export const ZPairing = z.object({
  id: ZId,
  cadre: z.object({ id: ZId, username: z.string(), displayName: z.string() }),
  role: z.enum(['responsible', 'helper']),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  startReason: z.string(),
  endReason: z.string(),
});
export type TPairing = z.infer<typeof ZPairing>;

export const ZHouseholdDetail = z.object({
  id: ZId,
  householdNo: z.string(),
  address: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  notes: z.string(),
  village: z.object({ code: ZRegionCode, name: z.string() }),
  township: z.object({ code: ZRegionCode, name: z.string() }),
  members: z.array(ZResidentListItem.omit({ household: true, village: true, township: true, hardship: true, pairedCadre: true })),
  hardship: z.array(ZHardshipLabel),
  pairings: z.array(ZPairing),
  history: z.array(z.object({ at: z.string(), actorName: z.string().nullable(), action: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type THouseholdDetail = z.infer<typeof ZHouseholdDetail>;

export const ZHouseholdIdParams = z.strictObject({ id: ZId });

export const ZAddHardshipRequest = z.strictObject({
  categoryCode: z.string().trim().min(1).max(40),
  residentId: ZId.optional(),
  validFrom: ZIsoDate,
  source: z.string().trim().max(200).default(''),
  note: z.string().trim().max(1000).default(''),
});

export const ZEndHardshipRequest = z.strictObject({ validTo: ZIsoDate, note: z.string().trim().max(1000).optional() });
export const ZHardshipIdParams = z.strictObject({ id: ZId, labelId: ZId });

export const ZRevealed = z.object({ value: z.string() });
/** A resident, whose full ID number is revealed. */
export const ZResidentIdParams = z.strictObject({ id: ZId });
/** A resident's phone row, whose full number is revealed. */
export const ZResidentPhoneIdParams = z.strictObject({ id: ZId });

/* ---- pairing (结对帮扶) ---- */

export const ZAssignCadreRequest = z.strictObject({
  cadreId: ZId,
  role: z.enum(['responsible', 'helper']).default('responsible'),
  startedOn: ZIsoDate,
  reason: z.string().trim().max(500).default(''),
});

export const ZTransferPairingRequest = z.strictObject({
  toCadreId: ZId,
  on: ZIsoDate,
  reason: z.string().trim().min(1).max(500),
});

export const ZEndPairingRequest = z.strictObject({ on: ZIsoDate, reason: z.string().trim().min(1).max(500) });
export const ZPairingIdParams = z.strictObject({ id: ZId });

export const ZBulkAssignRequest = z.strictObject({
  villageCode: ZRegionCode,
  cadreId: ZId,
  startedOn: ZIsoDate,
  reason: z.string().trim().max(500).default(''),
  /** Only hardship households of this category; all hardship households when absent. */
  category: z.string().trim().min(1).max(40).optional(),
});

export const ZPairingReportQuery = z.strictObject({ regionCode: ZRegionCode.optional() });

export const ZPairingReportRow = z.object({
  region: z.object({ code: ZRegionCode, name: z.string(), level: z.string() }),
  hardshipHouseholds: z.number().int(),
  withResponsible: z.number().int(),
  withoutResponsible: z.number().int(),
});

export const ZCadreLoad = z.object({
  cadre: z.object({ id: ZId, username: z.string(), displayName: z.string(), regionCode: ZRegionCode }),
  responsibleFor: z.number().int(),
  helping: z.number().int(),
});

export const ZPairingReport = z.object({
  region: z.object({ code: ZRegionCode, name: z.string(), level: z.string() }),
  totals: ZPairingReportRow.omit({ region: true }),
  rows: z.array(ZPairingReportRow),
  cadres: z.array(ZCadreLoad),
});
