/**
 * The registry module's front door: households and residents as others read them, the one way
 * to protect personal numbers before writing them (`prepare-resident.ts`), and hardship labels in
 * force.
 */
export { getHousehold } from './get-household.ts';
/** The visits module writes an approved hardship proposal through these (inside its own transaction). */
export { addHardshipLabel } from './add-hardship-label.ts';
export { endHardshipLabel } from './end-hardship-label.ts';
export { hardshipInForce } from './hardship-in-force.ts';
export { namePinyin } from './name-pinyin.ts';
export { nameColumns, protectIdNumber, protectPhone } from './prepare-resident.ts';
export { listResidents } from './list-residents.ts';
export { residentQuery, searchResidents } from './search-residents.ts';
export { COUNT_CAP, countMatches } from './list-residents.ts';
export type { RegistryReadContext, ResidentFilter } from './search-residents.ts';
