/** Response and request shapes of the API, derived from the shared zod schemas (types only). */
import type { z } from 'zod';
import type { ZAuditEntry, ZListAuditQuery } from '../shared/schemas/audit.ts';
import type {
  ZCloseRegionRequest,
  ZMoveRegionRequest,
  ZOpenRegionRequest,
  ZRegionChildren,
  ZRegionDetail,
  ZRegionEvent,
  ZRenameRegionRequest,
} from '../shared/schemas/regions.ts';
import type { ZCreateUserRequest, ZDepartment, ZListUsersQuery, ZUpdateUserRequest } from '../shared/schemas/users.ts';

export type { TMe } from '../shared/schemas/auth.ts';
export type { TRegion, TRegionLevel, TRegionWithCounts } from '../shared/schemas/regions.ts';
export type { TUser } from '../shared/schemas/users.ts';
export type { TAuditEntry } from '../shared/schemas/audit.ts';

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
export type ListUsersQuery = Partial<z.input<typeof ZListUsersQuery>>;
export type AuditEntry = z.infer<typeof ZAuditEntry>;
export type ListAuditQuery = Partial<z.input<typeof ZListAuditQuery>>;

/** A page of a cursor-paginated list: pass `nextCursor` back as `cursor`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
