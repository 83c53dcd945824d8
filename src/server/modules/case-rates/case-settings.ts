import type { Kysely } from 'kysely';
import { DEFAULT_CASE_SETTINGS, type TCaseSettings } from '../../../shared/cases/index.ts';
import type { DB } from '../../db/schema.ts';

/**
 * A county's case settings as stored, or migration 0016's defaults while none are saved.
 * Shared by the settings routes, the rates and the workbench (due soon).
 *
 * @example
 * const settings = await loadCaseSettings(db, { countyCode: '370921' });
 * settings.weights; // { response: 0.1, resolution: 0.5, satisfaction: 0.4 }
 */
export async function loadCaseSettings(db: Kysely<DB>, options: { countyCode: string }): Promise<TCaseSettings> {
  const row = await db.selectFrom('case_setting').selectAll().where('county_code', '=', options.countyCode).executeTakeFirst();
  if (!row) return { ...DEFAULT_CASE_SETTINGS, countyCode: options.countyCode, saved: false, updatedAt: null };
  return {
    countyCode: row.county_code,
    weights: { response: Number(row.weight_response), resolution: Number(row.weight_resolution), satisfaction: Number(row.weight_satisfaction) },
    basicallySatisfiedCounts: row.basically_satisfied_counts,
    dueSoonHours: row.due_soon_hours,
    callbackAttemptsToClose: row.callback_attempts_to_close,
    autoEscalate: row.auto_escalate,
    saved: true,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
