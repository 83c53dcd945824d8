/**
 * Which roles see which pages and buttons. The server decides (its routes and use cases hold the
 * same lists and enforce them); these copies only keep the interface from offering what would
 * be refused. Keep them in step with the files named on each line.
 */
import { ADMIN_ROLES, type TRole } from '../shared/roles.ts';

/** src/server/modules/registry/routes.ts REGISTRY_READ_ROLES */
export const REGISTRY_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin', 'village_cadre', 'department_handler'];
/** src/server/modules/registry/routes.ts REGISTRY_WRITE_ROLES (hardship labels) */
export const REGISTRY_WRITE_ROLES: readonly TRole[] = ['county_admin', 'township_admin'];
/** src/server/modules/registry/reveal-personal-number.ts REVEAL_ID_ROLES */
export const REVEAL_ID_ROLES: readonly TRole[] = ['county_admin', 'township_admin', 'department_handler'];
/** src/server/modules/registry/reveal-personal-number.ts REVEAL_PHONE_ROLES */
export const REVEAL_PHONE_ROLES: readonly TRole[] = ['county_admin', 'township_admin', 'village_cadre', 'department_handler'];
/** src/server/modules/pairing/routes.ts: the report */
export const PAIRING_REPORT_ROLES: readonly TRole[] = ['county_admin', 'county_leader', 'township_admin'];
/** src/server/modules/pairing/routes.ts: assign, transfer, end, bulk-assign */
export const PAIRING_WRITE_ROLES: readonly TRole[] = ADMIN_ROLES;
/** src/server/modules/pairing/pairing-rules.ts CADRE_ROLES: accounts that can be paired with a family */
export const CADRE_ROLES: readonly TRole[] = ['village_cadre', 'township_admin', 'county_admin', 'department_handler'];
/** src/server/modules/imports/routes.ts IMPORT_ROLES */
export const IMPORT_ROLES: readonly TRole[] = ['county_admin', 'township_admin'];
/** PUT /api/hardship-categories/:code */
export const SETTINGS_ROLES: readonly TRole[] = ['county_admin'];
