/**
 * Which roles see which pages and buttons. The server decides; the lists come from
 * src/shared/roles.ts, the same ones the server enforces, so the interface never offers what
 * would be refused.
 */
import { ADMIN_ROLES, CAMPAIGN_MANAGE_ROLES, REGISTRY_READ_ROLES, VISIT_REPORT_ROLES, type TRole } from '../shared/roles.ts';

export {
  CADRE_ROLES,
  CAMPAIGN_MANAGE_ROLES,
  IMPORT_CONFLICT_READ_ROLES,
  IMPORT_CONFLICT_RESOLVE_ROLES,
  IMPORT_ROLES,
  PAIRING_REPORT_ROLES,
  REGISTRY_WRITE_ROLES,
  REVEAL_ID_ROLES,
  REVEAL_PHONE_ROLES,
  SURVEY_CALL_ROLES,
  SURVEY_MANAGE_ROLES,
  SURVEY_PROGRESS_ROLES,
  SURVEY_RESULTS_ROLES,
} from '../shared/roles.ts';

export const REGISTRY_ROLES: readonly TRole[] = REGISTRY_READ_ROLES;
/** Assign, transfer, end and bulk-assign pairings. */
export const PAIRING_WRITE_ROLES: readonly TRole[] = ADMIN_ROLES;
/** PUT /api/hardship-categories/:code */
export const SETTINGS_ROLES: readonly TRole[] = ['county_admin'];

/** The campaigns pages: managers change them, report readers (county leaders) read them. */
export const CAMPAIGN_READ_ROLES: readonly TRole[] = [...new Set([...CAMPAIGN_MANAGE_ROLES, ...VISIT_REPORT_ROLES])];
