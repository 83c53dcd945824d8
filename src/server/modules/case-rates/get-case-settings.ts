import type { TCaseSettings } from '../../../shared/cases/index.ts';
import { forbidden } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadCaseSettings } from './case-settings.ts';

/**
 * The caller's county's case settings (weights of the composite, 基本满意, due soon, call-back
 * attempts, automatic escalation): the saved row, or the defaults with `saved: false`. Every
 * reader of the rates may see them (the weights explain the ranking). 403 for an account bound
 * above any county.
 *
 * @example
 * const settings = await getCaseSettings({ db, actor }, {});
 */
export async function getCaseSettings({ db, actor }: ReadContext, _options: Record<string, never>): Promise<TCaseSettings> {
  if (!actor.countyCode) throw forbidden();
  return loadCaseSettings(db, { countyCode: actor.countyCode });
}
