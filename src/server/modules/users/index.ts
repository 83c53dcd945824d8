/** The users module's front door: creating accounts (the first county admin from the command line, the demo's) and listing them. */
export { createUser } from './create-user.ts';
export { listAllUsers } from './list-all-users.ts';
