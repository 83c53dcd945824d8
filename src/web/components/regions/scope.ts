import type { RegionDetail, TMe } from '../../types.ts';
import { ADMIN_ROLES, hasAnyRole } from '../../../shared/roles.ts';
import { localDate } from '../../../shared/time.ts';
import { isClosed } from '../../format.ts';

/**
 * What the user may do around the region on screen, from its ancestors and the user's own region.
 * The server enforces all of it anyway; this only decides what to show.
 */
export interface RegionScope {
  /** Whether a region of this chain (an ancestor or the region itself) is inside the user's area. */
  inScope(code: string): boolean;
  /** The region on screen may be renamed, moved, closed (strictly below the user's region). */
  canChangeCurrent: boolean;
  /** Children may be opened, renamed, moved, closed. */
  canChangeChildren: boolean;
}

export function regionScope(region: RegionDetail, me: TMe): RegionScope {
  const chain = [...region.ancestors.map((a) => a.code), region.code];
  const scopeIndex = chain.indexOf(me.region.code);
  const admin = hasAnyRole(me.roles, ADMIN_ROLES);
  const open = !isClosed(region, localDate());
  return {
    inScope: (code) => scopeIndex >= 0 && chain.indexOf(code) >= scopeIndex,
    canChangeCurrent: admin && open && scopeIndex >= 0 && chain.length - 1 > scopeIndex,
    canChangeChildren: admin && scopeIndex >= 0,
  };
}
