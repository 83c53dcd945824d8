/**
 * The contract of the import API (/api/imports): upload parameters, jobs and their issues.
 */
import { z } from 'zod';
import { ZId, ZPageQuery, ZRegionCode } from '../schemas/common.ts';

export const IMPORT_MODES = ['all_or_nothing', 'partial'] as const;
export const ZImportMode = z.enum(IMPORT_MODES);
export type TImportMode = z.infer<typeof ZImportMode>;

/**
 * awaiting_confirmation: the file would change records the registry already holds; nothing was
 * written, the changes are listed, and the importer confirms (a new job writes them) or not.
 * confirmed / expired: a preview that was confirmed, or that can no longer be (its upload is gone,
 * or the registry changed since).
 */
export const IMPORT_STATUSES = ['running', 'succeeded', 'rejected', 'failed', 'awaiting_confirmation', 'confirmed', 'expired'] as const;
export const ZImportStatus = z.enum(IMPORT_STATUSES);

/** Content types the upload accepts: the file itself as the request body. */
export const IMPORT_CONTENT_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // What browsers on Windows report for a .csv file when Excel is installed.
  'application/vnd.ms-excel',
] as const;

export const ZImportUploadQuery = z.strictObject({
  /** The file's name as the user chose it: shown in the job list and recorded as the labels' source. */
  fileName: z.string().trim().min(1).max(200),
  mode: ZImportMode.default('all_or_nothing'),
});

/** Job ids are UUIDs. */
export const ZImportJobId = z.uuid();
export const ZImportJobParams = z.strictObject({ id: ZImportJobId });

export const ZImportJob = z.object({
  id: ZImportJobId,
  kind: z.string(),
  fileName: z.string(),
  mode: ZImportMode,
  status: ZImportStatus,
  region: z.object({ code: ZRegionCode, name: z.string() }).nullable(),
  user: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  /** Rows read so far; while running, `totalRows` is an estimate from the bytes read. */
  processedRows: z.number().int(),
  totalRows: z.number().int(),
  /** 0 … 1. */
  progress: z.number(),
  /** Rows whose resident was inserted, updated (a field or a phone), or found unchanged. */
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows not imported because of a problem (their own, or in partial mode their household's). */
  rejectedRows: z.number().int(),
  issueCount: z.number().int(),
  /** Changes to existing households and people: to confirm (awaiting_confirmation), or written. */
  changeCount: z.number().int(),
  /** The preview this job confirms, and the job that confirmed this preview. */
  confirmsJobId: ZImportJobId.nullable(),
  confirmedByJobId: ZImportJobId.nullable(),
  /** A file-level problem (empty, unreadable, header missing …), with its message. */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImportJob = z.infer<typeof ZImportJob>;

export const ZImportIssue = z.object({
  rowNo: z.number().int(),
  column: z.string(),
  value: z.string(),
  problem: z.string(),
  message: z.string(),
});
export type TImportIssue = z.infer<typeof ZImportIssue>;

/** The issues of one kind only (a group's "show all"): its code, and its column as the file wrote it. */
export const ZImportIssuesQuery = ZPageQuery.extend({
  problem: z.string().regex(/^[a-z_]{1,64}$/).optional(),
  column: z.string().max(200).optional(),
});

/** Issues grouped by kind: what went wrong, how often, and where. */
export const ZImportIssueGroup = z.object({
  problem: z.string(),
  message: z.string(),
  /** The column as the file wrote it ('' for issues about the row). */
  column: z.string(),
  count: z.number().int(),
  /** The first rows (in order), at most IMPORT_GROUP_ROWS; the rest through the issues list filtered by problem and column. */
  rows: z.array(z.number().int()),
  /** The commonest values (masked for ID numbers and phones), with how many rows have each. */
  values: z.array(z.object({ value: z.string(), count: z.number().int() })),
});
export type TImportIssueGroup = z.infer<typeof ZImportIssueGroup>;
export const ZImportIssueGroups = z.object({
  groups: z.array(ZImportIssueGroup),
  /** Issues found but not stored (beyond the limit per job): counted, not listed. */
  notStored: z.number().int(),
});
export type TImportIssueGroups = z.infer<typeof ZImportIssueGroups>;
/** Rows listed per group. */
export const IMPORT_GROUP_ROWS = 20;

/** One changed field of an existing household or person, as a re-import would write (or wrote) it. */
export const ZImportChange = z.object({
  rowNo: z.number().int(),
  householdNo: z.string(),
  /** The person as registered ('' for a household's own fields). */
  person: z.string(),
  field: z.string(),
  /** The field's name in the caller's language. */
  fieldLabel: z.string(),
  /** Values in the caller's language ('' for "none": a phone or label added). */
  oldValue: z.string(),
  newValue: z.string(),
});
export type TImportChange = z.infer<typeof ZImportChange>;
export const ZImportChangesQuery = ZPageQuery;

/** Confirming a preview: nothing to send; the job's own file is imported again. */
export const ZConfirmImport = z.strictObject({});

/** The template's query: nothing (the villages are the caller's). */
export const ZImportTemplateQuery = z.strictObject({});
export const ZImportListQuery = ZPageQuery;

/**
 * A collision of an import row with a record outside the importer's scope, as the county sees
 * it (the importer sees only a neutral issue on the row). ID numbers masked.
 */
export const CROSS_SCOPE_CONFLICT_KINDS = ['household_no', 'id_number'] as const;
export const CROSS_SCOPE_RESOLUTIONS = ['moved', 'typing_error'] as const;
const ZRegionRef = z.object({ code: ZRegionCode, name: z.string() });
export const ZCrossScopeConflict = z.object({
  id: ZId,
  status: z.enum(['open', 'resolved']),
  kind: z.enum(CROSS_SCOPE_CONFLICT_KINDS),
  /** The import that found it, and the row. */
  job: z.object({ id: ZImportJobId, fileName: z.string(), rowNo: z.number().int() }),
  /** The importer's region, and the village the row names inside it. */
  importRegion: ZRegionRef,
  village: ZRegionRef,
  householdNo: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  /** The record hit: its household (with village and township), and for an ID number the person. */
  existing: z.object({
    householdId: ZId,
    householdNo: z.string(),
    village: ZRegionRef,
    township: ZRegionRef.nullable(),
    resident: z.object({ id: ZId, name: z.string(), idNumberMasked: z.string() }).nullable(),
  }),
  resolution: z.enum(CROSS_SCOPE_RESOLUTIONS).nullable(),
  note: z.string(),
  resolvedBy: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TCrossScopeConflict = z.infer<typeof ZCrossScopeConflict>;

export const ZCrossScopeConflictQuery = ZPageQuery.extend({ status: z.enum(['open', 'resolved', 'all']).default('open') });
export const ZCrossScopeConflictParams = z.strictObject({ id: ZId });
export const ZResolveCrossScopeConflict = z.strictObject({
  /** moved (迁户): the household, or the person, goes to the importing township; typing_error: dismissed with the note. */
  resolution: z.enum(CROSS_SCOPE_RESOLUTIONS),
  note: z.string().trim().max(500).default(''),
});
