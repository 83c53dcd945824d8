/**
 * The Open311 module's front door (Open311 GeoReport v2, issue 11): other systems file and follow
 * cases at `/open311/v2` with an API key per client system; the county admin manages the keys.
 * Its routes are reached only by app.ts; what others may use is below.
 */
/** The GeoReport status of a case's status (open / closed), for pages that show the public view. */
export { OPEN311_STATUS } from './list-requests.ts';
/** Hashing a key the way the table stores it (tests and the CLI make keys through `createOpen311Client`). */
export { hashApiKey } from './authenticate-client.ts';
export { createOpen311Client } from './create-open311-client.ts';
export { revokeOpen311Client } from './revoke-open311-client.ts';
export { w3cDateTime, parseW3cDateTime } from './open311-format.ts';
