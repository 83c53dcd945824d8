/** The regions module's front door: the changes of the region tree, each a dated, audited event. */
export { closeRegion } from './close-region.ts';
export { insertRegion } from './insert-region.ts';
export { openRegion } from './open-region.ts';
export { renameRegion } from './rename-region.ts';
