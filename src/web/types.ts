/** Response and request shapes of the API, derived from the shared zod schemas (types only). */
import type { z } from 'zod';
import type { ZAuditEntry } from '../shared/schemas/audit.ts';
import type {
  ZCloseRegionRequest,
  ZMoveRegionRequest,
  ZOpenRegionRequest,
  ZRegionChildren,
  ZRegionDetail,
  ZRegionEvent,
  ZRenameRegionRequest,
} from '../shared/schemas/regions.ts';
import type {
  ZAddHardshipRequest,
  ZCadreLoad,
  ZEndHardshipRequest,
  ZHardshipLabel,
  ZPairingReport,
  ZPairingReportRow,
  ZResidentFilter,
  ZSaveHardshipCategoryRequest,
  THouseholdDetail,
} from '../shared/schemas/registry.ts';
import type { ZCreateUserRequest, ZDepartment, ZUpdateUserRequest } from '../shared/schemas/users.ts';

export type { TMe } from '../shared/schemas/auth.ts';
export type { TRegion, TRegionLevel, TRegionWithCounts } from '../shared/schemas/regions.ts';
export type { TUser } from '../shared/schemas/users.ts';
export type { TAuditEntry } from '../shared/schemas/audit.ts';
export type { THardshipCategory, THouseholdDetail, TPairing, TResidentListItem } from '../shared/schemas/registry.ts';
export type { TCrossScopeConflict, TImportChange, TImportIssue, TImportIssueGroup, TImportIssueGroups, TImportJob, TImportMode } from '../shared/registry/import-schemas.ts';

export type RegionDetail = z.infer<typeof ZRegionDetail>;
export type RegionChildren = z.infer<typeof ZRegionChildren>;
export type RegionEvent = z.infer<typeof ZRegionEvent>;
export type OpenRegionRequest = z.input<typeof ZOpenRegionRequest>;
export type RenameRegionRequest = z.input<typeof ZRenameRegionRequest>;
export type MoveRegionRequest = z.input<typeof ZMoveRegionRequest>;
export type CloseRegionRequest = z.input<typeof ZCloseRegionRequest>;
export type Department = z.infer<typeof ZDepartment>;
export type CreateUserRequest = z.input<typeof ZCreateUserRequest>;
export type UpdateUserRequest = z.input<typeof ZUpdateUserRequest>;
export type AuditEntry = z.infer<typeof ZAuditEntry>;
export type HardshipLabel = z.infer<typeof ZHardshipLabel>;
export type HouseholdMember = THouseholdDetail['members'][number];
export type HouseholdHistoryEntry = THouseholdDetail['history'][number];
/** The list filter as the page keeps it (and the URL, and the export): strings, as in the query (the contract's input). */
export type ResidentFilter = z.input<typeof ZResidentFilter>;
export type AddHardshipRequest = z.input<typeof ZAddHardshipRequest>;
export type EndHardshipRequest = z.input<typeof ZEndHardshipRequest>;
export type SaveHardshipCategoryRequest = z.input<typeof ZSaveHardshipCategoryRequest>;
export type PairingReport = z.infer<typeof ZPairingReport>;
export type PairingReportRow = z.infer<typeof ZPairingReportRow>;
export type CadreLoad = z.infer<typeof ZCadreLoad>;

/** A page of a cursor-paginated list: pass `nextCursor` back as `cursor`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
