import { forbidden } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { TRectificationSettings } from '../../../shared/assessment/index.ts';
import { loadRectificationSettings } from './rectification-settings.ts';

/**
 * The caller's county's thresholds for proposals and its rule for a case category piling up.
 *
 * @example
 * await getRectificationSettings({ db, actor }, {}); // { indexThreshold: 80, domainScoreThreshold: 75, … }
 */
export async function getRectificationSettings({ db, actor }: ReadContext, _options: Record<string, never>): Promise<TRectificationSettings> {
  if (!actor.countyCode) throw forbidden();
  return loadRectificationSettings(db, { countyCode: actor.countyCode });
}
