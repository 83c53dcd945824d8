/**
 * The pairing module on the workbench: hardship households and their coverage by responsible
 * cadres for those who read the coverage report, a to-do for the unpaired ones for those who
 * assign cadres, and "my paired households" (结对户) for cadres.
 */
import { ADMIN_ROLES, CADRE_ROLES, hasAnyRole, PAIRING_REPORT_ROLES } from '../../../shared/roles.ts';
import type { WorkbenchContribution } from '../workbench/index.ts';
import { listMyPairings } from './list-my-pairings.ts';
import { pairingReport } from './pairing-report.ts';

/** Paired households listed on the card; the rest are counted. */
const MY_PAIRINGS_SHOWN = 20;

export const pairingWorkbench: WorkbenchContribution[] = [
  {
    module: 'pairing',
    roles: PAIRING_REPORT_ROLES,
    contribute: async ({ db, actor }) => {
      const { region, totals } = await pairingReport({ db, actor }, {});
      const todos =
        hasAnyRole(actor.roles, ADMIN_ROLES) && totals.withoutResponsible > 0
          ? [{ key: 'pairing.unpaired' as const, module: 'pairing', count: totals.withoutResponsible, more: false, href: '/pairing' }]
          : [];
      return { cards: [{ kind: 'pairing-coverage', region, ...totals }], todos };
    },
  },
  {
    module: 'pairing',
    roles: CADRE_ROLES,
    contribute: async ({ db, actor }) => {
      const mine = await listMyPairings({ db, actor }, { limit: MY_PAIRINGS_SHOWN });
      // A village cadre always sees the card (an empty one says so); other cadres only when paired.
      if (mine.total === 0 && !actor.roles.includes('village_cadre')) return {};
      return { cards: [{ kind: 'my-pairings', ...mine }] };
    },
  },
];
