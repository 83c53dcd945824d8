import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TRectificationSettings } from '../../../shared/assessment/index.ts';

/** The defaults of a county that saved none (the migration's column defaults). */
export const DEFAULT_RECTIFICATION_SETTINGS = { indexThreshold: 80, domainScoreThreshold: 75, dissatisfactionThreshold: 0.15, caseMinCount: 5, caseAlpha: 0.05 } as const;

/**
 * The county's rectification settings, or the defaults (saved: false).
 *
 * @example
 * const s = await loadRectificationSettings(db, { countyCode: '370921' }); // { indexThreshold: 80, … }
 */
export async function loadRectificationSettings(db: Kysely<DB>, { countyCode }: { countyCode: string }): Promise<TRectificationSettings> {
  const row = await db.selectFrom('rectification_setting').selectAll().where('county_code', '=', countyCode).executeTakeFirst();
  if (!row) return { countyCode, saved: false, updatedAt: null, ...DEFAULT_RECTIFICATION_SETTINGS };
  return {
    countyCode,
    saved: true,
    updatedAt: new Date(row.updated_at).toISOString(),
    indexThreshold: Number(row.index_threshold),
    domainScoreThreshold: Number(row.domain_score_threshold),
    dissatisfactionThreshold: Number(row.dissatisfaction_threshold),
    caseMinCount: row.case_min_count,
    caseAlpha: Number(row.case_alpha),
  };
}
