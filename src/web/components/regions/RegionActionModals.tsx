import type { RegionDetail, TRegion } from '../../types.ts';
import { CloseRegionModal } from './CloseRegionModal.tsx';
import { MoveRegionModal } from './MoveRegionModal.tsx';
import { OpenRegionModal } from './OpenRegionModal.tsx';
import { RenameRegionModal } from './RenameRegionModal.tsx';
import type { RegionScope } from './scope.ts';

export type RegionActionKind = 'open' | 'rename' | 'move' | 'close';

/** An admin action in progress: `region` is the one acted on (for 'open', the parent). */
export interface RegionAction {
  kind: RegionActionKind;
  region: TRegion;
}

interface Props {
  action: RegionAction | null;
  /** The region on screen, whose ancestors tell which parents are in the user's area. */
  current: RegionDetail;
  scope: RegionScope;
  onClose(): void;
  /** After a change: reload, or go elsewhere. */
  onDone(action: RegionAction, result: TRegion): void;
}

export function RegionActionModals({ action, current, scope, onClose, onDone }: Props) {
  if (!action) return null;
  const done = (result: TRegion) => onDone(action, result);
  const chain = [...current.ancestors.map((a) => a.code), current.code];
  const parentCode = action.region.parentCode;
  const grandparentCode = parentCode ? (chain[chain.indexOf(parentCode) - 1] ?? null) : null;

  switch (action.kind) {
    case 'open':
      return <OpenRegionModal parent={current} onClose={onClose} onDone={done} />;
    case 'rename':
      return <RenameRegionModal region={action.region} onClose={onClose} onDone={done} />;
    case 'move':
      return <MoveRegionModal region={action.region} grandparentCode={grandparentCode && scope.inScope(grandparentCode) ? grandparentCode : null} onClose={onClose} onDone={done} />;
    case 'close':
      return <CloseRegionModal region={action.region} parentInScope={Boolean(parentCode && scope.inScope(parentCode))} onClose={onClose} onDone={done} />;
  }
}
