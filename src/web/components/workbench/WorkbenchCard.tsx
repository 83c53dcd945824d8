import type { ComponentType } from 'react';
import type { TWorkbenchCard } from '../../../shared/schemas/workbench.ts';
import type { CardOf } from './cards.ts';
import { CasesOverdueCard } from './CasesOverdueCard.tsx';
import { FieldworkCard } from './FieldworkCard.tsx';
import { MyPairingsCard } from './MyPairingsCard.tsx';
import { PairingCoverageCard } from './PairingCoverageCard.tsx';
import { SatisfactionCard } from './SatisfactionCard.tsx';
import { VisitProgressCard } from './VisitProgressCard.tsx';
import { VisitsDueCard } from './VisitsDueCard.tsx';
import { WorkstationCard } from './WorkstationCard.tsx';

/**
 * One renderer per card kind of the contract. The mapped type makes a new kind (a module's new
 * contribution) fail the build until it has its renderer here.
 */
const RENDERERS: { [K in TWorkbenchCard['kind']]: ComponentType<{ card: CardOf<K> }> } = {
  satisfaction: SatisfactionCard,
  'pairing-coverage': PairingCoverageCard,
  'my-pairings': MyPairingsCard,
  workstation: WorkstationCard,
  fieldwork: FieldworkCard,
  'visits-due': VisitsDueCard,
  'visit-progress': VisitProgressCard,
  'cases-overdue': CasesOverdueCard,
};

/** Whether a card takes the page's whole width on a wide screen (a chart or a list). */
export const isWide = (card: TWorkbenchCard) => card.kind === 'satisfaction' || card.kind === 'my-pairings';

export function WorkbenchCard({ card }: { card: TWorkbenchCard }) {
  const Renderer = RENDERERS[card.kind] as ComponentType<{ card: TWorkbenchCard }>;
  return <Renderer card={card} />;
}
