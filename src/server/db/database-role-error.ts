/**
 * A database role or configuration problem (the runtime role, DATABASE_OWNER_URL) that the
 * command line prints as it is, exit code 2. Its own file, free of database code, so the command
 * line can recognise one without loading Kysely.
 */
export class DatabaseRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseRoleError';
  }
}
