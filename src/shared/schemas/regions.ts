import { z } from 'zod';
import { noInvisibleCharacters, zName, ZId, ZIsoDate, ZRegionCode } from './common.ts';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village', 'grid'] as const;
export const ZRegionLevel = z.enum(REGION_LEVELS);
export type TRegionLevel = z.infer<typeof ZRegionLevel>;

/** The level a child of each level has. */
export const CHILD_LEVEL: Partial<Record<TRegionLevel, TRegionLevel>> = {
  province: 'city',
  city: 'county',
  county: 'township',
  township: 'village',
  village: 'grid',
};

/** Digits of the division code at each level (统计用区划代码). */
export const CODE_LENGTH: Record<TRegionLevel, number> = { province: 6, city: 6, county: 6, township: 9, village: 12, grid: 15 };

export const REGION_KINDS = ['town', 'subdistrict', 'township', 'village', 'community', 'grid', 'county', 'district', 'city', 'province'] as const;
export const ZRegionKind = z.enum(REGION_KINDS);

export const ZRegion = z.object({
  id: ZId,
  code: ZRegionCode,
  name: z.string(),
  nameEn: z.string().nullable(),
  level: ZRegionLevel,
  kind: z.string().nullable(),
  parentCode: ZRegionCode.nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  successorCode: ZRegionCode.nullable(),
  successorName: z.string().nullable(),
  synthetic: z.boolean(),
});
export type TRegion = z.infer<typeof ZRegion>;

export const ZRegionWithCounts = ZRegion.extend({
  /** Open direct children. */
  childCount: z.number().int(),
  /** Open regions anywhere below. */
  descendantCount: z.number().int(),
  /** Active accounts bound to this region or below. */
  userCount: z.number().int(),
});
export type TRegionWithCounts = z.infer<typeof ZRegionWithCounts>;

export const ZRegionDetail = ZRegionWithCounts.extend({
  /** From the top of the tree down to the parent. */
  ancestors: z.array(ZRegion.pick({ code: true, name: true, nameEn: true, level: true })),
});

export const ZRegionChildren = z.object({ parent: ZRegionDetail, items: z.array(ZRegionWithCounts) });

export const ZRegionCodeParams = z.strictObject({ code: ZRegionCode });

/** GET /api/deployment (public): the region the deployment serves, or null when the tree has no single top. */
export const ZDeployment = z.object({ region: z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable(), level: ZRegionLevel }).nullable() });
export type TDeployment = z.infer<typeof ZDeployment>;

export const ZListChildrenQuery = z.strictObject({
  includeClosed: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

const ZName = zName(100);
const ZNameEn = z.string().check(noInvisibleCharacters).trim().max(200);

export const ZOpenRegionRequest = z.strictObject({
  parentCode: ZRegionCode,
  code: ZRegionCode,
  name: ZName,
  nameEn: ZNameEn.optional(),
  kind: ZRegionKind.optional(),
  openedOn: ZIsoDate,
});

export const ZRenameRegionRequest = z.strictObject({
  name: ZName,
  nameEn: ZNameEn.optional(),
  effectiveOn: ZIsoDate,
});

/** Move a village (or grid) under another parent of the same level, e.g. after re-zoning. */
export const ZMoveRegionRequest = z.strictObject({ newParentCode: ZRegionCode, effectiveOn: ZIsoDate });

/** Close a region; with `successorCode` it is merged (撤并) into that region. */
export const ZCloseRegionRequest = z.strictObject({
  closedOn: ZIsoDate,
  successorCode: ZRegionCode.optional(),
  reason: z.string().trim().max(500).optional(),
});

export const ZRegionEvent = z.object({
  id: ZId,
  kind: z.enum(['open', 'rename', 'move', 'merge', 'close', 'reopen']),
  effectiveOn: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
