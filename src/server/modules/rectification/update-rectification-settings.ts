import { sql } from 'kysely';
import { forbidden } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import type { TRectificationSettings, TRectificationSettingsInput } from '../../../shared/assessment/index.ts';
import { loadRectificationSettings } from './rectification-settings.ts';

/**
 * Saves the county's thresholds (county admin), audited as `rectification_setting.update` with
 * the values before and after, in one transaction.
 *
 * @example
 * await updateRectificationSettings({ db, actor, source }, { settings: { indexThreshold: 82, domainScoreThreshold: 75, dissatisfactionThreshold: 0.12, caseMinCount: 5, caseAlpha: 0.05 } });
 */
export async function updateRectificationSettings({ db, actor, source }: WriteContext, options: { settings: TRectificationSettingsInput; now?: Date }): Promise<TRectificationSettings> {
  if (!actor.countyCode) throw forbidden();
  const county = await actorCounty(db, actor);
  const s = options.settings;
  const values = {
    index_threshold: s.indexThreshold,
    domain_score_threshold: s.domainScoreThreshold,
    dissatisfaction_threshold: s.dissatisfactionThreshold,
    case_min_count: s.caseMinCount,
    case_alpha: s.caseAlpha,
    updated_by: actor.id,
    updated_at: options.now ?? new Date(),
  };
  return db.transaction().execute(async (trx) => {
    // Locked so two admins saving at once each audit a true "before".
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`rectification_setting:${actor.countyCode}`}))`.execute(trx);
    const before = await loadRectificationSettings(trx, { countyCode: actor.countyCode! });
    await trx
      .insertInto('rectification_setting')
      .values({ county_code: actor.countyCode!, ...values })
      .onConflict((oc) => oc.column('county_code').doUpdateSet(values))
      .execute();
    const after = await loadRectificationSettings(trx, { countyCode: actor.countyCode! });
    const strip = ({ countyCode: _c, saved: _s, updatedAt: _u, ...rest }: TRectificationSettings) => rest;
    await recordAudit({ db: trx, source }, { action: 'rectification_setting.update', entityType: 'rectification_setting', entityId: actor.countyCode, region: county, before: before.saved ? strip(before) : null, after: strip(after) });
    return after;
  });
}
