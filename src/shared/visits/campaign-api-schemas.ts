/**
 * What the campaigns routes take and answer (issue 10, points 1 and 2): drafting a campaign with
 * its regions and, for a custom campaign, its target filter; the campaign as lists and the detail
 * page show it; its targets by village; bulk (re)assignment; the policy list.
 *
 * The definition itself is `ZCampaignDefinition` (campaign-schemas.ts); these schemas add what
 * belongs to the campaign as a record (where it runs, who visits whom, its state).
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZListCode, zName } from '../schemas/common.ts';
import { ZCampaignDefinition, ZCampaignKind, ZCode } from './campaign-schemas.ts';

/** A township (9 digits) or village (12 digits) division code a campaign covers. */
export const ZCampaignRegionCode = z.string().regex(/^(\d{9}|\d{12})$/, { message: 'a township or village code: 9 or 12 digits' });

/** A village's division code (12 digits). */
export const ZVillageCode = z.string().regex(/^\d{12}$/, { message: 'a village code: 12 digits' });

/**
 * A custom campaign's target filter: households of these villages (inside the campaign's regions;
 * none = all of them) having a hardship label in force of one of these categories (none = any
 * household). Kept on the campaign (`visit_campaign.target_filter`) and applied when it opens.
 *
 * @example
 * ZCustomTargetFilter.parse({ villageCodes: ['370921104201'], categoryCodes: ['dibao'] });
 */
export const ZCustomTargetFilter = z.strictObject({
  villageCodes: z.array(ZVillageCode).max(500).default([]),
  categoryCodes: z.array(ZCode).max(50).default([]),
});
export type TCustomTargetFilter = z.infer<typeof ZCustomTargetFilter>;

/**
 * A campaign as an admin drafts it: its definition, the townships or villages it covers (inside
 * the admin's subtree), and for a custom campaign the target filter (refused for the other kinds).
 *
 * @example
 * ZCampaignDraft.parse({ definition, regionCodes: ['370921104'] });
 */
export const ZCampaignDraft = z
  .strictObject({
    definition: ZCampaignDefinition,
    regionCodes: z.array(ZCampaignRegionCode).min(1, { message: 'a campaign needs at least one township or village' }).max(500),
    targetFilter: ZCustomTargetFilter.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    if (new Set(d.regionCodes).size !== d.regionCodes.length) ctx.addIssue({ code: 'custom', message: 'a region is listed twice', path: ['regionCodes'] });
    if (d.targetFilter !== null && d.definition.kind !== 'custom') ctx.addIssue({ code: 'custom', message: 'only a custom campaign has a target filter', path: ['targetFilter'] });
  });
export type TCampaignDraft = z.infer<typeof ZCampaignDraft>;
export type TCampaignDraftInput = z.input<typeof ZCampaignDraft>;

export const ZCampaignIdParams = z.strictObject({ id: ZId });

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export const ZCampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type TCampaignStatus = z.infer<typeof ZCampaignStatus>;

export const ZCampaignListQuery = z.strictObject({ status: ZCampaignStatus.optional() });

/** A campaign in a list. `targets` counts the targets inside the viewer's subtree (0 while drafting). */
export const ZCampaignSummary = z.object({
  id: ZId,
  name: z.string(),
  kind: ZCampaignKind,
  status: ZCampaignStatus,
  /** The organiser's region (county or township). */
  regionCode: z.string(),
  regionName: z.string(),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  deadline: ZIsoDate,
  graceDays: z.number().int(),
  targets: z.number().int(),
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The viewer may change it (draft, open, close): it was organised inside their subtree and they manage campaigns. */
  canManage: z.boolean(),
});
export type TCampaignSummary = z.infer<typeof ZCampaignSummary>;

/** Target counts of one village (inside the viewer's subtree). */
export const ZCampaignVillageCount = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
  targets: z.number().int(),
  hardship: z.number().int(),
  /** Targets given to a named cadre; the others are the village's cadres'. */
  assigned: z.number().int(),
});

/** Target counts of one township (the sum of its villages). */
export const ZCampaignTownshipCount = z.object({
  townshipCode: z.string(),
  townshipName: z.string(),
  targets: z.number().int(),
  hardship: z.number().int(),
  assigned: z.number().int(),
});

/** A campaign with its definition, regions and target counts (inside the viewer's subtree). */
export const ZCampaignDetail = ZCampaignSummary.extend({
  definition: ZCampaignDefinition,
  regions: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  targetFilter: ZCustomTargetFilter.nullable(),
  townships: z.array(ZCampaignTownshipCount),
  villages: z.array(ZCampaignVillageCount),
});
export type TCampaignDetail = z.infer<typeof ZCampaignDetail>;

export const ZCampaignTargetsQuery = z.strictObject({
  villageCode: ZVillageCode,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** One target household of a village, with its assigned cadre (null: the village's cadres). */
export const ZCampaignTarget = z.object({
  householdId: ZId,
  householdNo: z.string(),
  /** The head's name (as the registry lists show it to the same admins); no ID number or phone. */
  headName: z.string(),
  hardship: z.boolean(),
  categoryCodes: z.array(z.string()),
  cadre: z.object({ id: ZId, displayName: z.string(), username: z.string() }).nullable(),
});
export type TCampaignTarget = z.infer<typeof ZCampaignTarget>;

export const ZCampaignTargetPage = z.object({ items: z.array(ZCampaignTarget), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type TCampaignTargetPage = z.infer<typeof ZCampaignTargetPage>;

/**
 * Bulk (re)assignment inside one village: all its targets (no `householdIds`) or the chosen ones,
 * to one cadre, or back to the village's cadres (`cadreId: null`).
 *
 * @example
 * ZReassignTargetsRequest.parse({ villageCode: '370921104201', cadreId: '12' });
 */
export const ZReassignTargetsRequest = z.strictObject({
  villageCode: ZVillageCode,
  householdIds: z.array(ZId).min(1).max(2_000).optional(),
  cadreId: ZId.nullable(),
});
export type TReassignTargetsRequest = z.infer<typeof ZReassignTargetsRequest>;

export const ZReassignTargetsResult = z.object({ reassigned: z.number().int() });

/** A cadre who may be given targets of a village: an active account with a cadre role whose region contains the village. */
export const ZCampaignCadre = z.object({ id: ZId, username: z.string(), displayName: z.string(), regionName: z.string() });
export const ZCampaignCadresQuery = z.strictObject({ villageCode: ZVillageCode });

/** A policy of the configurable list visits explain (政策宣传). */
export const ZPolicy = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), sort: z.number().int(), active: z.boolean() });
export type TPolicy = z.infer<typeof ZPolicy>;
export const ZPolicyParams = z.strictObject({ code: ZListCode });
export const ZSavePolicyRequest = z.strictObject({
  name: zName(60),
  nameEn: zName(120),
  sort: z.number().int().min(0).max(10_000),
  active: z.boolean(),
});
export type TSavePolicyRequest = z.infer<typeof ZSavePolicyRequest>;
