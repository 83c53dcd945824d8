import { hasAnyRole } from '../../../shared/roles.ts';
import type { TWorkbench } from '../../../shared/schemas/workbench.ts';
import { findRegionInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { WorkbenchContribution } from './contribution.ts';
import { WORKBENCH_CONTRIBUTIONS } from './contributions.ts';

/**
 * The actor's workbench: the cards and to-dos of every contribution for one of their roles, in
 * the registry's order. Contributions run one after another (PGlite has one connection, and
 * each is a few queries); a failing one fails the page rather than hiding a card silently.
 *
 * @example
 * const { cards, todos } = await getWorkbench({ db, actor }, { now: new Date() });
 * cards.map((c) => c.kind); // => ['satisfaction', 'pairing-coverage'] for a county leader
 */
export async function getWorkbench({ db, actor }: ReadContext, options: { now: Date; contributions?: readonly WorkbenchContribution[] }): Promise<TWorkbench> {
  const { now } = options;
  const region = await findRegionInScope(db, actor, actor.regionCode);
  const result: TWorkbench = { region: { code: region.code, name: region.name, nameEn: region.name_en, level: region.level }, todos: [], cards: [] };
  for (const contribution of options.contributions ?? WORKBENCH_CONTRIBUTIONS) {
    if (!hasAnyRole(actor.roles, contribution.roles)) continue;
    const part = await contribution.contribute({ db, actor, now });
    result.cards.push(...(part.cards ?? []));
    result.todos.push(...(part.todos ?? []));
  }
  return result;
}
