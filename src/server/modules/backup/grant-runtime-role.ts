import { createRuntimeRole, type RuntimeRoleOptions, type RuntimeRoleResult } from '../../db/runtime-role.ts';
import type { Actor } from '../../http/context.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * Creates (or repairs) the least-privilege role the server runs as, with its audit entry in the
 * same transaction. Runs as the database owner, from the command line (`lianxin db
 * grant-runtime-role`), never from a request.
 *
 * @example
 * const granted = await grantRuntimeRole({ db: ownerDb, actor: null, source: cliAuditSource('db grant-runtime-role') }, { role: 'lianxin_app', login: true });
 * granted.tables; // tables granted, the audit log with SELECT and INSERT only
 */
export async function grantRuntimeRole({ db, source }: WriteContext<Actor | null>, options: RuntimeRoleOptions): Promise<RuntimeRoleResult> {
  return db.transaction().execute(async (trx) => {
    const granted = await createRuntimeRole(trx, options);
    await recordAudit({ db: trx, source }, {
      action: 'database.grant_runtime_role',
      entityType: 'database_role',
      entityId: granted.role,
      after: { created: granted.created, login: options.login ?? true, passwordChanged: Boolean(options.password), tables: granted.tables, sequences: granted.sequences },
    });
    return granted;
  });
}
