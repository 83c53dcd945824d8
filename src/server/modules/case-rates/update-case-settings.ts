import { sql } from 'kysely';
import type { TCaseSettings, TCaseSettingsInput } from '../../../shared/cases/index.ts';
import { weightThousandths } from '../../../shared/cases/index.ts';
import { forbidden } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { loadCaseSettings } from './case-settings.ts';

/**
 * Saves the county's case settings (county admin), audited as `case_setting.update` with the
 * values before and after, in one transaction. The weights are stored in thousandths' precision
 * (numeric(4, 3)); their sum is 1 (the schema checks it, the table's CHECK holds it).
 *
 * @example
 * await updateCaseSettings({ db, actor, source }, { settings: { weights: { response: 0.2, resolution: 0.4, satisfaction: 0.4 }, basicallySatisfiedCounts: false, dueSoonHours: 8, callbackAttemptsToClose: 3, autoEscalate: true } });
 */
export async function updateCaseSettings({ db, actor, source }: WriteContext, options: { settings: TCaseSettingsInput; now?: Date }): Promise<TCaseSettings> {
  if (!actor.countyCode) throw forbidden();
  const county = await actorCounty(db, actor);
  const s = options.settings;
  const now = options.now ?? new Date();
  const w = (x: number) => (weightThousandths(x) / 1000).toFixed(3);
  const values = {
    weight_response: w(s.weights.response),
    weight_resolution: w(s.weights.resolution),
    weight_satisfaction: w(s.weights.satisfaction),
    basically_satisfied_counts: s.basicallySatisfiedCounts,
    due_soon_hours: s.dueSoonHours,
    callback_attempts_to_close: s.callbackAttemptsToClose,
    auto_escalate: s.autoEscalate,
    updated_by: actor.id,
    updated_at: now,
  };
  return db.transaction().execute(async (trx) => {
    // Locked so two admins saving at once audit a true "before" each.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`case_setting:${actor.countyCode}`}))`.execute(trx);
    const before = await loadCaseSettings(trx, { countyCode: actor.countyCode! });
    await trx
      .insertInto('case_setting')
      .values({ county_code: actor.countyCode!, ...values })
      .onConflict((oc) => oc.column('county_code').doUpdateSet(values))
      .execute();
    const after = await loadCaseSettings(trx, { countyCode: actor.countyCode! });
    const strip = ({ countyCode: _c, saved: _s, updatedAt: _u, ...rest }: TCaseSettings) => rest;
    await recordAudit({ db: trx, source }, { action: 'case_setting.update', entityType: 'case_setting', entityId: actor.countyCode, region: county, before: before.saved ? strip(before) : null, after: strip(after) });
    return after;
  });
}
